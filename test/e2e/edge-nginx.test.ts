import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '../helpers/test-database';
import { freePort, startBuiltServer } from './helpers';

const root = path.resolve(__dirname, '..', '..');
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
type Instance = Awaited<ReturnType<typeof startBuiltServer>>;

/**
 * Debian's nginx runs docker/nginx.conf, rendered by docker/nginx-render.sh as the proxy image does,
 * in front of two built app instances on one database (docker/compose.yml's app1 and app2).
 */
/**
 * Debian's own /etc/nginx/nginx.conf, as the proxy image runs it (the Dockerfile's worker_connections
 * too), moved into `dir`: logs and temp files there, the rendered docker/nginx.conf as its only site.
 */
const mainConfig = (dir: string): string => {
  let text = readFileSync('/etc/nginx/nginx.conf', 'utf8');
  const replace = (pattern: RegExp, by: string) => {
    if (!pattern.test(text)) throw new Error(`Debian's nginx.conf has changed: no ${pattern}`);
    text = text.replace(pattern, by);
  };
  replace(/^user .*;$/m, process.getuid?.() === 0 ? 'user root;' : '');
  replace(/^pid .*;$/m, '');
  replace(/^error_log .*;$/m, `error_log ${dir}/error.log;`);
  replace(/worker_connections 768;/, 'worker_connections 4096;');
  replace(
    /^\s*access_log .*;$/m,
    `log_format edge '$remote_addr|$status|$upstream_addr|$request_method $uri|$http_x_test_phase';
  access_log ${dir}/access.log edge;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;`,
  );
  replace(/^\s*include \/etc\/nginx\/conf\.d\/\*\.conf;$/m, `include ${dir}/lao.conf;`);
  replace(/^\s*include \/etc\/nginx\/sites-enabled\/\*;$/m, '');
  return text;
};

