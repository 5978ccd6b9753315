import { type DataSource, In } from 'typeorm';
import { can, listScope, requireCan, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput, conflict, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { District } from '../geo/district.entity';
import { Lao } from '../lao/lao.entity';
import { ExtensionBatch, ExtensionBatchScope } from './extension-batch.entity';
import { ExtensionStatus } from './report.enums';
import { ReportingRound } from './reporting-round.entity';
import { RoundExtension } from './round-extension.entity';

/** What NACC asks for: a round, whom, why and until when. */
export type GrantBatchInput = {
  roundId: number;
  scope: ExtensionBatchScope;
  provinceId?: number | null;
  districtId?: number | null;
  laoCodes?: readonly string[] | null;
  reason: string;
  until: Date;
};

/**
 * Extensions in batch: one reason and one `until` for a province, a district or a list of LAOs.
 * Each LAO gets an ordinary granted `round_extension` (batch_id set), so the rulebook's
 * `effectiveDeadline` honours it with no rule of its own; an LAO's own extension with a later
 * `until` still wins (the latest granted `until` counts). All-or-nothing, in one transaction.
 */
export class ExtensionBatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async grant(viewer: Viewer, input: GrantBatchInput): Promise<ExtensionBatch> {
    const actor = requireSignedIn(viewer);
    const reason = input.reason.trim();
    const round = await this.dataSource.getRepository(ReportingRound).findOneBy({ id: input.roundId });
    if (!round) throw notFound('รอบรายงาน');
    const laos = await this.laosOf(viewer, input);
    // All-or-nothing: one LAO out of the viewer's reach refuses the whole batch, as one record would.
    for (const lao of laos) requireCan(viewer, 'round.grantExtensionBatch', lao, lao, 'อปท.');
    const errors = [];
    if (!laos.length)
      errors.push({ field: 'scope', constraints: ['empty'], message: 'ไม่พบ อปท. ในขอบเขตที่เลือก' });
    if (!reason)
      errors.push({ field: 'reason', constraints: ['required'], message: 'กรุณาระบุเหตุผลที่ขยายเวลา' });
    if (input.until <= round.closesAt || input.until <= this.now())
      errors.push({
        field: 'until',
        constraints: ['afterDeadline'],
        message: 'วันที่ขยายถึงต้องอยู่หลังกำหนดส่งเดิมของรอบและหลังวันนี้',
      });
    if (errors.length) throw badInput(errors);

    const now = this.now();
    return this.dataSource.transaction(async (manager) => {
      const batch = await manager.getRepository(ExtensionBatch).save(
        manager.getRepository(ExtensionBatch).create({
          roundId: round.id,
          scope: input.scope,
          provinceId: input.scope === ExtensionBatchScope.PROVINCE ? (input.provinceId ?? null) : null,
          districtId: input.scope === ExtensionBatchScope.DISTRICT ? (input.districtId ?? null) : null,
          provinceIds: [...new Set(laos.map((lao) => lao.provinceId))].sort((a, b) => a - b),
          reason,
          until: input.until,
          laoCount: laos.length,
          grantedByAccountId: actor.accountId,
          grantedAt: now,
          revokedByAccountId: null,
          revokedAt: null,
        }),
      );
      await manager.getRepository(RoundExtension).insert(
        laos.map((lao) => ({
          roundId: round.id,
          laoId: lao.id,
          batchId: batch.id,
          status: ExtensionStatus.GRANTED,
          until: input.until,
          reason,
          requestedByAccountId: actor.accountId,
          decidedByAccountId: actor.accountId,
          decidedAt: now,
        })),
      );
      return batch;
    });
  }

  /** Revokes a batch: every extension it granted becomes REVOKED, together, in one transaction. */
  async revoke(viewer: Viewer, input: { id: number; version: number }): Promise<ExtensionBatch> {
    const actor = requireSignedIn(viewer);
    const batch = await this.dataSource.getRepository(ExtensionBatch).findOneBy({ id: input.id });
    if (!batch || !this.reaches(viewer, batch)) throw notFound('การขยายเวลาแบบกลุ่ม');
    if (batch.revokedAt) throw new AppError(ErrorCode.INVALID_STATE, 'การขยายเวลากลุ่มนี้ถูกเพิกถอนไปแล้ว');
    const now = this.now();
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(ExtensionBatch)
        .set({ revokedAt: now, revokedByAccountId: actor.accountId })
        .where('id = :id AND version = :version AND revoked_at IS NULL', {
          id: input.id,
          version: input.version,
        })
        .execute();
      if (result.affected !== 1) throw conflict();
      await manager
        .createQueryBuilder()
        .update(RoundExtension)
        .set({ status: ExtensionStatus.REVOKED, decidedByAccountId: actor.accountId, decidedAt: now })
        .where('batch_id = :id AND status = :granted', { id: input.id, granted: ExtensionStatus.GRANTED })
        .execute();
    });
    return this.dataSource.getRepository(ExtensionBatch).findOneByOrFail({ id: input.id });
  }

  /** Batches within reach (NACC reaching every province a batch covers), newest first. */
  async list(
    viewer: Viewer,
    args: { roundId?: number; fiscalYear?: number | null },
  ): Promise<ExtensionBatch[]> {
    const query = this.dataSource
      .getRepository(ExtensionBatch)
      .createQueryBuilder('b')
      .innerJoin('b.round', 'round')
      .orderBy('b.id', 'DESC')
      .limit(500);
    const scope = listScope(viewer);
    if (scope.kind === 'lao') throw new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');
    if (scope.kind === 'provinces')
      query.andWhere('b.province_ids <@ :scopeProvinces::smallint[]', { scopeProvinces: scope.provinceIds });
    if (args.roundId) query.andWhere('b.round_id = :roundId', { roundId: args.roundId });
    if (args.fiscalYear) query.andWhere('round.fiscal_year = :year', { year: args.fiscalYear });
    return query.getMany();
  }

  private reaches(viewer: Viewer, batch: ExtensionBatch): boolean {
    return batch.provinceIds.every((provinceId) => can(viewer, 'round.grantExtensionBatch', { provinceId }));
  }

  /** The LAOs a scope names; a province or district out of reach answers NOT_FOUND, as a missing one does. */
  private async laosOf(viewer: Viewer, input: GrantBatchInput): Promise<Lao[]> {
    const laos = this.dataSource.getRepository(Lao);
    switch (input.scope) {
      case ExtensionBatchScope.PROVINCE: {
        const provinceId = input.provinceId;
        if (!provinceId || !can(viewer, 'round.grantExtensionBatch', { provinceId })) throw notFound('จังหวัด');
        return laos.find({ where: { provinceId }, order: { id: 'ASC' } });
      }
      case ExtensionBatchScope.DISTRICT: {
        const district = input.districtId
          ? await this.dataSource.getRepository(District).findOneBy({ id: input.districtId })
          : null;
        if (!district || !can(viewer, 'round.grantExtensionBatch', { provinceId: district.provinceId }))
          throw notFound('อำเภอ');
        return laos.find({ where: { districtId: district.id }, order: { id: 'ASC' } });
      }
      case ExtensionBatchScope.LAOS: {
        const codes = [...new Set((input.laoCodes ?? []).map((code) => code.trim()).filter(Boolean))];
        const found = codes.length
          ? await laos.find({ where: { code: In(codes) }, order: { id: 'ASC' } })
          : [];
        const missing = codes.filter((code) => !found.some((lao) => lao.code === code));
        if (missing.length) throw notFound(`อปท. รหัส ${missing.slice(0, 10).join(', ')}`);
        return found;
      }
    }
  }
}
