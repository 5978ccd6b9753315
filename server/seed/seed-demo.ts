import { seedDemoScores } from './demo-scores';
import { type DataSource, In } from 'typeorm';
import { hashPassword, verifyPassword } from '../auth/password';
import { Role } from '../auth/role';
import type { AppConfig } from '../config';
import { Account } from '../modules/account/account.entity';
import { District } from '../modules/geo/district.entity';
import { Province } from '../modules/geo/province.entity';
import { ensureRegions } from '../modules/geo/regions';
import { Lao } from '../modules/lao/lao.entity';
import { LaoSize } from '../modules/lao/lao.enums';
import { demoAccounts, demoDistricts, demoLaos, demoProvinces, demoRegions } from './demo-data';
import { seedDemoCurrentYear } from './demo-current-year';
import { seedDemoPlans } from './demo-plan';
import { seedDemoContacts } from './demo-contacts';

/**
 * Loads the demo data once: does nothing when provinces already exist. Returns whether it seeded.
 * The current year's work is made relative to `config.now()` (the fiscal year and its open round).
 */
export const seedDemo = async (dataSource: DataSource, config: AppConfig): Promise<boolean> => {
  if ((await dataSource.getRepository(Province).count()) > 0) return false;
  const cost = config.passwordHash;
  const [central, province, lao, region] = await Promise.all([
    hashPassword(demoAccounts.naccCentral.password, cost),
    hashPassword(demoAccounts.naccProvince.password, cost),
    hashPassword(demoAccounts.lao.password, cost),
    hashPassword(demoAccounts.naccRegion.password, cost),
  ]);
  await dataSource.transaction(async (manager) => {
    await ensureRegions(manager);
    await manager.getRepository(Province).insert(demoProvinces);
    for (const { provinceId, regionId } of demoRegions)
      await manager.getRepository(Province).update({ id: provinceId }, { regionId });
    await manager.getRepository(District).insert(demoDistricts);
    await manager.getRepository(Lao).insert(
      demoLaos.map((row) => ({
        code: row.code,
        nameTh: row.nameTh,
        type: row.type,
        size: row.size ?? null,
        districtId: row.districtId,
        provinceId: Math.floor(row.districtId / 100),
      })),
    );
    const now = config.now();
    const accounts = manager.getRepository(Account);
    await accounts.insert([
      {
        username: demoAccounts.naccCentral.username,
        role: Role.NACC_CENTRAL,
        administrator: true,
        displayName: demoAccounts.naccCentral.displayName,
        email: 'nacc.admin@example.go.th',
        passwordHash: central,
        activatedAt: now,
      },
      {
        username: demoAccounts.naccProvince.username,
        role: Role.NACC_PROVINCE,
        provinceId: demoAccounts.naccProvince.provinceId,
        displayName: demoAccounts.naccProvince.displayName,
        email: 'nacc.phitsanulok@example.go.th',
        passwordHash: province,
        activatedAt: now,
      },
      {
        username: demoAccounts.naccRegion.username,
        role: Role.NACC_REGION,
        regionId: demoAccounts.naccRegion.regionId,
        displayName: demoAccounts.naccRegion.displayName,
        email: 'nacc.region6@example.go.th',
        passwordHash: region,
        activatedAt: now,
      },
    ]);
    const dintong = await manager.getRepository(Lao).findOneByOrFail({ code: demoAccounts.lao.username });
    await manager.getRepository(Lao).update(
      { id: dintong.id },
      {
        size: LaoSize.MEDIUM,
        address: 'หมู่ 3 ตำบลดินทอง อำเภอวังทอง จังหวัดพิษณุโลก 65130',
        areaKm2: '82.50',
        population: 8125,
        revenueExcludingSubsidies: '4350000.00',
        revenueFromSubsidies: '21780500.00',
        chiefExecutiveName: 'นายสมชาย ใจดี',
        permanentSecretaryName: 'นางสาวสมหญิง รักงาน',
        coordinatorFullName: 'นายนิพนธ์ ทับไทร',
        coordinatorPosition: 'นักวิเคราะห์นโยบายและแผน',
        coordinatorUnit: 'สำนักปลัด',
        coordinatorPhone: '055-000000',
        coordinatorMobile: '081-234-5678',
        coordinatorEmail: 'dintong@example.go.th',
        website: 'https://www.dintong.example.go.th',
        profileCompletedAt: now,
      },
    );
    await accounts.insert({
      username: dintong.code,
      role: Role.LAO,
      laoId: dintong.id,
      displayName: dintong.nameTh,
      passwordHash: lao,
      activatedAt: now,
      passwordChangedAt: now,
    });
    const nacc = await accounts.findOneByOrFail({ username: demoAccounts.naccCentral.username });
    await seedDemoPlans(manager, dintong.id, nacc.id);
    await seedDemoCurrentYear(manager, { now, naccAccountId: nacc.id, cost });
    await seedDemoScores(manager, { now, naccAccountId: nacc.id });
    await seedDemoContacts(manager, nacc.id);
  });
  return true;
};

/**
 * The demo sign-ins that still work, for the start banner: the account exists, is not
 * disabled, and its stored hash still matches the demo password (one changed, reset, or
 * replaced by `npm run seed:national --reset` is not shown).
 */
export const workingDemoSignIns = async (
  dataSource: DataSource,
): Promise<{ label: string; username: string; password: string }[]> => {
  const demo = [
    { label: 'NACC central', ...demoAccounts.naccCentral },
    { label: 'NACC Phitsanulok', ...demoAccounts.naccProvince },
    { label: 'NACC region 6', ...demoAccounts.naccRegion },
    { label: 'LAO (ดินทอง)', ...demoAccounts.lao },
  ];
  const accounts = await dataSource
    .getRepository(Account)
    .findBy({ username: In(demo.map((account) => account.username)) });
  const works = await Promise.all(
    demo.map(async ({ username, password }) => {
      const account = accounts.find((row) => row.username === username);
      return !!account && !account.disabledAt && (await verifyPassword(account.passwordHash, password));
    }),
  );
  return demo
    .filter((_, i) => works[i])
    .map(({ label, username, password }) => ({ label, username, password }));
};
