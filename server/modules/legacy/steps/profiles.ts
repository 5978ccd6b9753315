import { LaoSize } from '../../lao/lao.enums';
import type { ImportContext } from '../import-context';
import { baht, int, text } from '../legacy-source';

const sizeOf = (name: string, id: number | null): LaoSize | null => {
  if (/เล็ก|small/i.test(name)) return LaoSize.SMALL;
  if (/กลาง|medium/i.test(name)) return LaoSize.MEDIUM;
  if (/ใหญ่|large/i.test(name)) return LaoSize.LARGE;
  if (!name && id !== null)
    return ({ 1: LaoSize.SMALL, 2: LaoSize.MEDIUM, 3: LaoSize.LARGE } as Record<number, LaoSize>)[id] ?? null;
  return null;
};

const columns = [
  'localdetail_id',
  'local_office_id',
  'local_size',
  'local_address',
  'local_large',
  'local_population',
  'local_income',
  'local_income_plus',
  'localadmin_name',
  'per_localadmin_name',
  'officer_name',
  'officer_position',
  'officer_under',
  'officer_tel',
  'officer_mobile',
  'officer_fax',
  'officer_email',
  'local_website',
];

/**
 * Step 3, profiles (LEGACY.md §1.2, §5): `localdetail` is append-only; the row with the highest
 * `localdetail_id` of each LAO is its profile, the older ones are skipped (our change history starts
 * at the import). `local_type` is always '-' and is not read: the type comes from DLA master data.
 * A profile the LAO already completed in the new system is kept (reported), so a re-run after
 * go-live never overwrites what an LAO typed; a newer legacy row than the one imported before
 * replaces it.
 */
export const importProfiles = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('profiles');
  const total = await ctx.source.rows('SELECT count(*) AS n FROM localdetail');
  const latest = await ctx.source.rows(
    `SELECT ${columns.map((c) => `d.${c}`).join(', ')}, s.local_size_name
       FROM localdetail d
       JOIN (SELECT local_office_id, MAX(localdetail_id) AS m FROM localdetail GROUP BY local_office_id) x
         ON d.localdetail_id = x.m
       LEFT JOIN local_size s ON s.local_size_id = d.local_size
      ORDER BY d.localdetail_id`,
  );
  ctx.log.skipMany(
    'localdetail',
    Number(total[0].n) - latest.length,
    'older profile rows: the latest localdetail_id wins (§1.2)',
  );
  counts.read = latest.length;
  const laoMap = await ctx.mapped('lao');
  const done = await ctx.mapped('profile');
  const importedFor = new Set(done.values());
  const state: { id: number; profile_completed_at: Date | null }[] = await ctx.manager.query(
    'SELECT id, profile_completed_at FROM lao',
  );
  const completed = new Map(state.map((s) => [s.id, s.profile_completed_at !== null]));
  const fresh: [string, number][] = [];
  for (const row of latest) {
    const id = text(row.localdetail_id);
    const laoId = Number(laoMap.get(text(row.local_office_id)));
    if (!laoId) {
      ctx.log.cannotMap(
        'localdetail',
        id,
        `local_office_id ${text(row.local_office_id)} is not a mapped LAO`,
      );
      continue;
    }
    if (done.has(id)) {
      counts.unchanged += 1;
      continue;
    }
    if (completed.get(laoId) && !importedFor.has(String(laoId))) {
      ctx.log.skip('localdetail', id, 'the LAO already completed its profile in the new system: ours kept');
      continue;
    }
    const t = (column: string, max: number) =>
      ctx.log.fit('localdetail', id, column, ctx.log.text('localdetail', id, column, text(row[column])), max);
    const money = (column: string) => {
      const value = text(row[column]) === '' ? null : baht(row[column]);
      if (text(row[column]) !== '' && value === null)
        ctx.log.finding('localdetail', id, `${column} "${text(row[column])}" is not an amount: left empty`);
      return value;
    };
    const areaText = text(row.local_large).replace(/,/g, '');
    const areaMatch = /^\D*?(\d+(?:\.\d{1,2})?)\D*$/.exec(areaText);
    if (areaText && !areaMatch)
      ctx.log.finding('localdetail', id, `local_large "${areaText}" is not an area: left empty`);
    const population =
      text(row.local_population) === '' ? null : int(String(row.local_population).replace(/,/g, ''));
    const size = sizeOf(text(row.local_size_name), int(row.local_size));
    await ctx.manager.query(
      `UPDATE lao SET size = coalesce($2, size), address = $3, area_km2 = $4, population = $5,
              revenue_excluding_subsidies = $6, revenue_from_subsidies = $7, chief_executive_name = $8,
              permanent_secretary_name = $9, coordinator_full_name = $10, coordinator_position = $11,
              coordinator_unit = $12, coordinator_phone = $13, coordinator_mobile = $14, coordinator_fax = $15,
              coordinator_email = $16, website = $17, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [
        laoId,
        size,
        t('local_address', 500),
        areaMatch ? areaMatch[1] : null,
        population !== null && population >= 0 ? population : null,
        money('local_income'),
        money('local_income_plus'),
        t('localadmin_name', 200),
        t('per_localadmin_name', 200),
        t('officer_name', 200),
        t('officer_position', 200),
        t('officer_under', 200),
        t('officer_tel', 30),
        t('officer_mobile', 30),
        t('officer_fax', 30),
        t('officer_email', 254),
        t('local_website', 300),
      ],
    );
    // The first-use wizard is done when our three tabs are (profile.ts's rule, in SQL).
    await ctx.manager.query(
      `UPDATE lao SET profile_completed_at = now()
        WHERE id = $1 AND profile_completed_at IS NULL AND size IS NOT NULL AND address IS NOT NULL
          AND area_km2 IS NOT NULL AND population IS NOT NULL AND revenue_excluding_subsidies IS NOT NULL
          AND revenue_from_subsidies IS NOT NULL AND chief_executive_name IS NOT NULL
          AND permanent_secretary_name IS NOT NULL AND coordinator_full_name IS NOT NULL
          AND coordinator_position IS NOT NULL AND coordinator_unit IS NOT NULL
          AND coordinator_mobile IS NOT NULL AND coordinator_email IS NOT NULL`,
      [laoId],
    );
    fresh.push([id, laoId]);
    counts.updated += 1;
  }
  await ctx.addMappings('profile', fresh);
};
