import { randomUUID } from 'node:crypto';
import { createDataSource } from '../../server/db/data-source';
import { Lao } from '../../server/modules/lao/lao.entity';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../factories';
import type { GraphQLClient } from '../helpers/graphql-client';
import { captureLogs } from '../helpers/log-capture';
import { signIn } from '../helpers/sign-in';
import { startStreamingPair, type StreamingPair } from '../helpers/streaming-replica';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Read scaling: a real primary and a real streaming replica (two PostgreSQL servers on
 * loopback). Writes, transactions and reads of what was just written go to the primary;
 * the aggregate and public tables are served by the replica (docs/operations.md, "Read replicas").
 */

const database = 'lao_monitor';
const CREATE_PROJECT = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`;
const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { id status } }`;
const IMPLEMENTATION = `{ implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { edges { node {
  lao { code } eligibleCount reportedCount completedCount percentage level } } } }`;
const STATISTICS = `{ statistics(fiscalYear: 2566, round: SIX_MONTH) { province { id } laoCount noPassedPlan fullyReported partlyReported notReported } }`;
const PUBLIC_STATISTICS = `{ publicStatistics(fiscalYear: 2566, round: SIX_MONTH) { province { id } laoCount noPassedPlan fullyReported partlyReported notReported } }`;
const PUBLIC_SEARCH = `{ publicLaoSearch(search: "ดินทอง") { totalCount edges { node { code nameTh } } } }`;
const summaryOf = (field: 'laoSummary' | 'publicLaoSummary', laoId: number) =>
  `{ ${field}(laoId: "${laoId}", fiscalYear: 2566) { projectCount rounds { round implementation { eligibleCount reportedCount completedCount percentage } } } }`;

type Row = { lao: { code: string }; eligibleCount: number; reportedCount: number; completedCount: number };
const nodesOf = (connection: { edges: { node: Row }[] }): Row[] => connection.edges.map((edge) => edge.node);

