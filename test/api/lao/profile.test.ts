import { createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const LAO = `query($code: String) { lao(code: $code) { id version profileCompletedAt incompleteProfileTabs coordinator { email } } }`;
const LOCATION = `mutation($input: LaoLocationInput!) { updateLaoLocation(input: $input) { version size address incompleteProfileTabs } }`;
const AREA = `mutation($input: LaoAreaInput!) { updateLaoArea(input: $input) { version areaKm2 population revenueExcludingSubsidies revenueFromSubsidies } }`;
const COORDINATOR = `mutation($input: LaoCoordinatorInput!) { updateLaoCoordinator(input: $input) { version profileCompletedAt coordinator { email mobile } website } }`;
const VIEWER = `{ viewer { mustCompleteProfile } }`;

const area = {
  areaKm2: '82.50',
  population: 8125,
  revenueExcludingSubsidies: '4350000.25',
  revenueFromSubsidies: '21780500',
  chiefExecutiveName: 'นายสมชาย ใจดี',
  permanentSecretaryName: 'นางสาวสมหญิง รักงาน',
};
const coordinator = {
  fullName: 'นายนิพนธ์ ทับไทร',
  position: 'นักวิเคราะห์นโยบายและแผน',
  unit: 'สำนักปลัด',
  phone: '055-123456 ต่อ 12',
  mobile: '081-234-5678',
  fax: '',
  email: 'Dintong@Example.go.th',
  website: 'https://www.dintong.go.th',
};

describe('LAO profile (three tabs)', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
  });
  afterAll(() => server.stop());

  it('walks the first-use wizard: three saves, each with the version it saw, then the profile is complete', async () => {
    expect((await lao(VIEWER)).data?.viewer.mustCompleteProfile).toBe(true);
    const id = String(world.dintong.id);
    let version = (await lao(LAO, { code: world.dintong.code })).data?.lao.version as number;

    const location = await lao(LOCATION, {
      input: { laoId: id, version, size: 'MEDIUM', address: ' หมู่ 3 ตำบลดินทอง ' },
    });
    expect(location.errors).toBeUndefined();
    expect(location.data?.updateLaoLocation).toMatchObject({ size: 'MEDIUM', address: 'หมู่ 3 ตำบลดินทอง' });
    expect(location.data?.updateLaoLocation.incompleteProfileTabs).toEqual(['AREA', 'COORDINATOR']);
    expect(location.data?.updateLaoLocation.version).toBe(version + 1);
    version = location.data?.updateLaoLocation.version;

    const saved = await lao(AREA, { input: { laoId: id, version, ...area } });
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.updateLaoArea).toMatchObject({
      areaKm2: '82.50',
      revenueExcludingSubsidies: '4350000.25',
      revenueFromSubsidies: '21780500.00',
    });
    version = saved.data?.updateLaoArea.version;

    const last = await lao(COORDINATOR, { input: { laoId: id, version, ...coordinator } });
    expect(last.errors).toBeUndefined();
    expect(last.data?.updateLaoCoordinator.coordinator).toEqual({
      email: 'dintong@example.go.th',
      mobile: '081-234-5678',
    });
    expect(last.data?.updateLaoCoordinator.profileCompletedAt).not.toBeNull();
    expect((await lao(VIEWER)).data?.viewer.mustCompleteProfile).toBe(false);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const current = (await lao(LAO, { code: world.dintong.code })).data?.lao;
    const stale = await lao(LOCATION, {
      input: { laoId: current.id, version: current.version - 1, size: 'LARGE', address: 'ที่อยู่จากหน้าจอเก่า' },
    });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].message).toContain('ถูกแก้ไขโดยผู้อื่น');
    expect((await lao(LAO, { code: world.dintong.code })).data?.lao.version).toBe(current.version);
  });

  it('answers invalid fields per field, in Thai, without echoing the values', async () => {
    const { id, version } = (await lao(LAO, { code: world.dintong.code })).data!.lao;
    const response = await lao(COORDINATOR, {
      input: { laoId: id, version, ...coordinator, email: 'not-an-email-secret', mobile: '12', fullName: '' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    const fields = response.errors?.[0].extensions?.fields ?? [];
    expect(fields.map((f) => f.field).sort()).toEqual(['email', 'fullName', 'mobile']);
    expect(fields.find((f) => f.field === 'email')?.message).toBe('รูปแบบอีเมลไม่ถูกต้อง');
    expect(JSON.stringify(response)).not.toContain('not-an-email-secret');

    const negative = await lao(AREA, {
      input: { laoId: id, version, ...area, population: -1, areaKm2: '-5' },
    });
    expect(errorCode(negative)).toBe('BAD_USER_INPUT');
    expect((negative.errors?.[0].extensions?.fields ?? []).map((f) => f.field).sort()).toEqual([
      'areaKm2',
      'population',
    ]);
    expect((await lao(LAO, { code: world.dintong.code })).data?.lao.version).toBe(version);
  });

  it('keeps an LAO out of another LAO: reading or editing it answers “not found”', async () => {
    expect(errorCode(await lao(LAO, { code: world.paMaet.code }))).toBe('NOT_FOUND');
    const edit = await lao(LOCATION, {
      input: { laoId: String(world.paMaet.id), version: 1, size: 'SMALL', address: 'แก้ไขข้าม อปท.' },
    });
    expect(errorCode(edit)).toBe('NOT_FOUND');
    expect(errorCode(await lao(`{ laos(first: 5) { totalCount } }`))).toBe('FORBIDDEN');
  });

  it('lets NACC read but not edit a profile; a provincial office only within its province', async () => {
    const central = await signIn(server, world.central.username, world.central.password);
    const provincial = await signIn(server, world.provincial.username, world.provincial.password);
    expect((await central(LAO, { code: world.paMaet.code })).data?.lao.id).toBe(String(world.paMaet.id));
    expect((await provincial(LAO, { code: world.dintong.code })).data?.lao.coordinator.email).toBe(
      'dintong@example.go.th',
    );
    expect(errorCode(await provincial(LAO, { code: world.paMaet.code }))).toBe('NOT_FOUND');
    const list = await provincial(`{ laos(first: 10) { totalCount edges { node { code } } } }`);
    expect(list.data?.laos.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([
      world.dintong.code,
      world.wangPikul.code,
    ]);
    const edit = await central(LOCATION, {
      input: { laoId: String(world.paMaet.id), version: 1, size: 'SMALL', address: 'x' },
    });
    expect(errorCode(edit)).toBe('FORBIDDEN');
  });

  it('pages the LAO list with cursors and filters by Thai name', async () => {
    const central = await signIn(server, world.central.username, world.central.password);
    const first = await central(
      `{ laos(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } }`,
    );
    expect(first.data?.laos.totalCount).toBe(3);
    expect(first.data?.laos.pageInfo.hasNextPage).toBe(true);
    const second = await central(
      `query($after: String) { laos(first: 2, after: $after) { pageInfo { hasNextPage } edges { node { code } } } }`,
      {
        after: first.data?.laos.pageInfo.endCursor,
      },
    );
    expect(second.data?.laos.edges).toHaveLength(1);
    expect(second.data?.laos.pageInfo.hasNextPage).toBe(false);
    const search = await central(`{ laos(first: 5, search: "ดินทอง") { edges { node { code } } } }`);
    expect(search.data?.laos.edges).toEqual([{ node: { code: world.dintong.code } }]);
    expect(errorCode(await central(`{ laos(first: 1000) { totalCount } }`))).toBe('BAD_USER_INPUT');
  });
});

describe('malformed variables', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('name the field but never echo the submitted value', async () => {
    const response = await server.anonymous(AREA, {
      input: { laoId: '1', version: 1, ...area, areaKm2: 'secret-looking-value' },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toContain('input.areaKm2');
    expect(JSON.stringify(response)).not.toContain('secret-looking-value');
  });
});

describe('LAO master data (NACC central)', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.paMaet, { password: 'PaMaet-Pass-2565' });
  });
  afterAll(() => server.stop());

  const MASTER = `mutation($input: LaoMasterDataInput!) { updateLaoMasterData(input: $input) { code nameTh type province { id } district { id } version } }`;

  it('renames, retypes and moves an LAO; a new code becomes its login', async () => {
    const central = await signIn(server, world.central.username, world.central.password);
    const input = {
      laoId: String(world.paMaet.id),
      version: world.paMaet.version,
      code: '3650899',
      nameTh: 'เทศบาลตำบลป่าแมต',
      type: 'SUBDISTRICT_MUNICIPALITY',
      districtId: String(world.wangThong.id),
    };
    const response = await central(MASTER, { input });
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateLaoMasterData).toMatchObject({
      code: '3650899',
      type: 'SUBDISTRICT_MUNICIPALITY',
      province: { id: String(world.phitsanulok.id) },
      district: { id: String(world.wangThong.id) },
    });
    await signIn(server, '3650899', 'PaMaet-Pass-2565');
    // The same edit again carries a stale version.
    expect(errorCode(await central(MASTER, { input }))).toBe('CONFLICT');
    const taken = await central(MASTER, {
      input: { ...input, version: response.data?.updateLaoMasterData.version, code: world.dintong.code },
    });
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0].extensions?.fields?.[0].field).toBe('code');
  });
});
