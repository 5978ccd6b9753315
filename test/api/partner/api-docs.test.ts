import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoAccounts } from '../../../server/seed/demo-data';
import { seedDemo } from '../../../server/seed/seed-demo';
import type { GraphQLClient } from '../../helpers/graphql-client';
import { partnerClient, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/** The worked examples of docs/api.md: `<!-- example: name as=WHO variables={…} -->` then a graphql block. */
const examples = [
  ...readFileSync(path.resolve(__dirname, '../../../docs/api.md'), 'utf8').matchAll(
    /<!-- example: (\S+) as=(\S+)(?: variables=(.*?))? -->\s*```graphql\n([\s\S]*?)```/g,
  ),
].map(([, name, as, variables, document]) => ({
  name,
  as: as as 'NACC_CENTRAL' | 'PARTNER',
  variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : {},
  document,
}));

/** True when every list in the answer has at least one item (the demo data has something everywhere). */
const everyListFilled = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.length > 0 && value.every(everyListFilled);
  if (value && typeof value === 'object') return Object.values(value).every(everyListFilled);
  return true;
};

describe('docs/api.md: every worked example runs against the demo data', () => {
  let server: TestServer;
  const clients = {} as Record<'NACC_CENTRAL' | 'PARTNER', GraphQLClient>;

  beforeAll(async () => {
    server = await startTestServer();
    await seedDemo(server.dataSource, server.config);
    const { username, password } = demoAccounts.naccCentral;
    clients.NACC_CENTRAL = await signIn(server, username, password);
    clients.PARTNER = (
      await partnerClient(server, clients.NACC_CENTRAL, {
        scopes: ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'],
      })
    ).client;
  });
  afterAll(() => server.stop());

  it('finds the examples the page promises', () => {
    expect(examples.map((example) => example.name)).toEqual(
      expect.arrayContaining([
        'province-table',
        'not-reported',
        'budget-by-dimension',
        'horizon',
        'first-sync',
        'incremental-sync',
      ]),
    );
  });

  it.each(examples.map((example) => [example.name, example] as const))('%s', async (_name, example) => {
    const response = await clients[example.as](example.document, example.variables);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeTruthy();
    // Empty lists would prove little: the demo data fills every list these examples read,
    // except tombstones (nothing was deleted) and reports (the demo has none yet).
    const {
      deletedRecords: _tombstones,
      reports: _reports,
      ...rest
    } = response.data as Record<string, unknown>;
    expect(everyListFilled(rest)).toBe(true);
  });
});
