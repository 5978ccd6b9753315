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
    // A small cap on operation names in metric labels, so the test can exceed it cheaply.
    server = await startTestServer({
      logLevel: 'info',
      logDestination: destination,
      graphqlMetricsMaxOperations: 5,
    });
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

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('logs an unexpected error in full with the request id and operation, and tells the caller nothing of it', async () => {
    // A fault the app does not expect: the table behind `provinces` is gone for a moment.
    await server.dataSource.query('ALTER TABLE province RENAME TO province_gone');
    let body: string;
    try {
      const response = await post(
        { query: 'query ProvincesForLog { provinces { id } }', operationName: 'ProvincesForLog' },
        { 'x-request-id': 'req-fails-1' },
      );
      body = await response.text();
    } finally {
      await server.dataSource.query('ALTER TABLE province_gone RENAME TO province');
    }
    expect(JSON.parse(body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body).not.toMatch(/province_gone|relation|QueryFailedError|\bat /);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const entries = lines.map((line) => JSON.parse(line)).filter((log) => log.req?.id === 'req-fails-1');
    const unexpected = entries.find((log) => log.msg === 'Unexpected error');
    expect(unexpected).toMatchObject({
      level: 50,
      operation: 'ProvincesForLog',
      operationType: 'query',
      err: { type: 'QueryFailedError' },
    });
    expect(unexpected.err.message).toContain('province');
    expect(unexpected.err.stack).toMatch(/\n\s+at /);
    // The request's closing line names the operation too.
    expect(entries.find((log) => log.msg === 'request completed')).toMatchObject({
      operation: 'ProvincesForLog',
      res: { statusCode: 200 },
    });
  });

  it('measures each operation: latency by name and type, errors by name and code', async () => {
    await post({ query: 'query ProvincesForMetrics { provinces { id } }' });
    // Fails validation: the name the client gave takes no place of its own.
    await post({ query: 'mutation NotAMutation { nothing }', operationName: 'NotAMutation' });
    await post('{"query": "query Broken {"}'); // fails to parse, no name given
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /graphql_operation_duration_seconds_count\{operation="ProvincesForMetrics",type="query"\} 1\n/,
    );
    expect(text).toMatch(
      /graphql_operation_duration_seconds_bucket\{le="0\.5",operation="ProvincesForMetrics",type="query"\} 1\n/,
    );
    expect(text).toMatch(
      /graphql_operation_errors_total\{operation="ProvincesForLog",code="INTERNAL_SERVER_ERROR"\} 1\n/,
    );
    expect(text).toMatch(
      /graphql_operation_errors_total\{operation="other",code="GRAPHQL_VALIDATION_FAILED"\} 1\n/,
    );
    expect(text).toMatch(
      /graphql_operation_errors_total\{operation="anonymous",code="GRAPHQL_PARSE_FAILED"\} 1\n/,
    );
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="other",type="unknown"\} 1\n/);
    expect(text).toMatch(
      /graphql_operation_duration_seconds_count\{operation="anonymous",type="query"\} \d+\n/,
    );
  });

  it('keeps a bounded number of operation names however many clients invent', async () => {
    for (let i = 0; i < 12; i += 1) {
      const name = `Random${Math.random().toString(36).slice(2)}`;
      await post({ query: `query ${name} { provinces { id } }` });
    }
    await post({ query: `query ${'L'.repeat(200)} { provinces { id } }` });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const names = new Set(
      [...text.matchAll(/graphql_operation_duration_seconds_count\{operation="([^"]*)"/g)].map((m) => m[1]),
    );
    // The cap (5 names) plus `anonymous` and `other`.
    expect(names.size).toBe(7);
    expect(names).toContain('other');
    expect(names).toContain('anonymous');
    expect(text).not.toContain('L'.repeat(65));
  });
});
