import { PassThrough } from 'node:stream';
import { createWorld } from '../../factories';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

describe('structured logs and metrics', () => {
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    server = await startTestServer({ logLevel: 'info', logDestination: destination });
    await createWorld(server.dataSource);
  });
  afterAll(() => server.stop());

  it('logs one JSON line per request with its request id, never the token or a query string', async () => {
    const client = await signIn(server, 'nacc.central', 'Correct-Horse-2565');
    const response = await fetch(`${server.url}/graphql?token=secret-in-url`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${client.token}`,
        'x-request-id': 'req-abc-123',
      },
      body: JSON.stringify({ query: '{ provinces { id } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-abc-123');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const entry = lines.map((line) => JSON.parse(line)).find((log) => log.req?.id === 'req-abc-123');
    expect(entry).toMatchObject({ req: { method: 'POST', path: '/graphql' }, res: { statusCode: 200 } });
    expect(typeof entry.responseTime).toBe('number');
    const all = lines.join('\n');
    expect(all).not.toContain(client.token as string);
    expect(all).not.toContain('secret-in-url');
    expect(all).not.toContain('Correct-Horse-2565');
  });

  it('exposes request, error and DB pool metrics for a scraper', async () => {
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/graphql",status="400"\} 1/,
    );
    expect(text).toMatch(/db_pool_connections_total \d+/);
    expect(text).toContain('process_resident_memory_bytes');
  });
});
