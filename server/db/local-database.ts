import path from 'node:path';
import { embeddedDefaults, embeddedUrl } from './data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded';

/**
 * The database `npm start` uses: DATABASE_URL when set, else the embedded PostgreSQL
 * kept in `<DATA_DIR or .data>/pg` on EMBEDDED_PG_PORT (54329). Shared by the server
 * and the seed scripts so they always open the same one.
 */

export const localDataDir = (root: string, env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.DATA_DIR ?? path.join(root, '.data'));

export const localDatabase = async (
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ databaseUrl: string; embedded: EmbeddedDatabase | null }> => {
  if (env.DATABASE_URL) return { databaseUrl: env.DATABASE_URL, embedded: null };
  // Production runs on its own PostgreSQL (the production image has no embedded binaries).
  if (env.NODE_ENV === 'production')
    throw new Error(
      'DATABASE_URL must be set when NODE_ENV=production (the embedded PostgreSQL is for development)',
    );
  const port = Number(env.EMBEDDED_PG_PORT ?? embeddedDefaults.port);
  console.log(`Starting embedded PostgreSQL (data in ${path.join(dataDir, 'pg')}) …`);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  return { databaseUrl: embeddedUrl(port), embedded };
};
