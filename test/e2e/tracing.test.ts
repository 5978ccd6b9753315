import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestDatabase } from '../helpers/test-database';
import { startBuiltServer } from './helpers';

type Span = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string } }[];
};
type Export = {
  resourceSpans: {
    resource: {
      attributes: Export['resourceSpans'][number]['scopeSpans'][number]['spans'][number]['attributes'];
    };
    scopeSpans: { scope: { name: string }; spans: Span[] }[];
  }[];
};

const root = path.resolve(__dirname, '..', '..');

/**
 * OpenTelemetry tracing of the built server (node dist/server/main.js): with an OTLP endpoint set,
 * the request's HTTP span and its pg statements arrive at the collector (here an in-process HTTP
 * server taking OTLP/HTTP JSON at /v1/traces) in the caller's trace; without one, no SDK is loaded.
 */
describe('OpenTelemetry tracing', () => {
  const exports: Export[] = [];
  let collector: http.Server;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startBuiltServer>>;

  beforeAll(async () => {
    collector = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') exports.push(JSON.parse(Buffer.concat(chunks).toString()) as Export);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    server = await startBuiltServer({
      DATABASE_URL: database.url,
      SEED_DEMO: 'false',
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'lao-plan-monitor-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'info',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    await new Promise((resolve) => collector?.close(resolve));
  });

  it("sends the request's HTTP and pg spans in the caller's trace", async () => {
    const traceId = randomBytes(16).toString('hex');
    const parentId = randomBytes(8).toString('hex');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parentId}-01` },
      body: JSON.stringify({ query: 'query TracedProvinces { provinces { id } }' }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    const spansOfTrace = () =>
      exports.flatMap((e) =>
        e.resourceSpans.flatMap((r) =>
          r.scopeSpans.flatMap((s) =>
            s.spans
              .filter((span) => span.traceId === traceId)
              .map((span) => ({ ...span, scope: s.scope.name, resource: r.resource })),
          ),
        ),
      );
    const started = Date.now();
    // Spans are sent in batches as they end (every 100 ms here): wait for all three kinds.
    const arrived = () =>
      ['http', 'pg', 'graphql'].every((kind) =>
        spansOfTrace().some((span) => span.scope.endsWith(`instrumentation-${kind}`)),
      );
    while (!arrived() && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const spans = spansOfTrace();

    // The incoming request: a server span, child of the caller's span.
    const request = spans.find((span) => span.scope.endsWith('instrumentation-http') && span.kind === 2);
    expect(request).toMatchObject({ parentSpanId: parentId });
    expect(request?.name).toMatch(/^POST/);
    expect(request?.attributes).toContainEqual({
      key: 'graphql.operation.name',
      value: { stringValue: 'TracedProvinces' },
    });
    expect(request?.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'lao-plan-monitor-test' },
    });
    // Its SQL, in the same trace, below it; the GraphQL operation named on the request's spans.
    const statements = spans.filter((span) => span.scope.endsWith('instrumentation-pg'));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.some((span) => /province/i.test(JSON.stringify(span.attributes)))).toBe(true);
    expect(spans.some((span) => span.scope.endsWith('instrumentation-graphql'))).toBe(true);
    // The request's log line names its trace.
    const logLine = server
      .output()
      .split('\n')
      .find((line) => line.includes('"msg":"request completed"') && line.includes(traceId));
    expect(JSON.parse(logLine ?? '{}')).toMatchObject({ trace_id: traceId, operation: 'TracedProvinces' });
  });

  it('loads nothing of OpenTelemetry when no endpoint is configured', () => {
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(path.join(root, 'dist', 'server', 'tracing.js'))});` +
          `console.log(Object.keys(require.cache).filter((file) => file.includes('@opentelemetry')).length)`,
      ],
      { env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' } },
    );
    expect(loaded.toString().trim()).toBe('0');
  });
});
