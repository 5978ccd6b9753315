import type { DataSource } from 'typeorm';
import type { MailQueue } from '../../mail/mail-queue';
import { roundReminderMail } from '../../mail/templates';
import { roundLabels, type RoundKind } from './report.enums';
import { formatDeadline } from './round-defaults';
import { countedProjectSql, effectiveDeadlineSql } from './reporting-rules';

/**
 * Mails the coordinator of every LAO that has not reported all its counted projects,
 * N days before *its own* deadline in a round (the rulebook's `effectiveDeadline`: a granted
 * extension moves it), and never one with nothing missing. A row in `round_reminder` (unique per
 * round and LAO) is claimed and the mail enqueued in one transaction, so each LAO gets its mail of a
 * round (at least, and by its key `reminder:<lao>:<fiscal year>:<round>` at most) once, even across
 * restarts, failing mail servers and several server instances. The job queue's schedule runs it
 * (REMINDER_CRON / REMINDER_INTERVAL_MINUTES; server/jobs/job-queue.ts).
 */
export class ReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mails: MailQueue,
    private readonly options: { daysBefore: number; now: () => Date },
  ) {}

  /** Enqueues the mails due now; returns how many. */
  async run(): Promise<number> {
    const now = this.options.now();
    const count = await this.dataSource.transaction(async (manager) => {
      const due: {
        round_id: number;
        lao_id: number;
        fiscal_year: number;
        kind: RoundKind;
        deadline: Date;
        email: string;
        name_th: string;
        missing: number;
      }[] = await manager.query(
        `WITH candidates AS (
           -- LAOs with a passed plan in a round open to them now (the round's window, or their extension).
           SELECT rr.id AS round_id, rr.fiscal_year, rr.kind, pl.lao_id,
                  ${effectiveDeadlineSql('rr', 'pl.lao_id')} AS deadline
             FROM reporting_round rr
             JOIN plan pl ON pl.fiscal_year = rr.fiscal_year AND pl.status = 'PASSED'
            WHERE rr.opens_at <= $1
              AND (rr.closes_at > $1 OR EXISTS (SELECT 1 FROM round_extension e
                     WHERE e.round_id = rr.id AND e.lao_id = pl.lao_id AND e.status = 'GRANTED' AND e.until > $1))
         ), due AS (
           -- Within N days of its own deadline, with counted projects not reported.
           SELECT c.round_id, c.lao_id, c.deadline, count(*)::int AS missing
             FROM candidates c
             JOIN project p ON p.lao_id = c.lao_id AND p.fiscal_years @> ARRAY[c.fiscal_year]::smallint[]
                           AND ${countedProjectSql('p')}
             LEFT JOIN report rep ON rep.project_id = p.id AND rep.fiscal_year = c.fiscal_year AND rep.round = c.kind
            WHERE c.deadline > $1 AND c.deadline - make_interval(days => $2) <= $1 AND rep.id IS NULL
            GROUP BY c.round_id, c.lao_id, c.deadline
         ), claimed AS (
           INSERT INTO round_reminder (round_id, lao_id)
           SELECT d.round_id, d.lao_id FROM due d
             JOIN lao l ON l.id = d.lao_id AND l.coordinator_email IS NOT NULL
           ON CONFLICT DO NOTHING
           RETURNING round_id, lao_id
         )
         SELECT c.round_id, c.lao_id, r.fiscal_year, r.kind, d.deadline,
                l.coordinator_email AS email, l.name_th, d.missing
           FROM claimed c
           JOIN reporting_round r ON r.id = c.round_id
           JOIN lao l ON l.id = c.lao_id
           JOIN due d ON d.round_id = c.round_id AND d.lao_id = c.lao_id`,
        [now, this.options.daysBefore],
      );
      await this.mails.enqueueAll(
        due.map((row) => ({
          key: `reminder:${row.lao_id}:${row.fiscal_year}:${row.kind}`,
          mail: roundReminderMail(row.email, row.name_th, {
            round: `${roundLabels[row.kind]} ปีงบประมาณ ${row.fiscal_year}`,
            deadline: formatDeadline(new Date(row.deadline)),
            missing: row.missing,
          }),
        })),
        manager,
      );
      return due.length;
    });
    if (count > 0) this.mails.wake();
    return count;
  }
}