describe('read replicas (a real primary and a real streaming replica)', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') }; // 2566's 6-month round is open
  let pair: StreamingPair;
  let server: TestServer;
  const serverLog = captureLogs();
  let world: World;
  let lao: GraphQLClient;
  let central: GraphQLClient;
  const projects: { id: string }[] = [];

  const submit = (projectId: string) =>
    lao(SUBMIT, {
      input: {
        projectId,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '20000',
        disbursed: '15000',
        status: 'COMPLETED',
        idempotencyKey: randomUUID(),
      },
    });
  const dintongRow = async (client: GraphQLClient = central): Promise<Row | undefined> => {
    const answer = await client(IMPLEMENTATION);
    expect(answer.errors).toBeUndefined();
    return nodesOf(answer.data?.implementation).find((row) => row.lao.code === world.dintong.code);
  };
  /** The last statement of every connection our app holds open on one server. */
  const lastStatements = async (on: 'onPrimary' | 'onReplica', applicationName: string) =>
    (
      await pair[on]<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [applicationName],
      )
    ).map((row) => row.query);

  beforeAll(async () => {
    pair = await startStreamingPair(database);
    // The app's migrations, on the primary.
    const migrator = createDataSource(pair.primaryUrl(database));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    server = await startTestServer(
      { now: () => clock.now, logLevel: 'warn', logDestination: serverLog.destination },
      {
        databaseUrl: `${pair.primaryUrl(database)}?application_name=app_primary`,
        replicaUrls: [`${pair.replicaUrl(database)}?application_name=app_replica`],
      },
    );
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, completeProfile);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    for (const name of ['โครงการ ก', 'โครงการ ข']) {
      const created = await lao(CREATE_PROJECT, { input: projectFields({ name }) });
      expect(created.errors).toBeUndefined();
      projects.push(created.data!.createProject);
    }
    await server.dataSource.query(
      `UPDATE plan SET status = 'PASSED' WHERE lao_id = $1 AND fiscal_year = 2566`,
      [world.dintong.id],
    );
  });
  afterAll(async () => {
    await pair?.onReplica('SELECT pg_wal_replay_resume()').catch(() => {});
    await server?.stop();
    await pair?.stop();
  });

  it('streams: the replica is a hot standby of the primary and refuses writes', async () => {
    const [sender] = await pair.onPrimary<{ state: string }>(
      `SELECT state FROM pg_stat_replication WHERE application_name = 'lao_replica'`,
    );
    expect(sender?.state).toBe('streaming');
    expect(await pair.onReplica('SELECT pg_is_in_recovery() AS standby')).toEqual([{ standby: true }]);
    await expect(pair.onReplica('CREATE TABLE nothing_here ()')).rejects.toThrow(/read-only transaction/);
    // What the app wrote on the primary (migrations, the world, the projects) is on the replica.
    await pair.caughtUp();
    const count = `SELECT count(*)::int AS n FROM project`;
    expect(await pair.onReplica(count, [], database)).toEqual([{ n: 2 }]);
  });

  it('writes on the primary; statistics, implementation and the public reads come from the replica, equal to the primary', async () => {
    const written = await submit(projects[0].id); // the replica would refuse the INSERT: this ran on the primary
    expect(written.errors).toBeUndefined();
    await pair.caughtUp();

    expect(await dintongRow()).toMatchObject({ eligibleCount: 2, reportedCount: 1, completedCount: 1 });
    expect(
      (await lastStatements('onReplica', 'app_replica')).some((sql) => sql.includes('lao_round_summary')),
    ).toBe(true);
    const statistics = await central(STATISTICS);
    const publicStatistics = await server.anonymous(PUBLIC_STATISTICS);
    expect(statistics.data?.statistics).toContainEqual({
      province: { id: '65' },
      laoCount: 2,
      noPassedPlan: 1, // the world's second LAO of Phitsanulok has no plan of the year
      fullyReported: 0,
      partlyReported: 1,
      notReported: 0,
    });
    expect(publicStatistics.data?.publicStatistics).toEqual(statistics.data?.statistics);
    const search = await server.anonymous(PUBLIC_SEARCH);
    expect(search.data?.publicLaoSearch).toEqual({
      totalCount: 1,
      edges: [{ node: { code: world.dintong.code, nameTh: world.dintong.nameTh } }],
    });
    expect((await lastStatements('onReplica', 'app_replica')).some((sql) => sql.includes('ILIKE'))).toBe(
      true,
    );
    // None of those aggregate statements reached the primary.
    expect(
      (await lastStatements('onPrimary', 'app_primary')).some((sql) => sql.includes('lao_round_summary')),
    ).toBe(false);

    // The same numbers as the LAO's own summary, which reads the primary.
    const own = await lao(summaryOf('laoSummary', world.dintong.id));
    const fromReplica = await server.anonymous(summaryOf('publicLaoSummary', world.dintong.id));
    expect(fromReplica.data?.publicLaoSummary).toEqual(own.data?.laoSummary);
    expect(own.data?.laoSummary.rounds[0].implementation).toMatchObject({
      eligibleCount: 2,
      reportedCount: 1,
    });
  });

  it('reads what was just written from the primary while the replica lags; the replica’s tables catch up', async () => {
    await pair.caughtUp();
    await pair.onReplica('SELECT pg_wal_replay_pause()');
    try {
      // A new session is usable at once (sessions are looked up on the primary).
      const provincial = await signIn(server, world.provincial.username, world.provincial.password);
      expect((await provincial(`{ viewer { account { username } } }`)).data?.viewer).toEqual({
        account: { username: world.provincial.username },
      });
      // A project and a report, read right after they were written.
      const created = await lao(CREATE_PROJECT, { input: projectFields({ name: 'โครงการ ค' }) });
      const id = created.data!.createProject.id as string;
      const project = await lao(`{ project(id: "${id}") { id name } }`);
      expect(project.data?.project).toEqual({ id, name: 'โครงการ ค' });
      expect((await submit(projects[1].id)).errors).toBeUndefined();
      const report = await lao(
        `{ project(id: "${projects[1].id}") { report(fiscalYear: 2566, round: SIX_MONTH) { status } } }`,
      );
      expect(report.data?.project.report).toEqual({ status: 'COMPLETED' });
      const own = await lao(summaryOf('laoSummary', world.dintong.id));
      expect(own.data?.laoSummary.rounds[0].implementation).toMatchObject({
        eligibleCount: 3,
        reportedCount: 2,
      });
      const ownRow = await lao(
        `{ implementation(fiscalYear: 2566, round: SIX_MONTH, laoId: "${world.dintong.id}") { edges { node { reportedCount } } } }`,
      );
      expect(ownRow.data?.implementation.edges).toEqual([{ node: { reportedCount: 2 } }]);

      // The replica has not replayed them: its tables are behind — the documented trade-off.
      expect(await dintongRow()).toMatchObject({ eligibleCount: 2, reportedCount: 1 });
      const stale = await server.anonymous(summaryOf('publicLaoSummary', world.dintong.id));
      expect(stale.data?.publicLaoSummary.projectCount).toBe(2);
    } finally {
      await pair.onReplica('SELECT pg_wal_replay_resume()');
    }
    await pair.caughtUp();
    expect(await dintongRow()).toMatchObject({ eligibleCount: 3, reportedCount: 2, completedCount: 2 });
    const own = await lao(summaryOf('laoSummary', world.dintong.id));
    const fromReplica = await server.anonymous(summaryOf('publicLaoSummary', world.dintong.id));
    expect(fromReplica.data?.publicLaoSummary).toEqual(own.data?.laoSummary);
  });

  it('falls back to the primary for those reads when the replica stops answering', async () => {
    await pair.stopReplica();
    expect(await dintongRow()).toMatchObject({ eligibleCount: 3, reportedCount: 2 });
    expect((await server.anonymous(PUBLIC_SEARCH)).data?.publicLaoSearch.totalCount).toBe(1);
    const warnings = serverLog.lines.filter((line) => line.msg?.includes('reading from the primary'));
    expect(warnings).toHaveLength(1); // once a minute, not once a request
    expect(warnings[0]).toMatchObject({ level: 40, req: { id: expect.any(String) } });
  });

  it('without replicas configured, the same reads run on the primary', async () => {
    const alone = await startTestServer({ now: () => clock.now }, { databaseUrl: pair.primaryUrl(database) });
    try {
      const client = await signIn(alone, world.central.username, world.central.password);
      const rows = nodesOf((await client(IMPLEMENTATION)).data?.implementation);
      expect(rows.find((row) => row.lao.code === world.dintong.code)).toMatchObject({ reportedCount: 2 });
    } finally {
      await alone.stop();
    }
  });
});
