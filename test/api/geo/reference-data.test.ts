import { createDataSource } from '../../../server/db/data-source';
import {
  ensureReferenceData,
  referenceGeography,
  referenceGeographyOf,
} from '../../../server/modules/geo/reference-data';
import { loadGeography } from '../../../server/seed/national/geography';
import { createTestDatabase } from '../../helpers/test-database';

describe('reference geography of a new database', () => {
  it('is the checked geography of the national seed (npm run geo:reference rewrites it)', async () => {
    expect(referenceGeography).toEqual(referenceGeographyOf(await loadGeography()));
    expect(referenceGeography.provinces).toHaveLength(77);
    expect(referenceGeography.districts).toHaveLength(928);
  });

  it('fills an empty database once: nine regions, 77 provinces, 928 districts', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const count = async (table: string) =>
        Number((await dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
      expect(await count('province')).toBe(0);
      expect(await dataSource.transaction((m) => ensureReferenceData(m))).toEqual({
        provinces: 77,
        districts: 928,
      });
      expect([await count('region'), await count('province'), await count('district')]).toEqual([9, 77, 928]);
      // A region renamed by NACC stays renamed; nothing is written twice.
      await dataSource.query(`UPDATE region SET name_th = 'ภาค 6 (พิษณุโลก)' WHERE id = 6`);
      expect(await dataSource.transaction((m) => ensureReferenceData(m))).toEqual({
        provinces: 0,
        districts: 0,
      });
      expect([await count('region'), await count('province'), await count('district')]).toEqual([9, 77, 928]);
      expect((await dataSource.query(`SELECT name_th FROM region WHERE id = 6`))[0].name_th).toBe(
        'ภาค 6 (พิษณุโลก)',
      );
      const [phitsanulok] = await dataSource.query(
        `SELECT p.name_th, count(d.id)::int AS districts FROM province p JOIN district d ON d.province_id = p.id
          WHERE p.id = 65 GROUP BY p.name_th`,
      );
      expect(phitsanulok).toEqual({ name_th: 'พิษณุโลก', districts: 9 });
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
