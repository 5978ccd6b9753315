import type { DataSource } from 'typeorm';
import { requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { updateVersioned } from '../../db/optimistic';
import { badInput, conflict } from '../../errors/app-error';
import type { Connection } from '../../graphql/connection';
import { keysetPage } from '../../graphql/keyset';
import { Lao } from '../lao/lao.entity';
import type { RoundKind } from '../report/report.enums';
import { ReportingRound } from '../report/reporting-round.entity';
import { roundStateAt } from '../report/reporting-rules';
import type { RoundService } from '../report/round.service';
import type { FileProblemReportInput } from './follow-up.inputs';
import { requireRoundOpenForProblems } from './follow-up-rules';
import { ProblemReport } from './problem-report.entity';

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string })?.code === '23505';

/** A filed problem report with its LAO's names, for the export. */
export type ProblemReportExportRow = {
  district: string;
  code: string;
  name: string;
  problems: string;
  suggestions: string;
  updatedAt: Date;
};

/**
 * Problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ): the LAO files them with a round
 * while it is open for it; the LAO and NACC in reach read them.
 */
export class ProblemReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
    private readonly rounds: RoundService,
  ) {}

  async get(
    viewer: Viewer,
    laoId: number,
    fiscalYear: number,
    round: RoundKind,
  ): Promise<ProblemReport | null> {
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: laoId });
    requireCan(viewer, 'problems.read', lao, lao, 'อปท.');
    return this.dataSource.getRepository(ProblemReport).findOneBy({ laoId, fiscalYear, round });
  }

  async file(viewer: Viewer, input: FileProblemReportInput): Promise<ProblemReport> {
    const actor = requireSignedIn(viewer);
    const lao = actor.laoId ? await this.dataSource.getRepository(Lao).findOneBy({ id: actor.laoId }) : null;
    const owner = requireCan(viewer, 'problems.file', lao, lao, 'อปท.');
    const problems = input.problems.trim();
    const suggestions = input.suggestions.trim();
    if (!problems && !suggestions)
      throw badInput([
        {
          field: 'problems',
          constraints: ['required'],
          message: 'กรุณากรอกปัญหา อุปสรรค หรือข้อเสนอแนะ อย่างน้อยหนึ่งช่อง (ถ้าไม่มี ให้พิมพ์ว่า “ไม่มี”)',
        },
      ]);
    const round = await this.dataSource
      .getRepository(ReportingRound)
      .findOneBy({ fiscalYear: input.fiscalYear, kind: input.round });
    const extendedUntil = round
      ? await this.rounds.grantedUntil(this.dataSource.manager, round, owner.id)
      : null;
    requireRoundOpenForProblems(
      round,
      input.round,
      input.fiscalYear,
      round ? roundStateAt(round, extendedUntil, this.now()) : null,
      extendedUntil,
    );
    const values = { problems, suggestions, updatedByAccountId: actor.accountId };
    const repo = this.dataSource.getRepository(ProblemReport);
    const key = { laoId: owner.id, fiscalYear: input.fiscalYear, round: input.round };
    const existing = await repo.findOneBy(key);
    if (existing) {
      if (input.expectedVersion !== existing.version) throw conflict();
      await updateVersioned(this.dataSource.manager, ProblemReport, existing.id, existing.version, values);
      return repo.findOneByOrFail({ id: existing.id });
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== null) throw conflict();
    try {
      const inserted = await repo.insert({ ...values, ...key });
      return repo.findOneByOrFail({ id: Number(inserted.identifiers[0].id) });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict();
      throw error;
    }
  }

  /** What LAOs in reach filed with a round, by district and LAO code. */
  list(
    viewer: Viewer,
    args: { fiscalYear: number; round: RoundKind; provinceId?: number; first: number; after?: string | null },
  ): Promise<Connection<ProblemReport>> {
    const query = this.dataSource
      .getRepository(ProblemReport)
      .createQueryBuilder('p')
      .innerJoin(Lao, 'lao', 'lao.id = p.lao_id')
      .where('p.fiscal_year = :year AND p.round = :round', { year: args.fiscalYear, round: args.round });
    restrictToScope(query, viewer, { province: 'lao.province_id', lao: 'p.lao_id' });
    if (args.provinceId !== undefined)
      query.andWhere('lao.province_id = :provinceId', { provinceId: args.provinceId });
    return keysetPage(
      query,
      [
        { sql: 'lao.district_id', type: 'integer' },
        { sql: 'lao.code', type: 'text' },
      ],
      args,
    );
  }

  /** Every filed report of a round in reach (the export), in Thai order of district, then LAO name. */
  async exportRows(
    viewer: Viewer,
    args: { fiscalYear: number; round: RoundKind; provinceId?: number },
  ): Promise<ProblemReportExportRow[]> {
    const query = this.dataSource
      .createQueryBuilder()
      .select(['d.name_th AS district', 'lao.code AS code', 'lao.name_th AS name'])
      .addSelect(['p.problems AS problems', 'p.suggestions AS suggestions', 'p.updated_at AS updated_at'])
      .from(ProblemReport, 'p')
      .innerJoin(Lao, 'lao', 'lao.id = p.lao_id')
      .innerJoin('district', 'd', 'd.id = lao.district_id')
      .where('p.fiscal_year = :year AND p.round = :round', { year: args.fiscalYear, round: args.round });
    restrictToScope(query, viewer, { province: 'lao.province_id' });
    if (args.provinceId !== undefined)
      query.andWhere('lao.province_id = :provinceId', { provinceId: args.provinceId });
    const rows: Record<string, string | Date>[] = await query.getRawMany();
    const thai = new Intl.Collator('th');
    return rows
      .map((row) => ({
        district: String(row.district),
        code: String(row.code),
        name: String(row.name),
        problems: String(row.problems),
        suggestions: String(row.suggestions),
        updatedAt: new Date(row.updated_at),
      }))
      .sort((a, b) => thai.compare(a.district, b.district) || thai.compare(a.name, b.name));
  }
}
