import type { EntityManager } from 'typeorm';
import { District } from './district.entity';
import { Province } from './province.entity';
import { ensureRegions } from './regions';
import thailand from './thailand-geography.json';

/** Thailand's provinces and districts (DOPA codes, Thai and English names): what a new database starts from. */
export type ReferenceGeography = {
  provinces: { id: number; nameTh: string; nameEn: string }[];
  districts: { id: number; provinceId: number; nameTh: string; nameEn: string }[];
};

/** The checked-in reference geography (server/modules/geo/thailand-geography.json, `npm run geo:reference`). */
export const referenceGeography: ReferenceGeography = thailand;

/** The reference form of a fuller geography (the national seed's, with subdistricts). */
export const referenceGeographyOf = (geography: ReferenceGeography): ReferenceGeography => ({
  provinces: geography.provinces.map(({ id, nameTh, nameEn }) => ({ id, nameTh, nameEn })),
  districts: geography.districts.map(({ id, provinceId, nameTh, nameEn }) => ({
    id,
    provinceId,
    nameTh,
    nameEn,
  })),
});

/**
 * What a production database needs before its first LAO list can be imported: NACC's nine
 * regions, and Thailand's 77 provinces and 928 districts when it has no province yet (a
 * database that has some keeps them as they are). Returns what it wrote.
 */
export const ensureReferenceData = async (
  manager: EntityManager,
): Promise<{ provinces: number; districts: number }> => {
  await ensureRegions(manager);
  if ((await manager.getRepository(Province).count()) > 0) return { provinces: 0, districts: 0 };
  await manager.getRepository(Province).insert(referenceGeography.provinces);
  await manager.getRepository(District).insert(referenceGeography.districts);
  return { provinces: referenceGeography.provinces.length, districts: referenceGeography.districts.length };
};
