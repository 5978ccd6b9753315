import { randomUUID } from 'node:crypto';
import { Role } from '../../../server/auth/role';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createAccount,
  createCycle,
  createDistrict,
  createLao,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const GRANT = `mutation($input: GrantExtensionBatchInput!) { grantExtensionBatch(input: $input) {
  id version scope laoCount reason until revokedAt district { nameTh } } }`;
const REVOKE = `mutation($input: RevokeExtensionBatchInput!) { revokeExtensionBatch(input: $input) { id revokedAt } }`;
const ROUNDS = `{ reportingRounds(fiscalYear: 2566) { id kind viewerDeadline isOpen } }`;
// Fiscal year 2566's 6-month round closes at 1 May 2023 00:00 in Bangkok.
const sixMonthCloses = new Date('2023-04-30T17:00:00.000Z');
const until = new Date('2023-05-10T17:00:00.000Z');

describe('extensions in batch', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let dintong: GraphQLClient;
  let wangPikul: GraphQLClient;
  let otherDistrict: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let phrae: GraphQLClient;
  let roundId: string;
  let projectId: string;
  let version = 0;

  const submit = () =>
    dintong(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { version } }`, {
      input: {
        projectId,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '20000',
        disbursed: '15000.50',
        status: 'COMPLETED',
        idempotencyKey: randomUUID(),
        ...(version ? { expectedVersion: version } : {}),
      },
    });
  const sixMonth = async (client: GraphQLClient) =>
    (await client(ROUNDS)).data!.reportingRounds.find((r: { kind: string }) => r.kind === 'SIX_MONTH');
  const batchRows = async () =>
    (await server.dataSource.query(`SELECT count(*)::int AS n FROM extension_batch`))[0].n as number;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, completeProfile);
    const bangKrathum = await createDistrict(server.dataSource, world.phitsanulok, {
      id: 6509,
      nameTh: 'บางกระทุ่ม',
    });
    const neighbour = await createLao(server.dataSource, bangKrathum, { code: '5650901' });
    for (const [lao, password] of [
      [world.dintong, 'Dintong-Pass-2565'],
      [world.wangPikul, 'WangPikul-Pass-2565'],
      [neighbour, 'Neighbour-Pass-2565'],
    ] as const) {
      await createLaoAccount(server.dataSource, lao, { password });
    }
    dintong = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    wangPikul = await signIn(server, world.wangPikul.code, 'WangPikul-Pass-2565');
    otherDistrict = await signIn(server, neighbour.code, 'Neighbour-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    await createAccount(server.dataSource, {
      username: 'nacc.phrae',
      role: Role.NACC_PROVINCE,
      provinceId: 54,
    });
    phrae = await signIn(server, 'nacc.phrae', 'Correct-Horse-2565');
    const created = await dintong(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
      { input: projectFields({ name: 'โครงการ ก' }) },
    );
    projectId = created.data!.createProject.id;
    await passPlan(dintong, provincial, world.dintong.id);
    roundId = (await sixMonth(central)).id;
  });
  afterAll(() => server.stop());

  const district = (overrides: Record<string, unknown> = {}) => ({
    input: {
      roundId,
      scope: 'DISTRICT',
      districtId: String(world.wangThong.id),
      until: until.toISOString(),
      reason: 'น้ำท่วมทั้งอำเภอ',
      ...overrides,
    },
  });

  it('refuses an empty reason and an until before the round closes, in Thai', async () => {
    const noReason = await provincial(GRANT, district({ reason: '   ' }));
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    expect(noReason.errors?.[0].extensions?.fields).toEqual([
      expect.objectContaining({ field: 'reason', message: 'กรุณาระบุเหตุผลที่ขยายเวลา' }),
    ]);
    const early = await provincial(
      GRANT,
      district({ until: new Date(sixMonthCloses.getTime() - 1).toISOString() }),
    );
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].extensions?.fields?.[0]).toMatchObject({ field: 'until' });
    expect(early.errors?.[0].extensions?.fields?.[0].message).toContain('หลังกำหนดส่งเดิม');
    expect(await batchRows()).toBe(0);
  });

  it('refuses a provincial office outside its province, whole: one LAO out of reach refuses the list', async () => {
    expect(errorCode(await phrae(GRANT, district()))).toBe('NOT_FOUND');
    const mixed = await phrae(
      GRANT,
      district({ scope: 'LAOS', districtId: null, laoCodes: [world.paMaet.code, world.dintong.code] }),
    );
    expect(errorCode(mixed)).toBe('NOT_FOUND');
    const province = await phrae(GRANT, district({ scope: 'PROVINCE', districtId: null, provinceId: '65' }));
    expect(errorCode(province)).toBe('NOT_FOUND');
    const unknown = await central(
      GRANT,
      district({ scope: 'LAOS', districtId: null, laoCodes: ['9999999'] }),
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    expect(await batchRows()).toBe(0);
  });

  it('extends every LAO of a district after the round closed, until `until`; revoking the batch revokes them all', async () => {
    const granted = await provincial(GRANT, district());
    expect(granted.errors).toBeUndefined();
    const batch = granted.data!.grantExtensionBatch;
    expect(batch).toMatchObject({ scope: 'DISTRICT', laoCount: 2, reason: 'น้ำท่วมทั้งอำเภอ', revokedAt: null });
    expect(batch.district.nameTh).toBe('วังทอง');
    // An LAO's own extension with a later `until` stands beside the batch (the later one counts).
    const later = new Date('2023-05-20T17:00:00.000Z');
    const own = await central(
      `mutation($input: GrantExtensionInput!) { grantRoundExtension(input: $input) { id } }`,
      {
        input: { roundId, laoId: String(world.wangPikul.id), until: later.toISOString(), reason: 'ไฟฟ้าดับ' },
      },
    );
    expect(own.errors).toBeUndefined();

    clock.now = new Date('2023-05-03T03:00:00.000Z'); // after the round closed
    const first = await submit();
    expect(first.errors).toBeUndefined();
    version = first.data!.submitReport.version;
    expect(await sixMonth(dintong)).toMatchObject({ isOpen: true, viewerDeadline: until.toISOString() });
    expect(await sixMonth(wangPikul)).toMatchObject({ isOpen: true, viewerDeadline: later.toISOString() });
    expect(await sixMonth(otherDistrict)).toMatchObject({
      isOpen: false,
      viewerDeadline: sixMonthCloses.toISOString(),
    });
    // Each LAO sees its extension, linked to the batch.
    const mine = await dintong(`{ roundExtensions { edges { node { status until reason batchId } } } }`);
    expect(mine.data!.roundExtensions.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { status: 'GRANTED', until: until.toISOString(), reason: 'น้ำท่วมทั้งอำเภอ', batchId: batch.id },
    ]);
    // The list, with its count and who granted it; an office out of reach does not see it.
    const listed = await provincial(
      `{ extensionBatches(fiscalYear: 2566) { id laoCount grantedByName round { kind } } }`,
    );
    expect(listed.data!.extensionBatches).toEqual([
      { id: batch.id, laoCount: 2, grantedByName: expect.any(String), round: { kind: 'SIX_MONTH' } },
    ]);
    expect(listed.data!.extensionBatches[0].grantedByName).not.toBe('');
    expect((await phrae(`{ extensionBatches { id } }`)).data!.extensionBatches).toEqual([]);
    expect(errorCode(await phrae(REVOKE, { input: { id: batch.id, version: batch.version } }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await provincial(REVOKE, { input: { id: batch.id, version: batch.version + 1 } }))).toBe(
      'CONFLICT',
    );

    const revoked = await provincial(REVOKE, { input: { id: batch.id, version: batch.version } });
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeExtensionBatch.revokedAt).toBe(clock.now.toISOString());
    expect(errorCode(await submit())).toBe('ROUND_CLOSED');
    expect(await sixMonth(dintong)).toMatchObject({
      isOpen: false,
      viewerDeadline: sixMonthCloses.toISOString(),
    });
    expect(await sixMonth(wangPikul)).toMatchObject({ isOpen: true, viewerDeadline: later.toISOString() });
    const statuses = await server.dataSource.query(
      `SELECT status, count(*)::int AS n FROM round_extension WHERE batch_id = $1 GROUP BY status`,
      [Number(batch.id)],
    );
    expect(statuses).toEqual([{ status: 'REVOKED', n: 2 }]);
    expect(errorCode(await provincial(REVOKE, { input: { id: batch.id, version: batch.version + 1 } }))).toBe(
      'INVALID_STATE',
    );
    // The audit shows who granted and who revoked.
    const audit = await server.dataSource.query(
      `SELECT operation FROM audit_event WHERE operation IN ('grantExtensionBatch', 'revokeExtensionBatch') AND outcome = 'OK' ORDER BY id`,
    );
    expect(audit.map((row: { operation: string }) => row.operation)).toEqual([
      'grantExtensionBatch',
      'revokeExtensionBatch',
    ]);
  });
});
