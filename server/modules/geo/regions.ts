import type { EntityManager } from 'typeorm';
import { Region } from './region.entity';

/** NACC's nine regional offices (สำนักงาน ป.ป.ช. ภาค 1–9), as the legacy numbers them (`provinces.area`). */
export const naccRegions: readonly Region[] = Array.from({ length: 9 }, (_, index) => ({
  id: index + 1,
  nameTh: `สำนักงาน ป.ป.ช. ภาค ${index + 1}`,
  nameEn: `NACC Region ${index + 1}`,
}));

/** Writes the nine regions where they are missing (names already edited stay as they are). */
export const ensureRegions = async (manager: EntityManager): Promise<void> => {
  await manager
    .createQueryBuilder()
    .insert()
    .into(Region)
    .values([...naccRegions])
    .orIgnore()
    .execute();
};
