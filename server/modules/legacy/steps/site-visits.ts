import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SiteVisitStatus } from '../../follow-up/follow-up.enums';
import type { ImportContext } from '../import-context';
import { beYear, int, text, type Row } from '../legacy-source';
import { laoByLegacyCode, laoByLegacyId } from './laos';

/** The CE day in a legacy zip name `<local_office_id>_<year>_<date>_<yyyymmdd>.zip` (§3.11), or null. */
export const dayOfZipName = (name: string): string | null => {
  const match = /_(\d{4})(\d{2})(\d{2})\.zip$/i.exec(name);
  if (!match) return null;
  const [, y, m, d] = match;
  const year = Number(y) > 2400 ? Number(y) - 543 : Number(y);
  const day = `${year}-${m}-${d}`;
  return Number.isNaN(Date.parse(day)) ? null : day;
};

/** The last day of a BE fiscal year, in CE (30 September). */
const fiscalYearEnd = (year: number) => `${year - 543}-09-30`;

/**
 * Step 11, site visits and their files (LEGACY.md §1.8, §3.11, §4.8). The key column of `scorevs`
 * is checked (§1.8): `local_office_id` in the live code, `local_office_code` in an unlinked page;
 * the one the table has is used and reported. One visit per LAO and year (the toggle deleted every
 * row when switched off), DONE. The legacy keeps no date, visitor or notes: the day is the one in
 * the earliest attachment's name, else 30 September of the fiscal year (reported). Each non-blank
 * `scorevs_file` is looked up in --files DIR (or DIR/uploads) and attached as it is (a zip) through
 * the site-visit file storage; a missing one is reported.
 */
