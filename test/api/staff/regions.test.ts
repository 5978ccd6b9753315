import { Role } from '../../../server/auth/role';
import { createAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const ASSIGN = `mutation($input: AssignProvinceRegionInput!) { assignProvinceRegion(input: $input) { id } }`;

describe('regions: which provinces form a region decides what its office reaches', () => {
  let server: TestServer;
  let world: World;
  let admin: GraphQLClient;
  let office: GraphQLClient;

  const reach = async () => {
    const viewer = await office(`{ viewer { region { id } reachProvinces { id } } }`);
    const laos = await office(`{ laos(first: 50) { edges { node { code } } } }`);
    return {
      region: viewer.data?.viewer.region?.id,
      provinces: viewer.data?.viewer.reachProvinces.map((province: { id: string }) => province.id),
      laos: laos.data?.laos.edges.map((edge: { node: { code: string } }) => edge.node.code).sort(),
    };
  };
  const issueCodes = async (provinceId: string) =>
    errorCode(
      await office(
        `mutation { issueActivationCodesForProvince(input: { provinceId: "${provinceId}" }) { code } }`,
      ),
    );

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    admin = await signIn(server, world.central.username, world.central.password);
    const account = await createAccount(server.dataSource, {
      username: 'nacc.region6',
      role: Role.NACC_REGION,
      regionId: 6,
    });
    office = await signIn(server, account.username, account.password);
  });
  afterAll(() => server.stop());

  it('a region without provinces reaches nothing; assigning provinces widens the reach at once', async () => {
    expect(await reach()).toEqual({ region: '6', provinces: [], laos: [] });
    expect(await issueCodes('65')).toBe('NOT_FOUND');

    expect((await admin(ASSIGN, { input: { provinceId: '65', regionId: '6' } })).errors).toBeUndefined();
    expect(await reach()).toEqual({ region: '6', provinces: ['65'], laos: ['5650802', '5650803'] });
    expect(await issueCodes('65')).toBeNull();
    expect(await issueCodes('54')).toBe('NOT_FOUND');

    await admin(ASSIGN, { input: { provinceId: '54', regionId: '6' } });
    expect(await reach()).toEqual({
      region: '6',
      provinces: ['65', '54'],
      laos: ['5540102', '5650802', '5650803'],
    });
    // In Thai order (พิษณุโลก before แพร่). Statistics by province: the region's provinces only.
    const statistics = await office(`{ statistics(fiscalYear: 2566, round: SIX_MONTH) { province { id } } }`);
    expect(statistics.errors).toBeUndefined();
    expect(
      (statistics.data?.statistics as { province: { id: string } }[]).map((row) => row.province.id).sort(),
    ).toEqual(['54', '65']);

    // Moving a province to another region (or none) takes it out of reach.
    await admin(ASSIGN, { input: { provinceId: '65', regionId: '5' } });
    await admin(ASSIGN, { input: { provinceId: '54', regionId: null } });
    expect(await reach()).toEqual({ region: '6', provinces: [], laos: [] });
    expect(await issueCodes('65')).toBe('NOT_FOUND');

    const regions = await admin(`{ regions { id nameTh provinces { id } } }`);
    expect(regions.data?.regions).toHaveLength(9);
    expect(regions.data?.regions[4]).toEqual({
      id: '5',
      nameTh: 'สำนักงาน ป.ป.ช. ภาค 5',
      provinces: [{ id: '65' }],
    });
  });

  it('refuses an unknown province or region, and anyone but an administrator', async () => {
    const unknownProvince = await admin(ASSIGN, { input: { provinceId: '99', regionId: '1' } });
    expect(errorCode(unknownProvince)).toBe('NOT_FOUND');
    expect(unknownProvince.errors?.[0].message).toBe('ไม่พบจังหวัดที่ต้องการ');
    const unknownRegion = await admin(ASSIGN, { input: { provinceId: '65', regionId: '10' } });
    expect(errorCode(unknownRegion)).toBe('BAD_USER_INPUT');
    expect(unknownRegion.errors?.[0].extensions?.fields?.[0].message).toBe('ไม่พบภาคที่เลือก (ภาค 1–9)');
    expect(errorCode(await office(ASSIGN, { input: { provinceId: '65', regionId: '6' } }))).toBe('FORBIDDEN');
    const provincial = await signIn(server, world.provincial.username, world.provincial.password);
    expect(errorCode(await provincial(ASSIGN, { input: { provinceId: '65', regionId: '6' } }))).toBe(
      'FORBIDDEN',
    );
    expect(await reach()).toEqual({ region: '6', provinces: [], laos: [] });
  });
});
