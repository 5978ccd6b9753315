import type { ImportContext } from '../import-context';
import { ensureReferenceData } from '../../geo/reference-data';
import { int, text } from '../legacy-source';

/** A place name without its prefix and spaces, for matching legacy names to ours. */
export const placeKey = (name: unknown): string =>
  text(name)
    .replace(/^(จังหวัด|จ\.|อำเภอ|อ\.|เขต|กิ่งอำเภอ)\s*/u, '')
    .replace(/\s+/g, '');

export type Geography = {
  /** legacy PROVINCE_ID → our province id (matched by name; LEGACY.md §1.4). */
  province: Map<number, number>;
  /** legacy AMPHUR_ID → our district id (matched by name within the matched province). */
  district: Map<number, number>;
  /** legacy AMPHUR_ID → the legacy PROVINCE_ID it belongs to (for the §4.3 check). */
  amphurProvince: Map<number, number>;
  legacyProvinceName: Map<number, string>;
};

/** The legacy geography matched to our master data by names (ids differ between the two). */
export const geography = (ctx: ImportContext): Promise<Geography> =>
  ctx.once('geography', async () => {
    const [provinces, amphures] = await Promise.all([
      ctx.legacyTable('provinces', 'PROVINCE_ID, PROVINCE_NAME, area', 'PROVINCE_ID'),
      ctx.legacyTable('amphures', 'AMPHUR_ID, AMPHUR_NAME, PROVINCE_ID', 'AMPHUR_ID'),
    ]);
    const ours: { id: number; name_th: string }[] = await ctx.manager.query(
      'SELECT id, name_th FROM province',
    );
    const ourDistricts: { id: number; province_id: number; name_th: string }[] = await ctx.manager.query(
      'SELECT id, province_id, name_th FROM district',
    );
    const byName = new Map(ours.map((p) => [placeKey(p.name_th), p.id]));
    const districtByName = new Map(
      ourDistricts.map((d) => [`${d.province_id}/${placeKey(d.name_th)}`, d.id]),
    );
    const result: Geography = {
      province: new Map(),
      district: new Map(),
      amphurProvince: new Map(),
      legacyProvinceName: new Map(),
    };
    for (const row of provinces) {
      const id = int(row.PROVINCE_ID);
      if (id === null) continue;
      result.legacyProvinceName.set(id, text(row.PROVINCE_NAME));
      const match = byName.get(placeKey(row.PROVINCE_NAME));
      if (match !== undefined) result.province.set(id, match);
    }
    for (const row of amphures) {
      const id = int(row.AMPHUR_ID);
      const legacyProvince = int(row.PROVINCE_ID);
      if (id === null || legacyProvince === null) continue;
      result.amphurProvince.set(id, legacyProvince);
      const province = result.province.get(legacyProvince);
      const match =
        province === undefined ? undefined : districtByName.get(`${province}/${placeKey(row.AMPHUR_NAME)}`);
      if (match !== undefined) result.district.set(id, match);
    }
    return result;
  });

/**
 * Step 1, geography (LEGACY.md §1.4, §5): legacy provinces matched to ours by name; each one's
 * NACC region (`provinces.area`, 1–9) becomes `province.region_id` where ours has none yet. A
 * region NACC central already set differently is kept and reported (it is their data).
 */
export const importProvinces = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('provinces');
  // A new database (the import before anyone signs in): NACC's regions, Thailand's provinces and districts.
  await ensureReferenceData(ctx.manager);
  const geo = await geography(ctx);
  const rows = await ctx.legacyTable('provinces', 'PROVINCE_ID, PROVINCE_NAME, area', 'PROVINCE_ID');
  const ours: { id: number; region_id: number | null }[] = await ctx.manager.query(
    'SELECT id, region_id FROM province',
  );
  const regionOf = new Map(ours.map((p) => [p.id, p.region_id]));
  for (const row of rows) {
    counts.read += 1;
    const legacyId = text(row.PROVINCE_ID);
    const ourId = geo.province.get(Number(legacyId));
    if (ourId === undefined) {
      ctx.log.cannotMap(
        'provinces',
        legacyId,
        `no province named "${text(row.PROVINCE_NAME)}" in our master data`,
      );
      continue;
    }
    const area = int(row.area);
    if (area === null || area < 1 || area > 9) {
      if (text(row.area))
        ctx.log.finding('provinces', legacyId, `area "${text(row.area)}" is not a region 1–9`);
      counts.unchanged += 1;
      continue;
    }
    const current = regionOf.get(ourId) ?? null;
    if (current === area) counts.unchanged += 1;
    else if (current === null) {
      await ctx.manager.query('UPDATE province SET region_id = $1 WHERE id = $2', [area, ourId]);
      counts.updated += 1;
    } else {
      ctx.log.finding('provinces', legacyId, `legacy region ${area}, ours ${current}: ours kept`);
      counts.unchanged += 1;
    }
  }
};
