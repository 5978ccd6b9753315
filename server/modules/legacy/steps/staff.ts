import { hashPassword } from '../../../auth/password';
import { Role } from '../../../auth/role';
import { importAccountName, type ImportContext } from '../import-context';
import { int, text } from '../legacy-source';
import { geography } from './provinces';

export type StaffRole =
  | { role: Role.NACC_CENTRAL; administrator: boolean }
  | { role: Role.NACC_PROVINCE; legacyProvinceId: number | null }
  | { role: Role.NACC_REGION; region: number | null }
  | { skip: string };

/**
 * A legacy staff user's role (LEGACY.md §2.3, §4.3; docs/domain-decisions.md):
 * level 3 → NACC central administrator; group 3 or level 1 → provincial office, its province the
 * `office_id` (which is a PROVINCE_ID); group 4 or level 2 → regional office, region = `remark`;
 * group 1–2 → not imported (the legacy treats them as an LAO, and LAOs sign in with their code);
 * anything else (groups 5–7, other levels) → NACC central analyst (they saw every LAO nationwide).
 */
export const staffRole = (user: {
  group: number | null;
  level: number | null;
  officeId: number | null;
  remark: string;
}): StaffRole => {
  if (user.level === 3) return { role: Role.NACC_CENTRAL, administrator: true };
  if (user.group === 3 || user.level === 1)
    return { role: Role.NACC_PROVINCE, legacyProvinceId: user.officeId };
  if (user.group === 4 || user.level === 2) {
    const region = int(user.remark);
    return { role: Role.NACC_REGION, region: region !== null && region >= 1 && region <= 9 ? region : null };
  }
  if (user.group !== null && user.group <= 2)
    return {
      skip: `user_group ${user.group} acts as an LAO in the legacy (§2.3); LAOs sign in with their code`,
    };
  return { role: Role.NACC_CENTRAL, administrator: false };
};

/**
 * Step 4, staff accounts (LEGACY.md §1.3, §2.3, §5): one account per `user` row, role and scope
 * from `staffRole`. Staff sign in through the organisation's directory (the legacy tried LDAP/AD
 * for them, §2.1): `uses_directory` is set and no password is imported, unless
 * `--keep-legacy-passwords` (then hashed, must change). An account of ours with the same user name
 * is matched, never changed.
 */
export const importStaff = async (ctx: ImportContext): Promise<void> => {
  const counts = ctx.log.begin('staff');
  const geo = await geography(ctx);
  const users = await ctx.source.rows(
    `SELECT u.username, u.password, u.local_office_id, u.user_group, u.remark, r.user_role_level
       FROM \`user\` u LEFT JOIN user_role r ON r.user_group_id = u.user_group
      ORDER BY u.username`,
  );
  const done = await ctx.mapped('staff');
  const existing: { id: string; username: string; role: Role }[] = await ctx.manager.query(
    'SELECT id, username, role FROM account',
  );
  const byName = new Map(existing.map((a) => [a.username.toLowerCase(), a]));
  const fresh: [string, string][] = [];
  for (const row of users) {
    counts.read += 1;
    const username = text(row.username);
    if (!username) {
      ctx.log.cannotMap('user', '(empty)', 'empty username');
      continue;
    }
    if (done.has(username)) {
      counts.unchanged += 1;
      continue;
    }
    const role = staffRole({
      group: int(row.user_group),
      level: int(row.user_role_level),
      officeId: int(row.local_office_id),
      remark: text(row.remark),
    });
    if ('skip' in role) {
      ctx.log.skip('user', username, role.skip);
      continue;
    }
    if (username.length > 64 || username.toLowerCase() === importAccountName) {
      ctx.log.cannotMap('user', username, 'username too long or reserved');
      continue;
    }
    let provinceId: number | null = null;
    let regionId: number | null = null;
    if (role.role === Role.NACC_PROVINCE) {
      provinceId = role.legacyProvinceId === null ? null : (geo.province.get(role.legacyProvinceId) ?? null);
      if (provinceId === null) {
        ctx.log.cannotMap(
          'user',
          username,
          `provincial office: office_id ${role.legacyProvinceId ?? '(none)'} is no province of ours`,
        );
        continue;
      }
    }
    if (role.role === Role.NACC_REGION) {
      regionId = role.region;
      if (regionId === null) {
        ctx.log.cannotMap(
          'user',
          username,
          `regional office: remark "${text(row.remark)}" is not a region 1–9`,
        );
        continue;
      }
    }
    const twin = byName.get(username.toLowerCase());
    if (twin) {
      if (twin.role === Role.LAO) {
        ctx.log.cannotMap('user', username, 'the name is an LAO account of ours');
        continue;
      }
      ctx.log.finding(
        'user',
        username,
        `an account of ours has this name (${twin.role}): matched, not changed`,
      );
      fresh.push([username, twin.id]);
      counts.unchanged += 1;
      continue;
    }
    const password = row.password === null || row.password === undefined ? '' : String(row.password);
    const hash =
      ctx.options.keepLegacyPasswords && password !== ''
        ? await hashPassword(password, ctx.options.hashCost)
        : null;
    const [account]: { id: string }[] = await ctx.manager.query(
      `INSERT INTO account (username, role, display_name, administrator, province_id, region_id, uses_directory,
                            password_hash, must_change_password, activated_at, password_changed_at)
       VALUES ($1, $2, $1, $3, $4, $5, true, $6, $7, $8, $8) RETURNING id`,
      [
        username,
        role.role,
        role.role === Role.NACC_CENTRAL && role.administrator,
        provinceId,
        regionId,
        hash,
        hash !== null,
        hash !== null ? new Date() : null,
      ],
    );
    byName.set(username.toLowerCase(), { id: account.id, username, role: role.role });
    fresh.push([username, account.id]);
    counts.created += 1;
  }
  await ctx.addMappings('staff', fresh);
};
