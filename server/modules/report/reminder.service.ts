import type { DataSource } from 'typeorm';
import type { Mailer } from '../../mail/mailer';
import { roundReminderMail } from '../../mail/templates';
import { roundLabels, type RoundKind } from './report.enums';
import { formatDeadline } from './round-defaults';

/**
 * Mails the coordinator of every LAO that has not reported all its reportable
 * projects, N days before a round closes. A row in `round_reminder` (unique per
 * round and LAO) is claimed before mailing, so each LAO gets one mail per round
 * even across restarts and several server instances.
 */
export class ReminderService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly options: { daysBefore: number; now: () => Date },
  ) {}

  /** Sends what is due now; returns how many mails went out. */
  async run(): Promise<number> {
    const now = this.options.now();
    const due: {
      round_id: number;
      lao_id: number;
      fiscal_year: number;
      kind: RoundKind;
      closes_at: Date;
      email: string;
      name_th: string;
      missing: number;
    }[] = await this.dataSource.query(
      `WITH rounds AS (
           SELECT id, fiscal_year, kind, closes_at FROM reporting_round
            WHERE opens_at <= $1 AND closes_at > $1 AND closes_at - make_interval(days => $2) <= $1
         ), missing AS (
           SELECT r.id AS round_id, p.lao_id, count(*)::int AS missing
             FROM rounds r
             JOIN plan pl ON pl.fiscal_year = r.fiscal_year AND pl.status = 'PASSED'
             JOIN project p ON p.lao_id = pl.lao_id AND p.fiscal_years @> ARRAY[r.fiscal_year]::smallint[]
                           AND p.review_status <> 'REJECTED'
             LEFT JOIN report rep ON rep.project_id = p.id AND rep.fiscal_year = r.fiscal_year AND rep.round = r.kind
            WHERE rep.id IS NULL
            GROUP BY r.id, p.lao_id
         ), claimed AS (
           INSERT INTO round_reminder (round_id, lao_id)
           SELECT m.round_id, m.lao_id FROM missing m
             JOIN lao l ON l.id = m.lao_id AND l.coordinator_email IS NOT NULL
           ON CONFLICT DO NOTHING
           RETURNING round_id, lao_id
         )
         SELECT c.round_id, c.lao_id, r.fiscal_year, r.kind, r.closes_at, l.coordinator_email AS email, l.name_th, m.missing
           FROM claimed c
           JOIN rounds r ON r.id = c.round_id
           JOIN lao l ON l.id = c.lao_id
           JOIN missing m ON m.round_id = c.round_id AND m.lao_id = c.lao_id`,
      [now, this.options.daysBefore],
    );
    for (const row of due) {
      await this.mailer
        .send(
          roundReminderMail(row.email, row.name_th, {
            round: `${roundLabels[row.kind]} ปีงบประมาณ ${row.fiscal_year}`,
            deadline: formatDeadline(new Date(row.closes_at)),
            missing: row.missing,
          }),
        )
        .catch((error: unknown) => console.error('Reminder mail failed', error));
    }
    return due.length;
  }

  start(intervalMinutes: number): void {
    if (intervalMinutes <= 0) return;
    this.timer = setInterval(
      () => void this.run().catch((error) => console.error('Reminder job failed', error)),
      intervalMinutes * 60_000,
    );
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