const startNginx = async (upstreams: [string, string]) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lao-edge-'));
  chmodSync(dir, 0o755);
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const openssl = spawnSync('openssl', [
    ...['req', '-x509', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
    ...['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
    ...['-addext', 'subjectAltName=DNS:localhost', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`],
  ]);
  if (openssl.status !== 0) throw new Error(`openssl: ${openssl.stderr}`);
  const render = spawnSync('sh', ['docker/nginx-render.sh', 'docker/nginx.conf', `${dir}/lao.conf`], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      APP1: upstreams[0],
      APP2: upstreams[1],
      HTTP_PORT: String(httpPort),
      HTTPS_PORT: String(httpsPort),
      PUBLIC_HTTPS_PORT: String(httpsPort),
      TLS_CERT: `${dir}/cert.pem`,
      TLS_KEY: `${dir}/key.pem`,
      CLIENT_DIR: path.join(root, 'dist', 'client'),
    },
  });
  if (render.status !== 0) throw new Error(`nginx-render.sh: ${render.stderr}`);
  writeFileSync(`${dir}/nginx.conf`, mainConfig(dir));
  const child: ChildProcess = spawn(
    '/usr/sbin/nginx',
    [
      '-p',
      `${dir}/`,
      '-c',
      `${dir}/nginx.conf`,
      '-e',
      `${dir}/error.log`,
      '-g',
      `daemon off; pid ${dir}/nginx.pid;`,
    ],
    { stdio: 'ignore' },
  );
  const errors = () => readFileSync(`${dir}/error.log`, 'utf8');
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
    const up = await new Promise<boolean>((resolve) =>
      net
        .connect(httpsPort, '127.0.0.1')
        .once('connect', function (this: net.Socket) {
          this.destroy();
          resolve(true);
        })
        .once('error', () => resolve(false)),
    );
    if (up) break;
    if (tries > 100) throw new Error(`nginx did not listen: ${errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cert = readFileSync(`${dir}/cert.pem`);
  const agents = new Map<string, https.Agent>();
  /** A request to the edge over TLS (the test's certificate is the only one trusted), from `from`. */
  const ask = (
    route: string,
    options: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {},
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const from = options.from ?? '127.0.0.1';
      if (!agents.has(from)) agents.set(from, new https.Agent({ keepAlive: true, maxSockets: 32 }));
      const body = options.body;
      const request = https.request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          path: route,
          method: options.method ?? (body ? 'POST' : 'GET'),
          ca: cert,
          servername: 'localhost',
          localAddress: from,
          agent: agents.get(from),
          headers: {
            host: `localhost:${httpsPort}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
            ...options.headers,
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, headers: response.headers, body: text }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  /** The access log's lines: client, status, upstream(s) tried, request, the test's phase header. */
  const log = () =>
    readFileSync(`${dir}/access.log`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [client, status, upstream, request, phase] = line.split('|');
        return { client, status: Number(status), upstream, request, phase };
      });
  return {
    httpPort,
    httpsPort,
    ask,
    log,
    stop: async () => {
      for (const agent of agents.values()) agent.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

describe('the edge: docker/nginx.conf in front of two app instances', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let shedding: Instance; // sheds load at once: one GraphQL request at a time, none waiting
  let steady: Instance;
  let edge: Awaited<ReturnType<typeof startNginx>>;
  const address = (instance: Instance) => new URL(instance.url).host;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      PUBLIC_CACHE_SECONDS: '0',
      TRUST_PROXY: 'loopback',
    };
    [shedding, steady] = await Promise.all([
      startBuiltServer({ ...env, GRAPHQL_MAX_IN_FLIGHT: '1', GRAPHQL_MAX_WAITING: '0' }),
      startBuiltServer(env),
    ]);
    edge = await startNginx([address(shedding), address(steady)]);
  }, 60_000);

  afterAll(async () => {
    await edge?.stop();
    await Promise.all([shedding?.stop(), steady?.stop()]);
    await database?.drop();
  });

  it("serves the app's HTML with the app's own security headers, over TLS only", async () => {
    const own = await fetch(`${steady.url}/`);
    const csp = own.headers.get('content-security-policy');
    expect(csp).toContain("frame-ancestors 'self'");
    for (const route of ['/', '/lao/5650802', '/index.html', '/workbench']) {
      const page = await edge.ask(route);
      expect([route, page.status, page.headers['content-type']]).toEqual([
        route,
        200,
        'text/html; charset=utf-8',
      ]);
      expect(page.headers).toMatchObject({
        'content-security-policy': csp,
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
    }
    // Hashed assets from nginx's disk, cached for a year, with HSTS and nosniff of nginx's own.
    const script = readdirSync(path.join(root, 'dist', 'client', 'assets')).find((name) =>
      name.endsWith('.js'),
    );
    const asset = await edge.ask(`/assets/${script}`, { headers: { 'x-test-phase': 'asset' } });
    expect(asset.status).toBe(200);
    expect(asset.headers).toMatchObject({
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    // nginx writes the access log line after the answer has gone: wait for it (up to 2 s).
    let assetLine = edge.log().find((line) => line.phase === 'asset');
    for (let tries = 0; !assetLine && tries < 40; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      assetLine = edge.log().find((line) => line.phase === 'asset');
    }
    expect(assetLine?.upstream).toBe('-');
    expect((await edge.ask('/metrics')).status).toBe(404);

    // Plain HTTP answers only with a redirect to HTTPS, path and query kept.
    const plain = await fetch(`http://127.0.0.1:${edge.httpPort}/lao/5650802?year=2566`, {
      redirect: 'manual',
    });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toBe(`https://127.0.0.1:${edge.httpsPort}/lao/5650802?year=2566`);
  });

  it('sends a browser opening /graphql to the workbench; API requests are unchanged', async () => {
    const browser = await edge.ask('/graphql', {
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect([browser.status, browser.headers.location]).toEqual([302, '/workbench']);
    const get = await edge.ask(`/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect([get.status, JSON.parse(get.body).data]).toEqual([200, { __typename: 'Query' }]);
    const post = await edge.ask('/graphql', { body: TYPENAME });
    expect([post.status, JSON.parse(post.body).data]).toEqual([200, { __typename: 'Query' }]);
  });

  it('limits requests per client address at the edge, above a burst of 500', async () => {
    // As fast as the client can, until nginx refuses (a slow machine needs more than 550 to outrun the refill).
    const started = Date.now();
    const answers: Answer[] = [];
    while (!answers.some((answer) => answer.status === 429) && answers.length < 4000)
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 200 }, () => edge.ask('/healthz', { from: '127.0.0.2' })),
        )),
      );
    const seconds = (Date.now() - started) / 1000;
    const passed = answers.filter((answer) => answer.status === 200).length;
    const limited = answers.filter((answer) => answer.status === 429);
    // All of the burst, plus what 50 a second added meanwhile; the rest refused by nginx, in the app's words.
    expect(passed).toBeGreaterThanOrEqual(500);
    expect(passed).toBeLessThanOrEqual(500 + Math.ceil(50 * seconds) + 5);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBe(answers.length - passed);
    expect(limited[0].headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'retry-after': '1',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
    expect(JSON.parse(limited[0].body).errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    // Another address is not affected.
    expect((await edge.ask('/healthz', { from: '127.0.0.1' })).status).toBe(200);
  });

  it('passes load shedding (503) through without taking the instance out; an unreachable one fails over', async () => {
    // GETs (open data, exports, partners' GraphQL GETs): nginx may resend a GET to the other instance.
    const typename = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const get = (name: string) => ({
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true', 'x-test-phase': name },
    });
    const burst = await Promise.all(Array.from({ length: 96 }, () => edge.ask(typename, get('burst'))));
    const shed = burst.filter((answer) => answer.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    expect(JSON.parse(shed[0].body).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Each 503 came from the shedding instance alone: not retried on the other one.
    const shedLines = edge.log().filter((line) => line.phase === 'burst' && line.status === 503);
    expect(new Set(shedLines.map((line) => line.upstream))).toEqual(new Set([address(shedding)]));

    // Right after, one at a time: both instances still serve (least_conn takes turns).
    for (let i = 0; i < 6; i += 1) expect((await edge.ask(typename, get('after'))).status).toBe(200);
    const after = edge.log().filter((line) => line.phase === 'after');
    expect(new Set(after.map((line) => line.upstream))).toEqual(
      new Set([address(shedding), address(steady)]),
    );

    // An instance that is gone (connection refused): its requests, POSTs too, go to the other one.
    await steady.stop();
    const post = { body: TYPENAME, headers: { 'x-test-phase': 'gone' } };
    for (let i = 0; i < 6; i += 1) expect((await edge.ask('/graphql', post)).status).toBe(200);
    const gone = edge.log().filter((line) => line.phase === 'gone');
    expect(gone.some((line) => line.upstream === `${address(steady)}, ${address(shedding)}`)).toBe(true);
    expect(gone.every((line) => line.upstream.endsWith(address(shedding)))).toBe(true);
  });
});