export const importSiteVisits = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('siteVisits');
  const columns = await ctx.source.columns('scorevs');
  const keyColumn = columns.includes('local_office_id')
    ? 'local_office_id'
    : columns.includes('local_office_code')
      ? 'local_office_code'
      : null;
  if (!keyColumn)
    throw new Error('scorevs has neither local_office_id nor local_office_code (LEGACY.md §1.8)');
  const rows = await ctx.source.rows(
    `SELECT scorevs_id, ${keyColumn} AS lao_key, scorevs_status, scorevs_year, scorevs_file FROM scorevs ORDER BY scorevs_id`,
  );
  const byId = await laoByLegacyId(ctx);
  const byCode = await laoByLegacyCode(ctx);
  // The key column's values are checked too: ids that look like 7-digit codes (or the reverse).
  const looksLikeCode = rows.filter((r) => /^\d{7}$/.test(text(r.lao_key))).length;
  const keyIsCode =
    keyColumn === 'local_office_code' ||
    (rows.length > 0 && looksLikeCode === rows.length && !rows.some((r) => byId.has(Number(r.lao_key))));
  ctx.log.finding(
    'scorevs',
    '*',
    `key column: ${keyColumn}${keyIsCode ? ', holding LAO codes' : ', holding local_office_id'} (§1.8)`,
  );
  const laoOf = (row: Row) => (keyIsCode ? byCode.get(text(row.lao_key)) : byId.get(int(row.lao_key) ?? -1));

  const visits = new Map<string, { laoId: number; year: number; rows: Row[] }>();
  for (const row of rows) {
    counts.read += 1;
    const id = text(row.scorevs_id);
    const lao = laoOf(row);
    const year = beYear(row.scorevs_year);
    if (!lao || year === null) {
      ctx.log.cannotMap(
        'scorevs',
        id,
        !lao
          ? `${keyColumn} ${text(row.lao_key)} is not a mapped LAO`
          : `year "${text(row.scorevs_year)}" is not a fiscal year`,
      );
      continue;
    }
    if (text(row.scorevs_status) !== '1') {
      ctx.log.skip('scorevs', id, `status "${text(row.scorevs_status)}" is not 1 (visited)`);
      continue;
    }
    const key = `${lao.id}/${year}`;
    const visit = visits.get(key) ?? { laoId: lao.id, year, rows: [] };
    visit.rows.push(row);
    visits.set(key, visit);
  }
  const done = await ctx.mapped('site-visit');
  const filesDone = await ctx.mapped('site-visit-file');
  const ours: { id: number; lao_id: number; fiscal_year: number }[] = await ctx.manager.query(
    'SELECT id, lao_id, fiscal_year FROM site_visit',
  );
  const ourVisit = new Map(ours.map((v) => [`${v.lao_id}/${v.fiscal_year}`, v.id]));
  const importer = await ctx.importAccountId();
  const fresh: [string, number][] = [];
  const freshFiles: [string, string][] = [];
  for (const [key, visit] of visits) {
    const legacyIds = visit.rows.map((r) => text(r.scorevs_id));
    const mapped = legacyIds.map((id) => done.get(id)).find(Boolean);
    let visitId = mapped ? Number(mapped) : ourVisit.get(key);
    if (mapped) counts.unchanged += 1;
    else if (visitId) {
      ctx.log.skip(
        'scorevs',
        legacyIds.join(','),
        'the LAO already has a site visit of that year in the new system: ours kept, files attached to it',
      );
    } else {
      const days = visit.rows
        .map((r) => dayOfZipName(text(r.scorevs_file)))
        .filter((d): d is string => d !== null)
        .sort();
      if (days.length === 0)
        ctx.log.finding(
          'scorevs',
          legacyIds.join(','),
          `visit day unknown (the legacy keeps none): ${fiscalYearEnd(visit.year)} recorded`,
        );
      const [created]: { id: number }[] = await ctx.manager.query(
        `INSERT INTO site_visit (lao_id, fiscal_year, status, visited_on, findings, updated_by_account_id, version)
         VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id`,
        [
          visit.laoId,
          visit.year,
          SiteVisitStatus.DONE,
          days[0] ?? fiscalYearEnd(visit.year),
          'นำเข้าจากระบบ e-PlanNACC (ระบบเดิมไม่บันทึกวันที่และผลการนิเทศ)',
          importer,
        ],
      );
      visitId = created.id;
      counts.created += 1;
    }
    for (const id of legacyIds) if (!done.has(id)) fresh.push([id, visitId as number]);
    for (const row of visit.rows) {
      const id = text(row.scorevs_id);
      const file = text(row.scorevs_file);
      if (!file || filesDone.has(id)) continue;
      if (!ctx.options.filesDir) {
        ctx.log.finding('scorevs', id, `file ${file} not imported: no --files DIR given`);
        continue;
      }
      const safe = path.basename(file);
      const candidates = [
        path.join(ctx.options.filesDir, safe),
        path.join(ctx.options.filesDir, 'uploads', safe),
      ];
      let found: string | null = null;
      for (const candidate of candidates) {
        if (
          await stat(candidate).then(
            (s) => s.isFile(),
            () => false,
          )
        ) {
          found = candidate;
          break;
        }
      }
      if (!found) {
        ctx.log.cannotMap('scorevs', id, `file ${file} is not in ${ctx.options.filesDir} (or its uploads/)`);
        continue;
      }
      const content = await readFile(found);
      const [saved]: { id: string }[] = await ctx.manager.query(
        `INSERT INTO site_visit_file (site_visit_id, file_name, content_type, size_bytes, sha256, uploaded_by_account_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          visitId,
          safe,
          'application/zip',
          content.length,
          createHash('sha256').update(content).digest('hex'),
          importer,
        ],
      );
      await ctx.manager.query('INSERT INTO site_visit_file_content (file_id, content) VALUES ($1, $2)', [
        saved.id,
        content,
      ]);
      freshFiles.push([id, saved.id]);
      counts.created += 1;
    }
  }
  await ctx.addMappings('site-visit', fresh);
  await ctx.addMappings('site-visit-file', freshFiles);
};
