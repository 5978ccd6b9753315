import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded';

/**
 * `npm run db:dev`: just the embedded Postgres of `npm start`, for the TypeORM CLI
 * (e.g. `npm run migration:generate -- server/migrations/Name`). Ctrl-C stops it.
 */
void (async () => {
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data', 'pg');
  const db = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  console.log(`Embedded PostgreSQL on port ${db.port} (data in ${dataDir}); Ctrl-C to stop.`);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})();
