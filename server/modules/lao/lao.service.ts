import type { DataSource, EntityManager } from 'typeorm';
import { updateVersioned } from '../../db/optimistic';
import { Account } from '../account/account.entity';
import { District } from '../geo/district.entity';
import { can, requireAccess, requireCan, restrictToScope } from '../../auth/policy';
import { publicReader, type Viewer } from '../../auth/viewer';
import { onReplica } from '../../db/replica';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { Connection } from '../../graphql/connection';
import { keysetPage, syncOrder } from '../../graphql/keyset';
import { parseId } from '../../graphql/ids';
import { Lao } from './lao.entity';
import type {
  LaoAreaInput,
  LaoCoordinatorInput,
  LaoLocationInput,
  LaoMasterDataInput,
  LaosArgs,
} from './lao.inputs';
import { isProfileComplete } from './profile';

type ProfileChanges = Partial<
  Pick<
    Lao,
    | 'size'
    | 'address'
    | 'areaKm2'
    | 'population'
    | 'revenueExcludingSubsidies'
    | 'revenueFromSubsidies'
    | 'chiefExecutiveName'
    | 'permanentSecretaryName'
    | 'coordinatorFullName'
    | 'coordinatorPosition'
    | 'coordinatorUnit'
    | 'coordinatorPhone'
    | 'coordinatorMobile'
    | 'coordinatorFax'
    | 'coordinatorEmail'
    | 'website'
  >
>;

const blankToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export class LaoService {
  constructor(private readonly dataSource: DataSource) {}

  async get(viewer: Viewer, where: { id?: number; code?: string }): Promise<Lao> {
    const repo = this.dataSource.getRepository(Lao);
    const lao =
      where.id !== undefined
        ? await repo.findOneBy({ id: where.id })
        : where.code !== undefined
          ? await repo.findOneBy({ code: where.code })
          : null;
    return requireCan(viewer, 'lao.read', lao, lao, 'อปท.');
  }

  /** publicLaoSearch: the same list as the public reader, from a replica when there are replicas. */
  publicSearch(args: LaosArgs): Promise<Connection<Lao>> {
    return onReplica(this.dataSource, async (db) => {
      const page = await this.list(publicReader, args, db);
      // Count while the replica's connection is still held (the lazy count would run after release).
      return { ...page, totalCount: await page.totalCount };
    });
  }

  async list(
    viewer: Viewer,
    args: LaosArgs,
    db: EntityManager = this.dataSource.manager,
  ): Promise<Connection<Lao>> {
    const query = db.getRepository(Lao).createQueryBuilder('lao');
    restrictToScope(query, viewer, { province: 'lao.province_id' });
    if (args.provinceId)
      query.andWhere('lao.province_id = :provinceId', { provinceId: parseId(args.provinceId, 'provinceId') });
    if (args.districtId)
      query.andWhere('lao.district_id = :districtId', { districtId: parseId(args.districtId, 'districtId') });
    if (args.type) query.andWhere('lao.type = :type', { type: args.type });
    if (args.search?.trim()) {
      const term = args.search.trim();
      const like = `%${term.replace(/[\\%_]/g, '\\$&')}%`;
      const digits = term.replace(/\D/g, '');
      // Codes are seven digits: a term without digits matches by name only, which the trigram index serves.
      if (digits)
        query.andWhere('(lao.name_th ILIKE :like OR lao.code LIKE :prefix)', { like, prefix: `${digits}%` });
      else query.andWhere('lao.name_th ILIKE :like', { like });
    }
    const keys = syncOrder(query, 'lao', args.updatedSince, [{ sql: 'lao.code', type: 'text' }]);
    return keysetPage(query, keys, args);
  }

  updateLocation(viewer: Viewer, input: LaoLocationInput): Promise<Lao> {
    return this.updateProfile(viewer, input, { size: input.size, address: input.address.trim() });
  }

  updateArea(viewer: Viewer, input: LaoAreaInput): Promise<Lao> {
    return this.updateProfile(viewer, input, {
      areaKm2: input.areaKm2,
      population: input.population,
      revenueExcludingSubsidies: input.revenueExcludingSubsidies,
      revenueFromSubsidies: input.revenueFromSubsidies,
      chiefExecutiveName: input.chiefExecutiveName.trim(),
      permanentSecretaryName: input.permanentSecretaryName.trim(),
    });
  }

  updateCoordinator(viewer: Viewer, input: LaoCoordinatorInput): Promise<Lao> {
    return this.updateProfile(viewer, input, {
      coordinatorFullName: input.fullName.trim(),
      coordinatorPosition: input.position.trim(),
      coordinatorUnit: input.unit.trim(),
      coordinatorPhone: blankToNull(input.phone),
      coordinatorMobile: input.mobile.trim(),
      coordinatorFax: blankToNull(input.fax),
      coordinatorEmail: input.email.trim().toLowerCase(),
      website: blankToNull(input.website),
    });
  }

  /** NACC central corrects master data; a new code also renames the LAO's account (its login). */
  async updateMasterData(viewer: Viewer, input: LaoMasterDataInput): Promise<Lao> {
    const id = parseId(input.laoId, 'laoId');
    const current = await this.dataSource.getRepository(Lao).findOneBy({ id });
    requireAccess(current !== null && can(viewer, 'lao.editMasterData'), current, 'อปท.');
    const district = await this.dataSource
      .getRepository(District)
      .findOneBy({ id: parseId(input.districtId, 'districtId') });
    if (!district) {
      const message = 'ไม่พบอำเภอที่เลือก';
      throw new AppError(ErrorCode.BAD_USER_INPUT, message, {
        fields: [{ field: 'districtId', constraints: ['exists'], message }],
      });
    }
    const taken = await this.dataSource.getRepository(Lao).findOneBy({ code: input.code });
    if (taken && taken.id !== id) {
      throw new AppError(ErrorCode.CONFLICT, `รหัส อปท. ${input.code} เป็นของ ${taken.nameTh} อยู่แล้ว`, {
        fields: [{ field: 'code', constraints: ['unique'], message: 'รหัส อปท. นี้มีอยู่ในระบบแล้ว' }],
      });
    }
    return this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Lao, id, input.version, {
        code: input.code,
        nameTh: input.nameTh.trim(),
        type: input.type,
        districtId: district.id,
        provinceId: district.provinceId,
      });
      await manager
        .getRepository(Account)
        .update({ laoId: id }, { username: input.code, displayName: input.nameTh.trim() });
      return manager.getRepository(Lao).findOneByOrFail({ id });
    });
  }

  /** Optimistic update: only applies when the row still has the version the editor saw. */
  private async updateProfile(
    viewer: Viewer,
    target: { laoId: string; version: number },
    changes: ProfileChanges,
  ): Promise<Lao> {
    const id = parseId(target.laoId, 'laoId');
    const repo = this.dataSource.getRepository(Lao);
    const current = await repo.findOneBy({ id });
    requireCan(viewer, 'lao.editProfile', current, current, 'อปท.');
    await updateVersioned(this.dataSource.manager, Lao, id, target.version, changes);
    const updated = await repo.findOneByOrFail({ id });
    if (!updated.profileCompletedAt && isProfileComplete(updated)) {
      // Completion is not an edit of the profile: keep the version the editor now holds.
      await repo
        .createQueryBuilder()
        .update(Lao)
        .set({ profileCompletedAt: () => 'now()', version: () => 'version' })
        .where('id = :id', { id })
        .execute();
      return repo.findOneByOrFail({ id });
    }
    return updated;
  }
}
