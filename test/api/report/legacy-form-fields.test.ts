import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { createCycle, createLaoAccount, createWorld, projectFields, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { passPlan, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/*
 * Issue 23, the legacy form's fields: required essence, target groups and objectives (seed 002
 * "ข้อมูลที่ต้องบันทึก"), projects with or without budget (seed 000 p.32; LEGACY.md §1.5
 * `non_budget`), the legacy's nine target groups and "other", and the report remark
 * (LEGACY.md §1.6 `remark_report`).
 */
const PROJECT = `id usesBudget antiCorruptionBudget localDevelopmentBudget essence objectives targetGroups otherTargetGroup version`;
const CREATE = `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { ${PROJECT} } }`;
const UPDATE = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${PROJECT} } }`;
const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
  id version ordinanceBudget disbursed remark revisions { version remark disbursed } } }`;

type FieldError = { field: string; message: string };
const fieldsOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }): FieldError[] =>
  ((response.errors?.[0].extensions?.fields as FieldError[] | undefined) ?? []).map(({ field, message }) => ({
    field: field.replace(/^input\./, ''),
    message,
  }));

describe('legacy form fields: required fields, budget use, target groups, report remark', () => {
  let server: TestServer;
  let world: World;
  let lao: GraphQLClient;
  let central: GraphQLClient;
  let provincial: GraphQLClient;
  let withBudget: { id: string; version: number };
  let withoutBudget: { id: string; version: number };

  const report = (projectId: string, overrides: Record<string, unknown> = {}) =>
    lao(SUBMIT, {
      input: {
        projectId,
        fiscalYear: 2566,
        round: 'SIX_MONTH',
        inOrdinance: true,
        ordinanceBudget: '20000',
        disbursed: '15000.50',
        status: 'COMPLETED',
        idempotencyKey: randomUUID(),
        ...overrides,
      },
    });

  beforeAll(async () => {
    // In fiscal year 2566's 6-month round.
    server = await startTestServer({ now: () => new Date('2023-04-20T03:00:00.000Z') });
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    central = await signIn(server, world.central.username, world.central.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    withBudget = (await lao(CREATE, { input: projectFields({ name: 'โครงการใช้งบประมาณ' }) })).data!
      .createProject;
    const created = await lao(CREATE, {
      input: projectFields({
        name: 'กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต',
        usesBudget: false,
        antiCorruptionBudget: null,
        localDevelopmentBudget: null,
      }),
    });
    expect(created.errors).toBeUndefined();
    withoutBudget = created.data!.createProject;
    await passPlan(lao, provincial, world.dintong.id);
  });
  afterAll(() => server.stop());

  describe('required project fields (seed 002)', () => {
    it('refuses a project without essence, target groups or objectives, each field with its Thai message', async () => {
      const response = await lao(CREATE, {
        input: projectFields({ essence: null, targetGroups: [], objectives: '   ' }),
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual(
        expect.arrayContaining([
          { field: 'essence', message: 'กรุณากรอกสาระสำคัญ' },
          {
            field: 'targetGroups',
            message: 'กรุณาเลือกกลุ่มเป้าหมายอย่างน้อย 1 กลุ่ม หรือระบุกลุ่มเป้าหมายอื่น ๆ',
          },
          { field: 'objectives', message: 'กรุณากรอกวัตถุประสงค์' },
        ]),
      );
      expect(fieldsOf(response)).toHaveLength(3);
      const tooLong = await lao(CREATE, { input: projectFields({ essence: 'ก'.repeat(5001) }) });
      expect(fieldsOf(tooLong)).toEqual([{ field: 'essence', message: 'ข้อความยาวเกิน 5,000 ตัวอักษร' }]);
    });

    it('takes "other" target group in words instead of a ticked one, and the legacy groups 7 and 9', async () => {
      const other = await lao(CREATE, {
        input: projectFields({ targetGroups: [], otherTargetGroup: '  ผู้นำชุมชน  ' }),
      });
      expect(other.errors).toBeUndefined();
      expect(other.data?.createProject).toMatchObject({ targetGroups: [], otherTargetGroup: 'ผู้นำชุมชน' });
      const legacy = await lao(CREATE, {
        input: projectFields({ targetGroups: ['PRIVATE_SECTOR', 'GOVERNMENT_AGENCIES', 'OFFICIALS'] }),
      });
      expect(legacy.errors).toBeUndefined();
      // In the legacy form's order (7 government agencies before 9 private business).
      expect(legacy.data?.createProject.targetGroups).toEqual([
        'OFFICIALS',
        'GOVERNMENT_AGENCIES',
        'PRIVATE_SECTOR',
      ]);
    });

    it('keeps rows recorded without them readable, and asks for them when such a row is edited', async () => {
      const [{ id }] = await server.dataSource.query(
        `INSERT INTO project (lao_id, cycle_id, name, work_type, fiscal_years, quarters, primary_dimension,
                              anti_corruption_budget, local_development_budget, version)
         SELECT $1, c.id, 'โครงการเก่าไม่มีสาระสำคัญ', 'PROJECT', '{2566}', '{1}', 'SOCIETY', 1000, 0, 1
           FROM plan_cycle c WHERE c.start_year = 2566 RETURNING id`,
        [world.dintong.id],
      );
      const read = await lao(`{ project(id: "${id}") { ${PROJECT} } }`);
      expect(read.errors).toBeUndefined();
      expect(read.data?.project).toMatchObject({ essence: null, objectives: null, targetGroups: [] });
      const edited = await lao(UPDATE, {
        input: {
          ...projectFields({ essence: null, objectives: null, targetGroups: [] }),
          id: String(id),
          version: 1,
        },
      });
      expect(errorCode(edited)).toBe('BAD_USER_INPUT');
      expect(
        fieldsOf(edited)
          .map((f) => f.field)
          .sort(),
      ).toEqual(['essence', 'objectives', 'targetGroups']);
    });
  });

  describe('projects with or without budget (seed 000 p.32)', () => {
    it('stores a project without budget with no amount', async () => {
      const read = await lao(`{ project(id: "${withoutBudget.id}") { ${PROJECT} } }`);
      expect(read.data?.project).toMatchObject({
        usesBudget: false,
        antiCorruptionBudget: '0.00',
        localDevelopmentBudget: '0.00',
      });
      const zero = await lao(CREATE, {
        input: projectFields({
          usesBudget: false,
          antiCorruptionBudget: '0',
          localDevelopmentBudget: '0.00',
        }),
      });
      expect(zero.data?.createProject).toMatchObject({ usesBudget: false, antiCorruptionBudget: '0.00' });
    });

    it('refuses an amount on a project without budget: PROJECT_WITHOUT_BUDGET, in Thai, naming the field', async () => {
      const response = await lao(CREATE, {
        input: projectFields({
          usesBudget: false,
          antiCorruptionBudget: '5000',
          localDevelopmentBudget: null,
        }),
      });
      expect(errorCode(response)).toBe('PROJECT_WITHOUT_BUDGET');
      expect(response.errors?.[0].message).toBe(
        'โครงการนี้ดำเนินการโดยไม่ใช้งบประมาณ จึงไม่ต้องกรอกงบประมาณ กรุณาลบจำนวนเงินออก หรือเลือก "ใช้งบประมาณ"',
      );
      expect(fieldsOf(response).map((f) => f.field)).toEqual(['antiCorruptionBudget']);
      const edit = await lao(UPDATE, {
        input: {
          ...projectFields({ usesBudget: false, antiCorruptionBudget: null, localDevelopmentBudget: '1' }),
          id: withBudget.id,
          version: withBudget.version,
        },
      });
      expect(errorCode(edit)).toBe('PROJECT_WITHOUT_BUDGET');
    });

    it('asks a project with budget for its anti-corruption-plan budget', async () => {
      const response = await lao(CREATE, {
        input: projectFields({ usesBudget: true, antiCorruptionBudget: null }),
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual([
        {
          field: 'antiCorruptionBudget',
          message: 'กรุณากรอกงบประมาณตามแผนปฏิบัติการป้องกันการทุจริต (บาท) หรือเลือก "ดำเนินการโดยไม่ใช้งบประมาณ"',
        },
      ]);
    });

    it('the database itself refuses an amount on a project without budget', async () => {
      // On a connection of its own: the server's logs every failed statement, and this fails on purpose.
      const direct = new Client({ connectionString: server.databaseUrl });
      await direct.connect();
      await expect(
        direct.query(`UPDATE project SET anti_corruption_budget = 1 WHERE id = $1`, [
          Number(withoutBudget.id),
        ]),
      ).rejects.toThrow(/project_without_budget/);
      await direct.end();
    });

    it('leaves projects without budget out of the budget totals, and counts them apart', async () => {
      const totals = await lao(
        `query($laoId: ID!) { planTableTotals(laoId: $laoId, fiscalYear: 2566) { projectCount withoutBudgetCount antiCorruptionBudget } }`,
        { laoId: String(world.dintong.id) },
      );
      const [expected] = await server.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT uses_budget)::int AS without,
                sum(anti_corruption_budget)::numeric(15,2)::text AS budget
           FROM project WHERE lao_id = $1 AND 2566 = ANY (fiscal_years)`,
        [world.dintong.id],
      );
      expect(expected.without).toBeGreaterThanOrEqual(2);
      expect(totals.data?.planTableTotals).toEqual({
        projectCount: expected.n,
        withoutBudgetCount: expected.without,
        antiCorruptionBudget: expected.budget,
      });
      const summary = await lao(
        `query($laoId: ID!) { laoSummary(laoId: $laoId, fiscalYear: 2566) { dimensions { dimension projectCount withoutBudgetCount } } }`,
        { laoId: String(world.dintong.id) },
      );
      const society = summary.data?.laoSummary.dimensions.find(
        (d: { dimension: string }) => d.dimension === 'SOCIETY',
      );
      expect(society.withoutBudgetCount).toBe(expected.without);
      const national = await central(
        `{ budgetByDimension(fiscalYear: 2566) { dimension withoutBudgetCount } }`,
      );
      expect(
        national.data?.budgetByDimension.find((d: { dimension: string }) => d.dimension === 'SOCIETY')
          .withoutBudgetCount,
      ).toBe(expected.without);
    });

    it('shows "ไม่ใช้งบประมาณ" in place of an amount in the plan table export, and says the total leaves them out', async () => {
      const csv = await (
        await fetch(`${server.url}/exports/plan-table.csv?laoId=${world.dintong.id}&fiscalYear=2566`)
      ).text();
      const row = csv.split('\r\n').find((line) => line.includes('กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต'));
      expect(row).toMatch(/,"?ไม่ใช้งบประมาณ"?,/);
      expect(csv).toMatch(/รวมทั้งสิ้น.*ไม่รวมโครงการที่ไม่ใช้งบประมาณ \d+ โครงการ/);
      const open = await (await fetch(`${server.url}/open-data/projects-2566.csv`)).text();
      const lines = open.split('\r\n');
      expect(lines[0]).toMatch(/,"?การใช้งบประมาณ"?,"?กลุ่มเป้าหมายอื่น ๆ"?$/);
      const line = lines.find((l) => l.includes('กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต')) as string;
      // No amount (two empty cells), not 0.
      expect(line).toMatch(/,,,"?OFFICIALS PUBLIC"?,/);
      expect(line).toContain('ไม่ใช้งบประมาณ');
    });
  });

  describe('reports: amounts by budget use, and the remark (legacy remark_report)', () => {
    it('refuses amounts on a project without budget, and takes its report without them', async () => {
      const refused = await report(withoutBudget.id);
      expect(errorCode(refused)).toBe('PROJECT_WITHOUT_BUDGET');
      expect(refused.errors?.[0].message).toBe(
        'โครงการนี้ดำเนินการโดยไม่ใช้งบประมาณ จึงไม่ต้องรายงานงบประมาณตามข้อบัญญัติและการเบิกจ่ายจริง กรุณาลบจำนวนเงินออก',
      );
      expect(fieldsOf(refused).map((f) => f.field)).toEqual(['ordinanceBudget', 'disbursed']);
      const taken = await report(withoutBudget.id, {
        ordinanceBudget: null,
        disbursed: null,
        remark: '  จัดกิจกรรมร่วมกับผู้นำชุมชน  ',
      });
      expect(taken.errors).toBeUndefined();
      expect(taken.data?.submitReport).toMatchObject({
        ordinanceBudget: '0.00',
        disbursed: '0.00',
        remark: 'จัดกิจกรรมร่วมกับผู้นำชุมชน',
      });
    });

    it('asks a project with budget for both amounts', async () => {
      const response = await report(withBudget.id, { ordinanceBudget: null, disbursed: undefined });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(response)).toEqual([
        { field: 'ordinanceBudget', message: 'กรุณากรอกงบประมาณตามข้อบัญญัติ/เทศบัญญัติ (บาท)' },
        { field: 'disbursed', message: 'กรุณากรอกจำนวนเงินที่เบิกจ่ายจริง (บาท)' },
      ]);
    });

    it('keeps the remark in every revision, and caps it at 2,000 characters', async () => {
      const first = await report(withBudget.id, { remark: 'รอบแรก' });
      expect(first.errors).toBeUndefined();
      const second = await report(withBudget.id, { expectedVersion: 1, remark: null });
      expect(second.data?.submitReport).toMatchObject({ version: 2, remark: null });
      expect(second.data?.submitReport.revisions).toEqual([
        { version: 2, remark: null, disbursed: '15000.50' },
        { version: 1, remark: 'รอบแรก', disbursed: '15000.50' },
      ]);
      const long = await report(withBudget.id, { expectedVersion: 2, remark: 'ก'.repeat(2001) });
      expect(errorCode(long)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(long)).toEqual([{ field: 'remark', message: 'หมายเหตุยาวเกิน 2,000 ตัวอักษร' }]);
    });

    it('shows the remark to NACC, partners and the public: API, open data and the status export', async () => {
      const listed = await central(
        `{ reports(fiscalYear: 2566, first: 50) { edges { node { projectId remark } } } }`,
      );
      expect(listed.errors).toBeUndefined();
      expect(
        listed.data?.reports.edges.map((e: { node: { projectId: string; remark: string | null } }) => e.node),
      ).toContainEqual({ projectId: withoutBudget.id, remark: 'จัดกิจกรรมร่วมกับผู้นำชุมชน' });
      const open = await (await fetch(`${server.url}/open-data/reports-2566.csv`)).text();
      const lines = open.split('\r\n');
      expect(lines[0]).toMatch(/,"?หมายเหตุ"?$/);
      const line = lines.find((l) => l.includes('กิจกรรมประกาศเจตจำนงต่อต้านการทุจริต')) as string;
      expect(line).toContain('จัดกิจกรรมร่วมกับผู้นำชุมชน');
      expect(line).toMatch(/"?ใช่"?,,,/); // no amounts without budget
      const status = await (
        await fetch(`${server.url}/exports/project-status.csv?laoId=${world.dintong.id}&fiscalYear=2566`)
      ).text();
      expect(status.split('\r\n')[0]).toMatch(/,"?หมายเหตุการรายงาน"?$/);
      expect(status).toContain('จัดกิจกรรมร่วมกับผู้นำชุมชน');
    });
  });
});
