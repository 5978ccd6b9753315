import { randomUUID } from 'node:crypto';
import { Account } from '../../../server/modules/account/account.entity';
import { Role } from '../../../server/auth/role';
import { Lao } from '../../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createAccount,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const implementationQuery = (laoFields = 'id code nameTh district { id nameTh } province { id nameTh }') => `
  query($provinceId: ID) {
    implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: $provinceId, first: 100) {
      totalCount
      edges { node { eligibleCount reportedCount completedCount percentage level lao { ${laoFields} } } }
    }
  }`;

describe('whole answers of the aggregate tables, cached by data version', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let centralToken: string;
  let provincialToken: string;
  const projectIds: string[] = [];

  /** POSTs as the given token and returns the body and whether the answer came from the cache. */
  const ask = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response data freely
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    return { body, hit: response.headers.get('x-aggregate-cache') === 'HIT' };
  };
  /** Dintong reports a project of 2566's six-month round. */
  const submit = (projectId: string, fields: Record<string, unknown>) =>
    lao(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { id } }`, {
      input: { projectId, fiscalYear: 2566, round: 'SIX_MONTH', idempotencyKey: randomUUID(), ...fields },
    });
  const dintongRow = (body: { data?: { implementation: { edges: { node: { lao: { id: string } } }[] } } }) =>
    body.data?.implementation.edges.find((edge) => edge.node.lao.id === String(world.dintong.id))?.node;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, completeProfile);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    const central = await signIn(server, world.central.username, world.central.password);
    centralToken = central.token as string;
    provincialToken = (await signIn(server, world.provincial.username, world.provincial.password))
      .token as string;
    for (let i = 0; i < 4; i += 1) {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
        { input: projectFields({ name: `โครงการที่ ${i + 1}`, fiscalYears: [2566] }) },
      );
      projectIds.push(created.data!.createProject.id);
    }
    await passPlan(lao, central, world.dintong.id);
  });
  afterAll(() => server.stop());

  it('answers a repeated table from the cache, and counts a report the moment it lands', async () => {
    const variables = { provinceId: String(world.phitsanulok.id) };
    const first = await ask(centralToken, implementationQuery(), variables);
    expect(first.body.errors).toBeUndefined();
    expect(first.hit).toBe(false);
    expect(dintongRow(first.body)).toMatchObject({
      eligibleCount: 4,
      reportedCount: 0,
      level: 'NOT_REPORTED',
    });
    const again = await ask(centralToken, implementationQuery(), variables);
    expect(again.hit).toBe(true);
    expect(again.body.data).toEqual(first.body.data);

    const submitted = await submit(projectIds[0], {
      inOrdinance: true,
      ordinanceBudget: '1000',
      disbursed: '500',
      status: 'COMPLETED',
    });
    expect(submitted.errors).toBeUndefined();
    const after = await ask(centralToken, implementationQuery(), variables);
    expect(after.hit).toBe(false);
    expect(dintongRow(after.body)).toMatchObject({
      reportedCount: 1,
      completedCount: 1,
      percentage: '25.00',
      level: 'MEDIUM',
    });
    expect((await ask(centralToken, implementationQuery(), variables)).hit).toBe(true);
  });

  it('keeps a province’s table cached while a report lands in another province', async () => {
    const phrae = { provinceId: String(world.phrae.id) };
    const phitsanulok = { provinceId: String(world.phitsanulok.id) };
    await ask(centralToken, implementationQuery(), phrae);
    await ask(centralToken, implementationQuery(), phitsanulok);
    expect((await ask(centralToken, implementationQuery(), phrae)).hit).toBe(true);
    const submitted = await submit(projectIds[1], {
      inOrdinance: false,
      ordinanceBudget: '0',
      disbursed: '0',
      status: 'IN_PROGRESS',
    });
    expect(submitted.errors).toBeUndefined();
    expect((await ask(centralToken, implementationQuery(), phrae)).hit).toBe(true);
    const changed = await ask(centralToken, implementationQuery(), phitsanulok);
    expect(changed.hit).toBe(false);
    expect(dintongRow(changed.body)).toMatchObject({ reportedCount: 2, completedCount: 1 });
  });

  it('keeps another fiscal year’s tables cached while a report of this year lands; master data counts for every year', async () => {
    const statistics = (year: number) =>
      `{ statistics(fiscalYear: ${year}, round: SIX_MONTH) { province { id } laoCount partlyReported } }`;
    const table = implementationQuery().replace('fiscalYear: 2566', 'fiscalYear: 2567');
    const phitsanulok = { provinceId: String(world.phitsanulok.id) };
    await ask(centralToken, statistics(2566));
    await ask(centralToken, statistics(2567));
    await ask(centralToken, table, phitsanulok);
    expect((await ask(centralToken, statistics(2567))).hit).toBe(true);
    const submitted = await submit(projectIds[2], {
      inOrdinance: false,
      ordinanceBudget: '0',
      disbursed: '0',
      status: 'UNABLE',
      unableReason: 'NO_BUDGET',
    });
    expect(submitted.errors).toBeUndefined();
    expect((await ask(centralToken, statistics(2567))).hit).toBe(true);
    expect((await ask(centralToken, table, phitsanulok)).hit).toBe(true);
    expect((await ask(centralToken, statistics(2566))).hit).toBe(false);
    // A mix of years in one document is decided by every year's versions.
    const both = `{ a: statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } b: statistics(fiscalYear: 2567, round: SIX_MONTH) { laoCount } }`;
    await ask(centralToken, both);
    expect((await ask(centralToken, both)).hit).toBe(true);
    // LAO master data is named by every year's tables: a change to it counts for all of them.
    await server.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { nameTh: 'องค์การบริหารส่วนตำบลดินทอง' });
    expect((await ask(centralToken, statistics(2567))).hit).toBe(false);
    expect((await ask(centralToken, table, phitsanulok)).hit).toBe(false);
    expect((await ask(centralToken, both)).hit).toBe(false);
  });

  it('serves the national statistics from the cache too, with the budget still charged', async () => {
    const query = `{ statistics(fiscalYear: 2566, round: SIX_MONTH) { province { id nameTh } laoCount partlyReported } }`;
    await ask(centralToken, query);
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${centralToken}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { extensions?: { cost?: { budget?: unknown } } };
    expect(response.headers.get('x-aggregate-cache')).toBe('HIT');
    expect(body.extensions?.cost?.budget).toBeDefined();
  });

  it('costs a signed-in caller one statement per hit: the session lookup charges and reads the version', async () => {
    const query = `query($year: Int!) { statistics(fiscalYear: $year, round: SIX_MONTH) { province { id } laoCount } }`;
    expect((await ask(centralToken, query, { year: 2566 })).hit).toBe(false);
    server.queries.count = 0;
    expect((await ask(centralToken, query, { year: 2566 })).hit).toBe(true);
    expect(server.queries.count).toBe(1);
    // The version read ahead is the current one: the first request after a report of that year recomputes.
    const submitted = await submit(projectIds[3], {
      inOrdinance: true,
      ordinanceBudget: '1000',
      disbursed: '1000',
      status: 'COMPLETED',
    });
    expect(submitted.errors).toBeUndefined();
    expect((await ask(centralToken, query, { year: 2566 })).hit).toBe(false);
    expect((await ask(centralToken, query, { year: 2566 })).hit).toBe(true);
  });

  it('keeps answers to callers with the same access: another analyst shares them, another province does not', async () => {
    const variables = { provinceId: String(world.phitsanulok.id) };
    await ask(centralToken, implementationQuery(), variables);
    expect((await ask(centralToken, implementationQuery(), variables)).hit).toBe(true);
    const colleague = await createAccount(server.dataSource, { role: Role.NACC_CENTRAL });
    const colleagueToken = (await signIn(server, colleague.username, colleague.password)).token as string;
    expect((await ask(colleagueToken, implementationQuery(), variables)).hit).toBe(true);
    const provincial = await ask(provincialToken, implementationQuery(), variables);
    expect(provincial.hit).toBe(false);
    expect(provincial.body.data).toEqual(
      (await ask(centralToken, implementationQuery(), variables)).body.data,
    );
    // An officer of Phrae's office sees no row of Phitsanulok, whatever Phitsanulok's office has cached.
    expect((await ask(provincialToken, implementationQuery(), variables)).hit).toBe(true);
    const phraeOfficer = await createAccount(server.dataSource, {
      role: Role.NACC_PROVINCE,
      provinceId: world.phrae.id,
    });
    const phraeToken = (await signIn(server, phraeOfficer.username, phraeOfficer.password)).token as string;
    const outside = await ask(phraeToken, implementationQuery(), variables);
    expect(outside.hit).toBe(false);
    expect(outside.body.data.implementation.totalCount).toBe(0);
    // Moved to Phitsanulok's office, the same account shares that office's answers.
    await server.dataSource
      .getRepository(Account)
      .update(phraeOfficer.id, { provinceId: world.phitsanulok.id });
    const moved = await ask(phraeToken, implementationQuery(), variables);
    expect(moved.hit).toBe(true);
    expect(moved.body.data).toEqual(provincial.body.data);
  });

  it('makes one answer for requests that miss it together: the later ones wait for the first', async () => {
    const query = implementationQuery('id code nameTh __typename');
    const variables = { provinceId: String(world.phitsanulok.id) };
    // A version no answer was made at yet (nor the per-table cache's), so the table's SQL runs.
    await server.dataSource.query(`UPDATE lao SET name_th = name_th WHERE id = $1`, [world.dintong.id]);
    const holder = server.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let first: ReturnType<typeof ask> | undefined;
    let second: ReturnType<typeof ask> | undefined;
    try {
      // The table's SQL waits on this lock, so the first request is still computing when the second misses.
      await holder.query(`LOCK TABLE lao_round_summary IN ACCESS EXCLUSIVE MODE`);
      first = ask(centralToken, query, variables);
      const waiting = async () =>
        Number((await holder.query(`SELECT count(*) AS n FROM pg_locks WHERE NOT granted`))[0].n);
      for (let tries = 0; tries < 100 && (await waiting()) === 0; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await waiting()).toBe(1);
      second = ask(centralToken, query, variables);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Only the first waits in the database; the second waits for the first's answer.
      expect(await waiting()).toBe(1);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const [made, shared] = await Promise.all([first, second]);
    expect(made?.hit).toBe(false);
    expect(made?.body.errors).toBeUndefined();
    expect(shared?.hit).toBe(true);
    expect(shared?.body.data).toEqual(made?.body.data);
  });

  it('never caches a document that selects what the data version does not cover', async () => {
    const query = implementationQuery('id population coordinator { fullName }');
    await ask(centralToken, query);
    expect((await ask(centralToken, query)).hit).toBe(false);
    const mixed = `{ viewer { __typename } statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }`;
    await ask(centralToken, mixed);
    expect((await ask(centralToken, mixed)).hit).toBe(false);
    // One document, two operations: only the one that selects nothing else is cached.
    const twoOperations = `query Plain { statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }
      query WithViewer { viewer { __typename } statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount } }`;
    const run = async (operationName: string) =>
      (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${centralToken}` },
          body: JSON.stringify({ query: twoOperations, operationName }),
        })
      ).headers.get('x-aggregate-cache');
    await run('Plain');
    expect(await run('Plain')).toBe('HIT');
    await run('WithViewer');
    expect(await run('WithViewer')).toBeNull();
  });

  it('shows an LAO renamed in the master data at once', async () => {
    const variables = { provinceId: String(world.phitsanulok.id) };
    await ask(centralToken, implementationQuery(), variables);
    expect((await ask(centralToken, implementationQuery(), variables)).hit).toBe(true);
    await server.dataSource
      .getRepository(Lao)
      .update(world.dintong.id, { nameTh: 'องค์การบริหารส่วนตำบลดินทองใหม่' });
    const renamed = await ask(centralToken, implementationQuery(), variables);
    expect(renamed.hit).toBe(false);
    expect(
      renamed.body.data.implementation.edges.map(
        (e: { node: { lao: { nameTh: string } } }) => e.node.lao.nameTh,
      ),
    ).toContain('องค์การบริหารส่วนตำบลดินทองใหม่');
  });

  it('recomputes only the changed province’s row of the national statistics, by that province’s version', async () => {
    const query = `{ statistics(fiscalYear: 2566, round: TWELVE_MONTH) { province { id } laoTypes { type count } } }`;
    const typesOf = (
      body: { data?: { statistics: { province: { id: string }; laoTypes: unknown[] }[] } },
      id: number,
    ) => body.data?.statistics.find((row) => row.province.id === String(id))?.laoTypes;
    // Changes the data without raising any version (triggers off), as a stand-in for "unchanged".
    const quietly = (sql: string, values: unknown[]) =>
      server.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL session_replication_role = replica`);
        await manager.query(sql, values);
      });
    // A change that raises the province's "every year" version, and nothing else.
    const touch = (laoId: number) =>
      server.dataSource.query(`UPDATE lao SET name_th = name_th WHERE id = $1`, [laoId]);

    const before = (await ask(centralToken, query)).body;
    expect(typesOf(before, world.phrae.id)).toEqual([{ type: 'SAO', count: 1 }]);
    await quietly(`UPDATE lao SET type = 'PAO' WHERE id = $1`, [world.paMaet.id]);
    try {
      await touch(world.dintong.id);
      const phitsanulokChanged = await ask(centralToken, query);
      expect(phitsanulokChanged.hit).toBe(false);
      // Phrae's row is the one kept under Phrae's unchanged version (recomputing it would show a PAO).
      expect(typesOf(phitsanulokChanged.body, world.phrae.id)).toEqual([{ type: 'SAO', count: 1 }]);
      expect(typesOf(phitsanulokChanged.body, world.phitsanulok.id)).toEqual(
        typesOf(before, world.phitsanulok.id),
      );
      await touch(world.paMaet.id);
      expect(typesOf((await ask(centralToken, query)).body, world.phrae.id)).toEqual([
        { type: 'PAO', count: 1 },
      ]);
    } finally {
      await quietly(`UPDATE lao SET type = 'SAO' WHERE id = $1`, [world.paMaet.id]);
      await touch(world.paMaet.id);
    }
    expect((await ask(centralToken, query)).body.data).toEqual(before.data);
  });
  describe('hits answered ahead of Apollo, with the session lookup', () => {
    const query = `{ statistics(fiscalYear: 2566, round: SIX_MONTH) { province { id nameTh } laoCount notReported } }`;
    const post = (token: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query }),
      });
    const bucketOf = (accountId: string) => `account:${accountId}`;
    /** Sets the caller's bucket; a timestamp an hour ahead keeps it from leaking while the test runs. */
    const setBucket = (accountId: string, level: number) =>
      server.dataSource.query(
        `UPDATE api_budget SET level = $2, updated_at = clock_timestamp() + interval '1 hour' WHERE bucket_key = $1`,
        [bucketOf(accountId), level],
      );
    const levelOf = async (accountId: string) =>
      Number(
        (
          await server.dataSource.query(`SELECT level FROM api_budget WHERE bucket_key = $1`, [
            bucketOf(accountId),
          ])
        )[0].level,
      );
    afterEach(() =>
      server.dataSource.query(`UPDATE api_budget SET level = 0, updated_at = clock_timestamp()`),
    );

    it('answers as Apollo does: the same data, content type and cost, and charges the budget', async () => {
      const miss = await post(centralToken);
      expect(miss.headers.get('x-aggregate-cache')).toBeNull();
      const missText = await miss.text();
      await setBucket(world.central.id, 0);
      const hit = await post(centralToken);
      expect(hit.headers.get('x-aggregate-cache')).toBe('HIT');
      expect(hit.headers.get('content-type')).toBe(miss.headers.get('content-type'));
      const hitText = await hit.text();
      expect(hitText.endsWith('}\n')).toBe(true);
      const [before, after] = [JSON.parse(missText), JSON.parse(hitText)];
      expect(after.data).toEqual(before.data);
      const { capacity, restorePerSecond } = server.config.apiLimits.budgets.account;
      const { requested } = before.extensions.cost;
      expect(after.extensions).toEqual({
        cost: {
          requested,
          limit: before.extensions.cost.limit,
          budget: { capacity, remaining: capacity - requested, restorePerSecond },
        },
      });
      expect(await levelOf(world.central.id)).toBe(requested);
    });

    it('refuses a caller whose budget is spent, though the answer is kept', async () => {
      await post(centralToken);
      expect((await post(centralToken)).headers.get('x-aggregate-cache')).toBe('HIT');
      await setBucket(world.central.id, server.config.apiLimits.budgets.account.capacity);
      const refused = await post(centralToken);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-aggregate-cache')).toBeNull();
      const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    });

    it('serves nothing to a session that has ended', async () => {
      const session = await signIn(server, world.central.username, world.central.password);
      const token = session.token as string;
      await post(token);
      expect((await post(token)).headers.get('x-aggregate-cache')).toBe('HIT');
      expect((await session(`mutation { logout }`)).data?.logout).toBe(true);
      const ended = await post(token);
      expect(ended.headers.get('x-aggregate-cache')).toBeNull();
      const body = (await ended.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('leaves the media type a caller prefers to Apollo', async () => {
      await post(centralToken);
      const hit = await post(centralToken, { accept: 'application/graphql-response+json' });
      expect(hit.headers.get('x-aggregate-cache')).toBe('HIT');
      expect(hit.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    });
  });
});
