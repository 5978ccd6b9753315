import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Account } from '../modules/account/account.entity';
import { ActivationCode } from '../modules/account/activation-code.entity';
import { District } from '../modules/geo/district.entity';
import { Province } from '../modules/geo/province.entity';
import { Lao } from '../modules/lao/lao.entity';

const byKey = <K, V>(keys: readonly K[], rows: V[], key: (row: V) => K): (V | null)[] => {
  const map = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => map.get(k) ?? null);
};

/** Per-request DataLoaders: every relation field goes through one, so lists cost one query per relation. */
export const createLoaders = (dataSource: DataSource) => ({
  province: new DataLoader<number, Province | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Province).findBy({ id: In([...ids]) }), (p) => p.id),
  ),
  district: new DataLoader<number, District | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(District).findBy({ id: In([...ids]) }), (d) => d.id),
  ),
  districtsByProvince: new DataLoader<number, District[]>(async (provinceIds) => {
    const rows = await dataSource
      .getRepository(District)
      .find({ where: { provinceId: In([...provinceIds]) }, order: { nameTh: 'ASC' } });
    return provinceIds.map((id) => rows.filter((row) => row.provinceId === id));
  }),
  lao: new DataLoader<number, Lao | null>(async (ids) =>
    byKey(ids, await dataSource.getRepository(Lao).findBy({ id: In([...ids]) }), (l) => l.id),
  ),
  accountByLao: new DataLoader<number, Account | null>(async (laoIds) =>
    byKey(
      laoIds,
      await dataSource.getRepository(Account).findBy({ laoId: In([...laoIds]) }),
      (a) => a.laoId as number,
    ),
  ),
  /** The newest usable activation code of each LAO, if any. */
  pendingActivationByLao: new DataLoader<number, ActivationCode | null>(async (laoIds) => {
    const rows = await dataSource
      .getRepository(ActivationCode)
      .createQueryBuilder('code')
      .distinctOn(['code.lao_id'])
      .where('code.lao_id IN (:...laoIds)', { laoIds: [...laoIds] })
      .andWhere('code.used_at IS NULL AND code.revoked_at IS NULL AND code.expires_at > now()')
      .orderBy('code.lao_id')
      .addOrderBy('code.created_at', 'DESC')
      .getMany();
    return byKey(laoIds, rows, (row) => row.laoId);
  }),
});

export type Loaders = ReturnType<typeof createLoaders>;
