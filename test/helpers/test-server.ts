import type { DataSource, Logger } from 'typeorm';
import { startApp, type RunningApp } from '../../server/app';
import { type AppConfig, loadConfig } from '../../server/config';
import { createDataSource } from '../../server/db/data-source';
import { type GraphQLClient, graphqlClient } from './graphql-client';
import { createTestDatabase } from './test-database';

/** Counts the SQL statements TypeORM sends (tests of N+1 freedom); unexpected errors are printed. */
export class QueryCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.count += 1;
    // Unique and foreign-key violations are races the app answers itself (a replay, CONFLICT,
    // NOT_FOUND); one it did not handle still fails its test as INTERNAL_SERVER_ERROR.
    const code = typeof error === 'object' ? (error as { code?: string }).code : undefined;
    if (code === '23505' || code === '23503') return;
    console.error('query failed:', query, error);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export type TestServer = {
  queries: QueryCounter;
  url: string;
  app: RunningApp;
  dataSource: DataSource;
  config: AppConfig;
  /** The database it runs on (pass `{ databaseUrl }` to start a second instance on the same one). */
  databaseUrl: string;
  /** An anonymous client; `client(token)` gives a signed-in one. */
  anonymous: GraphQLClient;
  client(token?: string | null, headers?: Record<string, string>): GraphQLClient;
  stop(): Promise<void>;
};

/** Cheap hashing for tests only; production keeps argon2id's defaults. */
export const testHashCost = { memoryCost: 1024, timeCost: 1 };

/**
 * The real HTTP server on a free port, over its own fresh database; or, given
 * `databaseUrl`, over that database (another instance of a server; it is not dropped on stop),
 * with `replicaUrls` as its read replicas.
 */
export const startTestServer = async (
  overrides: Partial<AppConfig> = {},
  options: { databaseUrl?: string; replicaUrls?: string[] } = {},
): Promise<TestServer> => {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => {} }
    : await createTestDatabase();
  const dataSource = createDataSource(database.url, options.replicaUrls);
  const queries = new QueryCounter();
  dataSource.setOptions({ extra: { max: 5 }, logger: queries, logging: ['query', 'error'] });
  await dataSource.initialize();
  const config = loadConfig(
    { NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret' },
    // No shared cache of anonymous reads unless a test asks for it: tests change data between reads.
    { port: 0, host: '127.0.0.1', passwordHash: testHashCost, publicCacheSeconds: 0, ...overrides },
  );
  const app = await startApp(dataSource, config);
  return {
    queries,
    url: app.url,
    app,
    dataSource,
    config,
    databaseUrl: database.url,
    anonymous: graphqlClient(app.url),
    client: (token = null, headers = {}) => graphqlClient(app.url, token, headers),
    stop: async () => {
      await app.stop();
      await dataSource.destroy();
      await database.drop();
    },
  };
};
