import { getNamedType, type GraphQLNamedType, type GraphQLSchema, isObjectType } from 'graphql';
import { operationAccess, PUBLIC, publicFields } from '../../../server/auth/access-rules';
import { buildAppSchema } from '../../../server/schema';
import {
  completeProfile,
  createCycle,
  createLaoAccount,
  createWorld,
  projectFields,
  type World,
} from '../../factories';
import { errorCode } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { Lao } from '../../../server/modules/lao/lao.entity';

/** Fields that must never reach an anonymous caller (DOMAIN.md: coordinator contacts are private; accounts, history, who did what). */
const privateFields = [
  'Lao.coordinator',
  'Lao.accountStatus',
  'LaoCoordinator.email',
  'LaoCoordinator.phone',
  'LaoCoordinator.mobile',
  'Account.username',
  'Viewer.account',
  'Report.revisions',
  'Report.evidence',
  'ReportEvidence.fileName',
  'ReportRevision.submittedByName',
  'Assessment.assessorName',
  'ChangeEvent.actorName',
  'ChangeEvent.viewerCanRestore',
  'RoundExtension.reason',
  'IssuedActivationCode.code',
  'ImplementationRow.siteVisitStatus',
  'StaffAccount.email',
  'Viewer.reachProvinces',
];

/** Every Type.field an anonymous caller can reach from the public operations, following only public fields. */
const reachableAnonymously = (schema: GraphQLSchema): Set<string> => {
  const reached = new Set<string>();
  const visited = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (!isObjectType(type) || visited.has(type.name)) return;
    visited.add(type.name);
    const allowed = publicFields[type.name] ?? new Set<string>();
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!allowed.has(name)) continue;
      reached.add(`${type.name}.${name}`);
      visit(getNamedType(field.type));
    }
  };
  const query = schema.getQueryType();
  for (const [name, field] of Object.entries(query?.getFields() ?? {})) {
    if (operationAccess.Query[name] === PUBLIC) visit(getNamedType(field.type));
  }
  return reached;
};

describe('public data: what anonymous callers can reach', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  it('reaches no private field from any public operation', () => {
    const reached = reachableAnonymously(schema);
    expect(reached.size).toBeGreaterThan(50);
    expect(privateFields.filter((field) => reached.has(field))).toEqual([]);
  });

  it('lists only fields that exist, and every private field does exist', () => {
    const missing: string[] = [];
    for (const [typeName, fields] of Object.entries(publicFields)) {
      const type = schema.getType(typeName);
      for (const field of fields) {
        if (!isObjectType(type) || !type.getFields()[field]) missing.push(`${typeName}.${field}`);
      }
    }
    for (const entry of privateFields) {
      const [typeName, field] = entry.split('.');
      const type = schema.getType(typeName);
      if (!isObjectType(type) || !type.getFields()[field]) missing.push(entry);
    }
    expect(missing).toEqual([]);
  });

  it('allows no mutation to anonymous callers except signing in, recovering an account and taking a staff invitation', () => {
    const open = Object.entries(operationAccess.Mutation)
      .filter(([, rule]) => rule === PUBLIC)
      .map(([name]) => name)
      .sort();
    expect(open).toEqual([
      'acceptStaffInvitation',
      'activateAccount',
      'completeSecondFactorSignIn',
      'confirmSecondFactorEnrolment',
      'login',
      'requestPasswordReset',
      'resetPassword',
      'startSecondFactorEnrolment',
    ]);
  });
});

