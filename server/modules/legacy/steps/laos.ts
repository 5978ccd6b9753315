import { hashPassword } from '../../../auth/password';
import { Role } from '../../../auth/role';
import type { ImportContext } from '../import-context';
import { int, text } from '../legacy-source';
import { geography } from './provinces';

export type OurLao = { id: number; code: string; name_th: string; province_id: number; district_id: number };

/** legacy local_office_id → our LAO, from legacy_mapping (after the LAO step). */
export const laoByLegacyId = async (ctx: ImportContext): Promise<Map<number, OurLao>> => {
  const mapped = await ctx.mapped('lao');
  const ours: OurLao[] = await ctx.manager.query(
    'SELECT id, code, name_th, province_id, district_id FROM lao',
  );
  const byId = new Map(ours.map((lao) => [lao.id, lao]));
  const result = new Map<number, OurLao>();
  for (const [legacyId, newId] of mapped) {
    const lao = byId.get(Number(newId));
    if (lao) result.set(Number(legacyId), lao);
  }
  return result;
};

/** legacy local_office_code → our LAO (scoresar and scoreita key by code, §4.3). */
export const laoByLegacyCode = async (ctx: ImportContext): Promise<Map<string, OurLao>> => {
  const byId = await laoByLegacyId(ctx);
  const offices = await legacyOffices(ctx);
  const result = new Map<string, OurLao>();
  for (const row of offices) {
    const lao = byId.get(Number(row.local_office_id));
    if (lao) result.set(text(row.local_office_code), lao);
  }
  return result;
};

export const legacyOffices = (ctx: ImportContext) =>
  ctx.legacyTable(
    'local_office',
    'local_office_id, local_office_code, local_office_name, password, PROVINCE_ID, AMPHUR_ID',
    'local_office_id',
  );

/**
 * Step 2, LAOs (LEGACY.md §1.1, §4.3, §5): each legacy `local_office` is matched to our master
 * data by its 7-digit code (kept as text). Our master data (DLA) wins: a legacy name, province or
 * district that differs is reported, never copied. A code we do not have is reported as
 * unmappable, and so is everything of that LAO in later steps. The legacy district was matched by
 * name across the whole country (§4.3): one whose province is not the LAO's is reported.
 *
 * With `--keep-legacy-passwords`, an LAO that has a legacy password and no account yet gets one
 * with that password hashed (argon2id) and must change it at the first sign-in.
 */
export const importLaos = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('laos');
  const geo = await geography(ctx);
  const offices = await legacyOffices(ctx);
  const ours: OurLao[] = await ctx.manager.query(
    'SELECT id, code, name_th, province_id, district_id FROM lao',
  );
  const byCode = new Map(ours.map((lao) => [lao.code, lao]));
  const mapped = await ctx.mapped('lao');
  const fresh: [string, number][] = [];
  const seenCodes = new Map<string, string>();
  for (const row of offices) {
    counts.read += 1;
    const legacyId = text(row.local_office_id);
    const code = text(row.local_office_code);
    const name = ctx.log.text('local_office', legacyId, 'local_office_name', text(row.local_office_name));
    if (!/^\d{7}$/.test(code)) {
      ctx.log.cannotMap('local_office', legacyId, `code "${code}" is not 7 digits`);
      continue;
    }
    const lao = byCode.get(code);
    if (!lao) {
      ctx.log.cannotMap(
        'local_office',
        legacyId,
        `code ${code} (${name ?? ''}) is not in our LAO master data`,
      );
      continue;
    }
    const twin = seenCodes.get(code);
    if (twin)
      ctx.log.finding(
        'local_office',
        legacyId,
        `same code ${code} as local_office #${twin}: both map to one LAO`,
      );
    seenCodes.set(code, legacyId);
    if (name && name.replace(/\s+/g, '') !== lao.name_th.replace(/\s+/g, ''))
      ctx.log.finding(
        'local_office',
        legacyId,
        `name "${name}" differs from ours "${lao.name_th}": ours kept`,
      );
    const legacyProvince = int(row.PROVINCE_ID);
    const ourProvince = legacyProvince === null ? undefined : geo.province.get(legacyProvince);
    if (ourProvince !== undefined && ourProvince !== lao.province_id)
      ctx.log.finding(
        'local_office',
        legacyId,
        `legacy province ${geo.legacyProvinceName.get(legacyProvince ?? -1) ?? legacyProvince} is not ours (${lao.province_id}): ours kept`,
      );
    const amphur = int(row.AMPHUR_ID);
    if (amphur !== null && amphur > 0) {
      const amphurProvince = geo.amphurProvince.get(amphur);
      if (amphurProvince !== undefined && amphurProvince !== legacyProvince)
        ctx.log.finding(
          'local_office',
          legacyId,
          `district (AMPHUR_ID ${amphur}) lies in province ${geo.legacyProvinceName.get(amphurProvince) ?? amphurProvince}, not the LAO's ${geo.legacyProvinceName.get(legacyProvince ?? -1) ?? legacyProvince} (matched by name, §4.3): our district ${lao.district_id} kept`,
        );
    }
    if (mapped.has(legacyId)) counts.unchanged += 1;
    else {
      fresh.push([legacyId, lao.id]);
      mapped.set(legacyId, String(lao.id));
      counts.created += 1;
    }
  }
  await ctx.addMappings('lao', fresh);
  if (ctx.options.keepLegacyPasswords) await keepLaoPasswords(ctx, offices, mapped);
};

const keepLaoPasswords = async (
  ctx: ImportContext,
  offices: Record<string, unknown>[],
  mapped: Map<string, string>,
): Promise<void> => {
  const accounts: { lao_id: number }[] = await ctx.manager.query(
    'SELECT lao_id FROM account WHERE lao_id IS NOT NULL',
  );
  const withAccount = new Set(accounts.map((a) => a.lao_id));
  const names: { id: number; code: string; name_th: string }[] = await ctx.manager.query(
    'SELECT id, code, name_th FROM lao',
  );
  const laoById = new Map(names.map((lao) => [lao.id, lao]));
  const done = await ctx.mapped('lao-account');
  const fresh: [string, string][] = [];
  for (const row of offices) {
    const legacyId = text(row.local_office_id);
    const laoId = Number(mapped.get(legacyId));
    const password = row.password === null || row.password === undefined ? '' : String(row.password);
    if (!laoId || done.has(legacyId) || password === '') continue;
    const lao = laoById.get(laoId);
    if (!lao || withAccount.has(laoId)) continue;
    const hash = await hashPassword(password, ctx.options.hashCost);
    const [account]: { id: string }[] = await ctx.manager.query(
      `INSERT INTO account (username, role, display_name, lao_id, password_hash, must_change_password, activated_at, password_changed_at)
       VALUES ($1, $2, $3, $4, $5, true, now(), now()) RETURNING id`,
      [lao.code, Role.LAO, lao.name_th, laoId, hash],
    );
    withAccount.add(laoId);
    fresh.push([legacyId, account.id]);
  }
  await ctx.addMappings('lao-account', fresh);
  if (fresh.length > 0)
    ctx.log.finding(
      'local_office',
      '*',
      `${fresh.length} LAO accounts created with their legacy password (must change at first sign-in)`,
    );
};
