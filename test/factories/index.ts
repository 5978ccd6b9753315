import type { DataSource } from 'typeorm';
import { hashPassword } from '../../server/auth/password';
import { Role } from '../../server/auth/role';
import { Account } from '../../server/modules/account/account.entity';
import { District } from '../../server/modules/geo/district.entity';
import { Province } from '../../server/modules/geo/province.entity';
import { ensureRegions } from '../../server/modules/geo/regions';
import { PlanCycle } from '../../server/modules/plan/plan-cycle.entity';
import { ensureDefaultRounds } from '../../server/modules/report/round-defaults';
import { Lao } from '../../server/modules/lao/lao.entity';
import { LaoSize, LaoType } from '../../server/modules/lao/lao.enums';
import { testHashCost } from '../helpers/test-server';

let sequence = 0;
const next = () => (sequence += 1);

export const createProvince = (ds: DataSource, overrides: Partial<Province> = {}): Promise<Province> => {
  const id = overrides.id ?? 10 + (next() % 80);
  return ds
    .getRepository(Province)
    .save({ id, nameTh: `จังหวัดทดสอบ${id}`, nameEn: `Province ${id}`, ...overrides });
};

export const createDistrict = (ds: DataSource, province: Province, overrides: Partial<District> = {}) =>
  ds.getRepository(District).save({
    id: province.id * 100 + (next() % 99) + 1,
    provinceId: province.id,
    nameTh: `อำเภอทดสอบ${next()}`,
    nameEn: 'Test district',
    ...overrides,
  });

export const createLao = (ds: DataSource, district: District, overrides: Partial<Lao> = {}): Promise<Lao> =>
  ds.getRepository(Lao).save(
    ds.getRepository(Lao).create({
      code: String(5_000_000 + next()).padStart(7, '0'),
      nameTh: `องค์การบริหารส่วนตำบลทดสอบ${next()}`,
      type: LaoType.SAO,
      size: null,
      provinceId: district.provinceId,
      districtId: district.id,
      ...overrides,
    }),
  );

/** Profile fields of a finished first-use wizard. */
export const completeProfile: Partial<Lao> = {
  size: LaoSize.SMALL,
  address: 'หมู่ 1 ตำบลทดสอบ',
  areaKm2: '50.00',
  population: 5000,
  revenueExcludingSubsidies: '1000000.00',
  revenueFromSubsidies: '2000000.00',
  chiefExecutiveName: 'นายทดสอบ ผู้บริหาร',
  permanentSecretaryName: 'นางทดสอบ ปลัด',
  coordinatorFullName: 'นายผู้ประสาน งาน',
  coordinatorPosition: 'นักวิเคราะห์นโยบายและแผน',
  coordinatorUnit: 'สำนักปลัด',
  coordinatorMobile: '081-234-5678',
  coordinatorEmail: 'coordinator@example.go.th',
  profileCompletedAt: new Date(),
};

export const createAccount = async (
  ds: DataSource,
  overrides: Partial<Account> & { password?: string } = {},
): Promise<Account & { password: string }> => {
  const { password = 'Correct-Horse-2565', ...fields } = overrides;
  // Regions are data (the seeds and admin:create write them): a regional account needs them.
  if (fields.regionId != null) await ensureRegions(ds.manager);
  const account = await ds.getRepository(Account).save(
    ds.getRepository(Account).create({
      username: `user${next()}`,
      role: Role.NACC_CENTRAL,
      displayName: 'บัญชีทดสอบ',
      email: null,
      passwordHash: await hashPassword(password, testHashCost),
      activatedAt: new Date(),
      ...fields,
    }),
  );
  return Object.assign(account, { password });
};

export const createLaoAccount = (
  ds: DataSource,
  lao: Lao,
  overrides: Partial<Account> & { password?: string } = {},
) =>
  createAccount(ds, {
    username: lao.code,
    role: Role.LAO,
    laoId: lao.id,
    displayName: lao.nameTh,
    ...overrides,
  });

/** A small world: two provinces, a district each, LAOs, and NACC accounts. */
export const createWorld = async (ds: DataSource) => {
  await ensureRegions(ds.manager);
  const phitsanulok = await createProvince(ds, { id: 65, nameTh: 'พิษณุโลก', nameEn: 'Phitsanulok' });
  const phrae = await createProvince(ds, { id: 54, nameTh: 'แพร่', nameEn: 'Phrae' });
  const wangThong = await createDistrict(ds, phitsanulok, {
    id: 6508,
    nameTh: 'วังทอง',
    nameEn: 'Wang Thong',
  });
  const mueangPhrae = await createDistrict(ds, phrae, {
    id: 5401,
    nameTh: 'เมืองแพร่',
    nameEn: 'Mueang Phrae',
  });
  const dintong = await createLao(ds, wangThong, { code: '5650802', nameTh: 'องค์การบริหารส่วนตำบลดินทอง' });
  const wangPikul = await createLao(ds, wangThong, { code: '5650803', nameTh: 'องค์การบริหารส่วนตำบลวังพิกุล' });
  const paMaet = await createLao(ds, mueangPhrae, { code: '5540102', nameTh: 'องค์การบริหารส่วนตำบลป่าแมต' });
  const central = await createAccount(ds, {
    username: 'nacc.central',
    role: Role.NACC_CENTRAL,
    administrator: true,
  });
  const provincial = await createAccount(ds, {
    username: 'nacc.phitsanulok',
    role: Role.NACC_PROVINCE,
    provinceId: phitsanulok.id,
  });
  return { phitsanulok, phrae, wangThong, mueangPhrae, dintong, wangPikul, paMaet, central, provincial };
};

export type World = Awaited<ReturnType<typeof createWorld>>;

/** A plan cycle with the default reporting rounds of its years (as the service makes them). */
export const createCycle = async (ds: DataSource, overrides: Partial<PlanCycle> = {}): Promise<PlanCycle> => {
  const cycle = await ds
    .getRepository(PlanCycle)
    .save({ nameTh: 'แผน พ.ศ. 2566–2570', startYear: 2566, endYear: 2570, ...overrides });
  const years = Array.from({ length: cycle.endYear - cycle.startYear + 1 }, (_, i) => cycle.startYear + i);
  await ensureDefaultRounds(ds.manager, years);
  return cycle;
};

/** Every field of a project, valid, as the entry form sends it. */
export const projectFields = (overrides: Record<string, unknown> = {}) => ({
  name: 'โครงการสร้างจิตสำนึกและความตระหนักในการต่อต้านการทุจริต',
  workType: 'PROJECT',
  fiscalYears: [2566],
  quarters: [2],
  primaryDimension: 'SOCIETY',
  additionalDimensions: [],
  essence: 'อบรมพนักงานและประชาชน',
  antiCorruptionBudget: '15000.50',
  localDevelopmentBudget: '20000',
  targetGroups: ['OFFICIALS', 'PUBLIC'],
  objectives: 'เพื่อสร้างจิตสำนึก',
  remarks: null,
  ...overrides,
});
