import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { MemoryMirror, PartnerSyncClient, type SyncEntity } from '../../../examples/partner-sync/sync-client';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { partnerClient, passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const CREATE = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`;
const tables: Record<SyncEntity, string> = { LAO: 'lao', PLAN: 'plan', PROJECT: 'project', REPORT: 'report' };

describe('partner sync: full, then incremental, mirrors the database exactly', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let otherLao: GraphQLClient;
  let central: GraphQLClient;
  let secret: string;
  const projects: { id: string; version: number }[] = [];

  const client = (apiKey = secret, pageSize = 2) =>
    new PartnerSyncClient({ url: `${server.url}/graphql`, apiKey, pageSize });

  /** Ids of every row of a table, optionally of one province, as the database has them. */
  const idsInDatabase = async (entity: SyncEntity, provinceId?: number): Promise<string[]> => {
    const table = tables[entity];
    const rows: { id: number }[] = await server.dataSource.query(
      entity === 'LAO'
        ? `SELECT id FROM lao WHERE $1::int IS NULL OR province_id = $1 ORDER BY id`
        : `SELECT t.id FROM "${table}" t JOIN lao ON lao.id = t.lao_id WHERE $1::int IS NULL OR lao.province_id = $1 ORDER BY t.id`,
      [provinceId ?? null],
    );
    return rows.map((row) => String(row.id));
  };

  const expectMirrorEqualsDatabase = async (mirror: MemoryMirror, provinceId?: number) => {
    for (const entity of Object.keys(tables) as SyncEntity[]) {
      expect(mirror.sorted(entity).map((record) => record.id)).toEqual(
        await idsInDatabase(entity, provinceId),
      );
    }
    // Field by field: the mirror equals what a brand-new full pull sees now.
    const fresh = new MemoryMirror();
    await client(secret, 500).sync(fresh);
    for (const entity of Object.keys(tables) as SyncEntity[]) {
      if (provinceId === undefined) expect(mirror.sorted(entity)).toEqual(fresh.sorted(entity));
    }
  };

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    for (const { id } of [world.dintong, world.wangPikul]) {
      await server.dataSource.getRepository(Lao).update(id, completeProfile);
    }
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    await createLaoAccount(server.dataSource, world.wangPikul, { password: 'WangPikul-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    otherLao = await signIn(server, world.wangPikul.code, 'WangPikul-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    for (const name of ['โครงการ ก', 'โครงการ ข', 'โครงการ ค', 'โครงการ ง', 'โครงการ จ']) {
      const created = await lao(CREATE, { input: projectFields({ name }) });
      projects.push(created.data!.createProject);
    }
    await otherLao(CREATE, { input: projectFields({ name: 'โครงการของวังพิกุล' }) });
    ({ secret } = await partnerClient(server, central, {
      scopes: ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'],
    }));
  });
  afterAll(() => server.stop());

  it('pulls everything, then only the changes and the deletions, and ends equal to the database', async () => {
    const mirror = new MemoryMirror();
    const full = await client().sync(mirror);
    expect(full.incremental).toBe(false);
    expect(full.upserted).toEqual({ LAO: 3, PLAN: 2, PROJECT: 6, REPORT: 0 });
    expect(full.requests).toBeGreaterThan(6); // pages of 2: pagination was exercised
    await expectMirrorEqualsDatabase(mirror);

    // Changes of every kind: create, edit, delete, review, plan submitted and assessed, report, master data.
    const [a, b, c, d] = projects;
    await lao(CREATE, { input: projectFields({ name: 'โครงการใหม่หลังซิงก์' }) });
    const edited = await lao(
      `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { id version } }`,
      { input: { ...projectFields({ name: 'โครงการ ข (แก้ไข)' }), id: b.id, version: b.version } },
    );
    expect(edited.errors).toBeUndefined();
    expect(
      (await lao(`mutation { deleteProject(id: "${c.id}", version: ${c.version}) }`)).errors,
    ).toBeUndefined();
    const reviewed = await central(
      `mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`,
      { input: { projects: [d], decision: 'REJECTED', reason: 'ไม่สอดคล้องกับมิติ' } },
    );
    expect(reviewed.errors).toBeUndefined();
    const plan = await passPlan(lao, central, world.dintong.id);
    const reported = await lao(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`,
      {
        input: {
          projectId: a.id,
          fiscalYear: 2566,
          round: 'SIX_MONTH',
          inOrdinance: true,
          ordinanceBudget: '20000',
          disbursed: '15000.50',
          status: 'COMPLETED',
          remark: 'รายงานพร้อมหมายเหตุ',
          idempotencyKey: randomUUID(),
        },
      },
    );
    expect(reported.errors).toBeUndefined();
    await server.dataSource.getRepository(Lao).update(world.wangPikul.id, { nameTh: 'เทศบาลตำบลวังพิกุล' });
    await server.dataSource.query(`DELETE FROM lao WHERE id = $1`, [world.paMaet.id]); // an LAO without data

    const incremental = await client().sync(mirror);
    expect(incremental.incremental).toBe(true);
    expect(incremental.deleted).toBe(2); // project ค and LAO ป่าแมต
    expect(incremental.upserted.PROJECT).toBeLessThan(full.upserted.PROJECT + 1);
    expect(incremental.upserted.REPORT).toBe(1);
    expect(mirror.records.LAO.get(String(world.wangPikul.id))?.nameTh).toBe('เทศบาลตำบลวังพิกุล');
    expect(mirror.records.PROJECT.get(d.id)?.reviewStatus).toBe('REJECTED');
    expect(mirror.records.PROJECT.get(a.id)?.usesBudget).toBe(true);
    expect([...mirror.records.REPORT.values()].find((r) => r.projectId === a.id)?.remark).toBe(
      'รายงานพร้อมหมายเหตุ',
    );
    expect(mirror.records.PLAN.get(plan.id)).toMatchObject({
      status: 'PASSED',
      assessments: [{ verdict: 'PASSED', totalScore: '80.00' }],
    });
    expect(mirror.records.PROJECT.has(c.id)).toBe(false);
    await expectMirrorEqualsDatabase(mirror);

    // Nothing changed: an incremental pull brings nothing new and deletes nothing.
    const idle = await client().sync(mirror);
    expect(idle.deleted).toBe(0);
    await expectMirrorEqualsDatabase(mirror);
  });

  it('misses nothing written by a transaction that was still open while pulling', async () => {
    const mirror = new MemoryMirror();
    await client().sync(mirror);
    const writer = new Client({ connectionString: databaseUrlOf(server) });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE project SET remarks = 'แก้ไขระหว่างซิงก์' WHERE id = $1`, [projects[0].id]);
      const [{ stamped }] = (await writer.query(`SELECT now() AS stamped`)).rows;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const during = await client().sync(mirror); // the open write is invisible to this pull
      await writer.query('COMMIT');
      // Its stamp is older than the pull that could not see it: a clock-based "since" would skip it.
      expect(new Date(stamped).getTime()).toBeLessThan(Date.parse(during.horizon) + 1);
      await client().sync(mirror);
      expect(mirror.records.PROJECT.get(projects[0].id)?.remarks).toBe('แก้ไขระหว่างซิงก์');
      await expectMirrorEqualsDatabase(mirror);
    } finally {
      await writer.end();
    }
  });

  it('limits a key to its provinces and its scopes; keys never write', async () => {
    const limited = await partnerClient(server, central, {
      scopes: ['MASTER_DATA', 'PLANS', 'REPORTS'],
      provinceIds: [String(world.phitsanulok.id)],
    });
    const mirror = new MemoryMirror();
    await client(limited.secret).sync(mirror);
    for (const entity of Object.keys(tables) as SyncEntity[]) {
      expect(mirror.sorted(entity).map((r) => r.id)).toEqual(
        await idsInDatabase(entity, world.phitsanulok.id),
      );
    }
    const masterOnly = await partnerClient(server, central, { scopes: ['MASTER_DATA'] });
    expect(errorCode(await masterOnly.client(`{ projects(first: 1) { totalCount } }`))).toBe('FORBIDDEN');
    expect(
      errorCode(await masterOnly.client(`{ laos(first: 1) { edges { node { coordinator { phone } } } } }`)),
    ).toBe('FORBIDDEN');
    const masterMirror = new MemoryMirror();
    await new PartnerSyncClient({
      url: `${server.url}/graphql`,
      apiKey: masterOnly.secret,
      entities: ['LAO'],
    }).sync(masterMirror);
    expect(masterMirror.sorted('LAO').map((r) => r.id)).toEqual(await idsInDatabase('LAO'));
    expect(errorCode(await limited.client(`mutation { logout }`))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await limited.client(
          `mutation { login(input: { username: "nacc.central", password: "Correct-Horse-2565" }) { token } }`,
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('records last use, and stops a revoked or expired key at once', async () => {
    const key = await partnerClient(server, central, { scopes: ['MASTER_DATA'] });
    expect((await key.client(`{ laos(first: 1) { totalCount } }`)).errors).toBeUndefined();
    const listed = await central(`{ apiKeys { edges { node { id prefix lastUsedAt active scopes } } } }`);
    const node = listed.data!.apiKeys.edges.find((e: { node: { id: string } }) => e.node.id === key.id).node;
    expect(node).toMatchObject({ active: true, scopes: ['MASTER_DATA'] });
    expect(node.lastUsedAt).not.toBeNull();
    expect(key.secret.startsWith(node.prefix)).toBe(true);
    const stored = await server.dataSource.query(`SELECT secret_digest FROM api_key WHERE id = $1`, [key.id]);
    expect(stored[0].secret_digest).not.toContain(key.secret.slice(13));
    await central(`mutation { revokeApiKey(id: "${key.id}") { revokedAt } }`);
    expect(errorCode(await key.client(`{ laos(first: 1) { totalCount } }`))).toBe('UNAUTHENTICATED');

    const shortLived = await partnerClient(server, central, { scopes: ['MASTER_DATA'], validDays: 1 });
    clock.now = new Date(clock.now.getTime() + 2 * 24 * 60 * 60 * 1000);
    try {
      expect(errorCode(await shortLived.client(`{ laos(first: 1) { totalCount } }`))).toBe('UNAUTHENTICATED');
    } finally {
      clock.now = new Date('2023-04-20T03:00:00.000Z');
    }
  });
});

const databaseUrlOf = (server: TestServer): string => (server.dataSource.options as { url: string }).url;