describe('public operations over HTTP', () => {
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    await createCycle(server.dataSource);
    await server.dataSource.getRepository(Lao).update(world.dintong.id, {
      ...completeProfile,
      coordinatorEmail: 'secret.coordinator@example.go.th',
      coordinatorPhone: '055-999999',
    });
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    const lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    await lao(`mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`, {
      input: projectFields(),
    });
  });
  afterAll(() => server.stop());

  it('finds an LAO by a fragment of its Thai name and shows its public profile and plan', async () => {
    const found = await server.anonymous(
      `{ publicLaoSearch(search: "ดินทอง") { totalCount edges { node { id code nameTh province { nameTh } district { nameTh } } } } }`,
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?.publicLaoSearch.edges).toEqual([
      {
        node: {
          id: String(world.dintong.id),
          code: '5650802',
          nameTh: 'องค์การบริหารส่วนตำบลดินทอง',
          province: { nameTh: 'พิษณุโลก' },
          district: { nameTh: 'วังทอง' },
        },
      },
    ]);
    const page = await server.anonymous(
      `query($id: ID!) {
      publicLao(code: "5650802") { nameTh address chiefExecutiveName website }
      publicPlan(laoId: $id, fiscalYear: 2566) { status projectCount }
      publicProjects(laoId: $id, fiscalYear: 2566) { totalCount edges { node { name reviewStatus antiCorruptionBudget report(fiscalYear: 2566, round: SIX_MONTH) { status } } } }
    }`,
      { id: String(world.dintong.id) },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data?.publicPlan).toEqual({ status: 'DRAFT', projectCount: 1 });
    expect(page.data?.publicProjects.edges[0].node).toMatchObject({
      reviewStatus: 'PENDING',
      antiCorruptionBudget: '15000.50',
      report: null,
    });
  });

  it('refuses private fields to anonymous callers and leaks nothing of them', async () => {
    for (const selection of [
      'coordinator { email phone }',
      'accountStatus { activated }',
      'incompleteProfileTabs',
    ]) {
      const response = await server.anonymous(`{ publicLao(code: "5650802") { nameTh ${selection} } }`);
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(JSON.stringify(response)).not.toContain('secret.coordinator');
      expect(JSON.stringify(response)).not.toContain('055-999999');
    }
    const viewerCan = await server.anonymous(
      `query($id: ID!) { publicProjects(laoId: $id, fiscalYear: 2566) { edges { node { viewerCan { edit } } } } }`,
      {
        id: String(world.dintong.id),
      },
    );
    expect(errorCode(viewerCan)).toBe('FORBIDDEN');
  });

  it('refuses every write and every signed-in read to anonymous callers', async () => {
    expect(errorCode(await server.anonymous(`{ lao(code: "5650802") { nameTh } }`))).toBe('UNAUTHENTICATED');
    expect(
      errorCode(await server.anonymous(`{ planHistory(laoId: "${world.dintong.id}") { totalCount } }`)),
    ).toBe('UNAUTHENTICATED');
    const write = await server.anonymous(
      `mutation($input: ProjectFieldsInput!) { createProject(input: $input) { id } }`,
      { input: projectFields() },
    );
    expect(errorCode(write)).toBe('UNAUTHENTICATED');
  });

  it('shows signed-in callers the same public operations with their own rights', async () => {
    const lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    const own = await lao(`{ publicLao(code: "5650802") { coordinator { email } } }`);
    expect(own.data?.publicLao.coordinator.email).toBe('secret.coordinator@example.go.th');
    const other = await lao(`{ publicLao(code: "${world.paMaet.code}") { nameTh coordinator { email } } }`);
    expect(other.data?.publicLao).toEqual({ nameTh: world.paMaet.nameTh, coordinator: null });
  });
});

describe('shared cache of anonymous reads', () => {
  let server: TestServer;
  const post = (body: object, token?: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer({ publicCacheSeconds: 60 });
    await createWorld(server.dataSource);
  });
  afterAll(() => server.stop());

  it('answers a repeated anonymous query from the cache, without the database', async () => {
    const body = {
      query: `query($q: String) { publicLaoSearch(search: $q) { totalCount } }`,
      variables: { q: 'ดินทอง' },
    };
    const first = await post(body);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const firstBody = await first.text();
    server.queries.count = 0;
    const second = await post(body);
    expect(second.headers.get('x-cache')).toBe('HIT');
    // The same answer, less the first caller's `extensions.cost` (a HIT costs nothing).
    expect(JSON.parse(firstBody).extensions.cost).toBeDefined();
    expect(JSON.parse(await second.text())).toEqual({ data: JSON.parse(firstBody).data });
    expect(server.queries.count).toBe(0);
    expect((await post({ ...body, variables: { q: 'วังพิกุล' } })).headers.get('x-cache')).toBe('MISS');
  });

  it('never caches errors, mutations or signed-in requests', async () => {
    const forbidden = { query: `{ publicLao(code: "5650802") { coordinator { email } } }` };
    await post(forbidden);
    expect((await post(forbidden)).headers.get('x-cache')).toBeNull();
    const login = {
      query: `mutation { login(input: { username: "nacc.central", password: "Correct-Horse-2565" }) { token } }`,
    };
    const token = ((await (await post(login)).json()) as { data: { login: { token: string } } }).data.login
      .token;
    expect((await post(login)).headers.get('x-cache')).toBeNull();
    const mine = { query: `{ provinces { id } }` };
    await post(mine, token);
    expect((await post(mine, token)).headers.get('x-cache')).toBeNull();
  });
});
