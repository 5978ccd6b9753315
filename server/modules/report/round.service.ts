import { type DataSource, type EntityManager, In } from 'typeorm';
import { requireCan, requireSignedIn, restrictToScope } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput, conflict, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { updateVersioned } from '../../db/optimistic';
import type { Connection } from '../../graphql/connection';
import { keysetPage } from '../../graphql/keyset';
import { Lao } from '../lao/lao.entity';
import { ExtensionStatus } from './report.enums';
import { effectiveDeadline, grantedUntilSql } from './reporting-rules';
import type { RoundExtensionsArgs } from './report.inputs';
import { ReportingRound } from './reporting-round.entity';
import { RoundExtension } from './round-extension.entity';

/** Rounds, their windows, and per-LAO extensions. */

export class RoundService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  list(fiscalYear: number): Promise<ReportingRound[]> {
    return this.dataSource
      .getRepository(ReportingRound)
      .find({ where: { fiscalYear }, order: { kind: 'ASC' } });
  }

  async update(
    viewer: Viewer,
    input: { id: number; version: number; opensAt: Date; closesAt: Date },
  ): Promise<ReportingRound> {
    requireSignedIn(viewer);
    if (!(input.closesAt.getTime() > input.opensAt.getTime())) {
      throw badInput([
        { field: 'closesAt', constraints: ['afterOpening'], message: 'เวลาปิดรับรายงานต้องอยู่หลังเวลาเปิด' },
      ]);
    }
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ReportingRound)
      .set({ opensAt: input.opensAt, closesAt: input.closesAt })
      .where('id = :id AND version = :version', { id: input.id, version: input.version })
      .execute();
    if (result.affected !== 1) {
      if (!(await this.dataSource.getRepository(ReportingRound).existsBy({ id: input.id })))
        throw notFound('รอบรายงาน');
      throw conflict();
    }
    return this.dataSource.getRepository(ReportingRound).findOneByOrFail({ id: input.id });
  }

  /** An LAO's latest granted extension of a round, if any (the rulebook's `effectiveDeadline` applies it). */
  async grantedUntil(manager: EntityManager, round: ReportingRound, laoId: number): Promise<Date | null> {
    const [row] = await manager.query(`SELECT ${grantedUntilSql('$1', '$2')} AS until`, [round.id, laoId]);
    return row?.until ? new Date(row.until) : null;
  }

  /** The last instant (exclusive) an LAO may report in a round: the round's, or a later granted extension's. */
  async deadlineFor(manager: EntityManager, round: ReportingRound, laoId: number): Promise<Date> {
    return effectiveDeadline(round.closesAt, await this.grantedUntil(manager, round, laoId));
  }

  async requestExtension(
    viewer: Viewer,
    input: { roundId: number; until: Date; reason: string },
  ): Promise<RoundExtension> {
    const actor = requireSignedIn(viewer);
    const lao = actor.laoId ? await this.dataSource.getRepository(Lao).findOneBy({ id: actor.laoId }) : null;
    requireCan(viewer, 'round.requestExtension', lao, lao, 'อปท.');
    const round = await this.dataSource.getRepository(ReportingRound).findOneBy({ id: input.roundId });
    if (!round) throw notFound('รอบรายงาน');
    if (input.until <= round.closesAt || input.until <= this.now()) {
      throw badInput([
        { field: 'until', constraints: ['afterDeadline'], message: 'วันที่ขอขยายต้องอยู่หลังกำหนดส่งเดิมและหลังวันนี้' },
      ]);
    }
    const pending = await this.dataSource
      .getRepository(RoundExtension)
      .existsBy({ roundId: round.id, laoId: actor.laoId as number, status: ExtensionStatus.REQUESTED });
    if (pending) throw new AppError(ErrorCode.INVALID_STATE, 'มีคำขอขยายเวลาของรอบนี้รอการพิจารณาอยู่แล้ว');
    return this.dataSource.getRepository(RoundExtension).save(
      this.dataSource.getRepository(RoundExtension).create({
        roundId: round.id,
        laoId: actor.laoId as number,
        status: ExtensionStatus.REQUESTED,
        until: input.until,
        reason: input.reason.trim(),
        requestedByAccountId: actor.accountId,
      }),
    );
  }

  async grant(
    viewer: Viewer,
    input: { roundId: number; laoId: number; until: Date; reason: string },
  ): Promise<RoundExtension> {
    const actor = requireSignedIn(viewer);
    const lao = await this.dataSource.getRepository(Lao).findOneBy({ id: input.laoId });
    requireCan(viewer, 'round.decideExtension', lao, lao, 'อปท.');
    const round = await this.dataSource.getRepository(ReportingRound).findOneBy({ id: input.roundId });
    if (!round) throw notFound('รอบรายงาน');
    const now = this.now();
    return this.dataSource.getRepository(RoundExtension).save(
      this.dataSource.getRepository(RoundExtension).create({
        roundId: round.id,
        laoId: input.laoId,
        status: ExtensionStatus.GRANTED,
        until: input.until,
        reason: input.reason.trim(),
        requestedByAccountId: actor.accountId,
        decidedByAccountId: actor.accountId,
        decidedAt: now,
      }),
    );
  }

  /** NACC of the LAO's province (or central) grants or refuses a request. */
  async decide(
    viewer: Viewer,
    input: { id: number; version: number; grant: boolean; until?: Date | null; note?: string | null },
  ): Promise<RoundExtension> {
    const actor = requireSignedIn(viewer);
    const request = await this.dataSource
      .getRepository(RoundExtension)
      .findOne({ where: { id: input.id }, relations: { lao: true } });
    requireCan(viewer, 'round.decideExtension', request, request?.lao, 'คำขอขยายเวลา');
    if (request?.status !== ExtensionStatus.REQUESTED) {
      throw new AppError(ErrorCode.INVALID_STATE, 'คำขอนี้ได้รับการพิจารณาแล้ว');
    }
    await updateVersioned(this.dataSource.manager, RoundExtension, input.id, input.version, {
      status: input.grant ? ExtensionStatus.GRANTED : ExtensionStatus.REFUSED,
      until: input.grant && input.until ? input.until : request.until,
      decisionNote: input.note?.trim() || null,
      decidedByAccountId: actor.accountId,
      decidedAt: this.now(),
    });
    return this.dataSource.getRepository(RoundExtension).findOneByOrFail({ id: input.id });
  }

  /** Extensions within the viewer's reach (an LAO its own, NACC by province), newest first. */
  async extensions(viewer: Viewer, args: RoundExtensionsArgs): Promise<Connection<RoundExtension>> {
    const query = this.dataSource
      .getRepository(RoundExtension)
      .createQueryBuilder('x')
      .innerJoin('x.lao', 'lao')
      .innerJoin('x.round', 'round');
    restrictToScope(query, viewer, { province: 'lao.province_id', lao: 'x.lao_id' });
    if (args.status) query.andWhere('x.status = :status', { status: args.status });
    if (args.fiscalYear) query.andWhere('round.fiscal_year = :year', { year: args.fiscalYear });
    return keysetPage(query, [{ sql: 'x.id', type: 'integer', desc: true }], args);
  }

  roundsByIds(ids: number[]): Promise<ReportingRound[]> {
    return this.dataSource.getRepository(ReportingRound).findBy({ id: In(ids) });
  }
}
