import { randomUUID } from 'node:crypto';
import { Lao } from '../../../server/modules/lao/lao.entity';
import { summaryDriftSql } from '../../../server/modules/report/implementation.service';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const statuses = ['COMPLETED', 'IN_PROGRESS', 'UNABLE'] as const;

describe('per-LAO round summaries stay equal to a recomputation from scratch', () => {
  const clock = { now: new Date('2023-04-20T03:00:00.000Z') };
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let central: GraphQLClient;
  const projects: { id: string; version: number }[] = [];

  const drift = () => server.dataSource.query(summaryDriftSql);
  const submit = (projectId: string, status: (typeof statuses)[number], expectedVersion?: number) =>
    lao(`mutation($input: SubmitReportInput!) { submitReport(input: $input) { id version } }`, {
      input: {
        projectId,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '1000',
        disbursed: '500',
        status,
        ...(status === 'UNABLE' ? { unableReason: 'NO_BUDGET' } : {}),
        ...(expectedVersion ? { expectedVersion } : {}),
        idempotencyKey: randomUUID(),
      },
    });
  const implementation = async () =>
    (
      await central(
        `{ implementation(fiscalYear: 2566, round: SIX_MONTH, laoId: "${world.dintong.id}") { edges { node {
            eligibleCount reportedCount completedCount inProgressCount unableCount percentage level } } } }`,
      )
    ).data!.implementation.edges[0].node;

  beforeAll(async () => {
    server = await startTestServer({ now: () => clock.now });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, completeProfile);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    for (let i = 0; i < 24; i += 1) {
      const created = await lao(
        `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id version } }`,
        {
          input: projectFields({
            name: `โครงการที่ ${i + 1}`,
            fiscalYears: i % 3 === 0 ? [2566, 2567] : [2566],
          }),
        },
      );
      projects.push(created.data!.createProject);
    }
    await passPlan(lao, central, world.dintong.id);
  });
  afterAll(() => server.stop());

  it('counts every report the moment it lands, under concurrent submissions and reviews', async () => {
    expect(await drift()).toEqual([]);
    expect(await implementation()).toMatchObject({
      eligibleCount: 24,
      reportedCount: 0,
      level: 'NOT_REPORTED',
    });

    // 20 reports at once, while NACC rejects 2 other projects in the same instant.
    const reviewing = central(
      `mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`,
      {
        input: { projects: projects.slice(22), decision: 'REJECTED', reason: 'ไม่สอดคล้องกับมิติ' },
      },
    );
    const results = await Promise.all([
      ...projects.slice(0, 20).map((project, i) => submit(project.id, statuses[i % 3])),
      reviewing,
    ]);
    expect(results.filter((result) => result.errors)).toEqual([]);
    expect(await drift()).toEqual([]);
    // 20 reported of 22 eligible: 7 completed (i = 0, 3, …, 18) → 31.82 % → MEDIUM in the 6-month round.
    expect(await implementation()).toEqual({
      eligibleCount: 22,
      reportedCount: 20,
      completedCount: 7,
      inProgressCount: 7,
      unableCount: 6,
      percentage: '31.82',
      level: 'MEDIUM',
    });

    // Corrections, a rejected project with a report, a project brought back, a new project, a deleted report.
    const corrected = await Promise.all(
      projects.slice(1, 9).map((project) => submit(project.id, 'COMPLETED', 1)),
    );
    expect(corrected.filter((result) => result.errors)).toEqual([]);
    const [first] = await server.dataSource.query(`SELECT version FROM project WHERE id = $1`, [
      projects[0].id,
    ]);
    await central(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
      input: {
        projects: [{ id: projects[0].id, version: first.version }],
        decision: 'REJECTED',
        reason: 'ซ้ำซ้อน',
      },
    });
    const back = await server.dataSource.query(`SELECT id, version FROM project WHERE id = $1`, [
      projects[22].id,
    ]);
    await central(`mutation($input: ReviewProjectsInput!) { reviewProjects(input: $input) { id } }`, {
      input: { projects: [{ id: String(back[0].id), version: back[0].version }], decision: 'APPROVED' },
    });
    await lao(`mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`, {
      input: projectFields({ name: 'โครงการเพิ่มเติม' }),
    });
    await server.dataSource.query(`DELETE FROM report WHERE project_id = $1`, [projects[19].id]); // revisions cascade
    expect(await drift()).toEqual([]);
    // Eligible: 24 − 2 rejected + 1 back + 1 new = 23 (project 1 rejected: 22); reported: 20 − 1 rejected − 1 deleted = 18.
    expect(await implementation()).toMatchObject({ eligibleCount: 23, reportedCount: 18 });
  });

  it('serves the aggregate tables from the versioned cache, yet shows a report the moment it commits', async () => {
    const tables = async () => {
      const response = await central(
        `{ implementation(fiscalYear: 2566, round: SIX_MONTH, provinceId: "65") { edges { node { lao { code } reportedCount } } }
           statistics(fiscalYear: 2566, round: SIX_MONTH) { laoCount plansPassed partlyReported fullyReported } }`,
      );
      expect(response.errors).toBeUndefined();
      const row = response.data!.implementation.edges.find(
        (edge: { node: { lao: { code: string } } }) => edge.node.lao.code === world.dintong.code,
      ).node;
      return { reported: row.reportedCount as number, statistics: response.data!.statistics };
    };
    const before = await tables();
    const statements = server.queries.count;
    expect(await tables()).toEqual(before);
    const cachedStatements = server.queries.count - statements;
    const unreported = await server.dataSource.query(
      `SELECT p.id FROM project p WHERE p.lao_id = $1 AND p.review_status <> 'REJECTED'
          AND NOT EXISTS (SELECT 1 FROM report r WHERE r.project_id = p.id) ORDER BY p.id LIMIT 1`,
      [world.dintong.id],
    );
    expect((await submit(String(unreported[0].id), 'COMPLETED')).errors).toBeUndefined();
    const after = await tables();
    expect(after.reported).toBe(before.reported + 1);
    // A cached answer costs the session, budget and version reads, not the aggregation.
    const fresh = server.queries.count;
    await tables();
    expect(server.queries.count - fresh).toBe(cachedStatements);
    expect(cachedStatements).toBeLessThanOrEqual(6);
  });

  it('refreshes a LAO once per firing of the deferred triggers, and again after writes that follow an earlier firing', async () => {
    const runner = server.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      // Many rows of one (LAO, year) in one transaction: the first refresh at commit counts them all.
      await runner.query(
        `UPDATE report SET status = 'IN_PROGRESS', unable_reason = NULL, unable_reason_text = NULL WHERE lao_id = $1 AND fiscal_year = 2566`,
        [world.dintong.id],
      );
      // Fired now, mid-transaction; the writes after it must be counted at commit all the same.
      await runner.query('SET CONSTRAINTS ALL IMMEDIATE');
      await runner.query('SET CONSTRAINTS ALL DEFERRED');
      await runner.query(
        `UPDATE report SET status = 'COMPLETED' WHERE lao_id = $1 AND fiscal_year = 2566 AND project_id IN
           (SELECT project_id FROM report WHERE lao_id = $1 AND fiscal_year = 2566 ORDER BY project_id LIMIT 5)`,
        [world.dintong.id],
      );
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await drift()).toEqual([]);
    // Five set completed, one of them the project rejected in the first test.
    expect(await implementation()).toMatchObject({ completedCount: 4, unableCount: 0 });
  });
});
