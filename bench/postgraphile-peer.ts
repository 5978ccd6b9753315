import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The peer of the bench's LAO reads: PostGraphile v5 over the same database, serving
 * the same read (an LAO's projects of one fiscal year, with the LAO's code and name)
 * through a SQL function in a schema of its own (`bench_peer`, made by the bench).
 * Installed by the bench into .data/postgraphile-peer, never a dependency of the app.
 * Run: `ts-node --transpile-only bench/postgraphile-peer.ts <peer dir> <database url> <port>`.
 * No authentication, no budgets, no audit: everything our API does on each request
 * beyond the read counts against us.
 */

// PostGraphile 5 targets Node 22; on Node 20 it only lacks Promise.withResolvers.
const promise = Promise as unknown as { withResolvers?: () => unknown };
promise.withResolvers ??= () => {
  let resolve: unknown;
  let reject: unknown;
  const settled = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise: settled, resolve, reject };
};

const [peerDir, connectionString, port] = process.argv.slice(2);
const load = createRequire(path.join(path.resolve(peerDir), 'package.json'));
/* eslint-disable @typescript-eslint/no-explicit-any -- the peer's own packages, untyped here */
const { postgraphile } = load('postgraphile') as any;
const { grafserv } = load('postgraphile/grafserv/node') as any;
const { PostGraphileAmberPreset } = load('postgraphile/presets/amber') as any;
const { makePgService } = load('postgraphile/adaptors/pg') as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({ connectionString, schemas: ['public', 'bench_peer'], poolConfig: { max: 10 } }),
  ],
  grafserv: { port: Number(port), graphiql: false },
  grafast: { explain: false },
});
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
pgl
  .createServ(grafserv)
  .addTo(server)
  .then(() =>
    server.listen(Number(port), '127.0.0.1', () => console.log(`PostGraphile peer is running at ${port}`)),
  )
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
process.on('SIGTERM', () => {
  server.close();
  void pgl.release().finally(() => process.exit(0));
});
