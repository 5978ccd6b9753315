import 'reflect-metadata';
import type { ClientBase } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseWaitsFrom, type DatabaseWaits } from '../config';
import { boundedPoolOptions } from './bounded-waits';
import { migrations } from '../migrations';
import { AuditCommitSubscriber } from '../modules/audit/audit-context';
import { entities } from './entities';

/** Where `npm start` runs its embedded Postgres when DATABASE_URL is unset. */
export const embeddedDefaults = {
  port: 54329,
  user: 'postgres',
  password: 'postgres',
  database: 'lao_monitor',
};

export const embeddedUrl = (port = embeddedDefaults.port): string =>
  `postgres://${embeddedDefaults.user}:${embeddedDefaults.password}@127.0.0.1:${port}/${embeddedDefaults.database}`;

/** `DATABASE_REPLICA_URLS`: read replicas of DATABASE_URL's primary, comma-separated (none when unset). */
export const replicaUrlsFrom = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);

/**
 * Where the DataSource connects: the primary alone, or with replicas TypeORM's replication.
 * `defaultMode: 'master'` keeps every statement on the primary (TypeORM's default would send
 * every repository find and query-builder read outside a transaction to a replica, so a read
 * right after a write could miss it); only `onReplica` (server/db/replica.ts) reads from replicas.
 */
export const connectionOptions = (
  url: string,
  replicaUrls: readonly string[] = [],
): Pick<Extract<DataSourceOptions, { type: 'postgres' }>, 'url' | 'replication'> => ({
  url,
  replication:
    replicaUrls.length === 0
      ? undefined
      : { master: { url }, slaves: replicaUrls.map((replica) => ({ url: replica })), defaultMode: 'master' },
});

export const dataSourceOptions = (
  url: string,
  replicaUrls: readonly string[] = [],
  waits: DatabaseWaits = databaseWaitsFrom(),
): DataSourceOptions => ({
  type: 'postgres',
  ...connectionOptions(url, replicaUrls),
  entities,
  migrations,
  // Writes an audited call's row inside the transaction of its change (server/modules/audit).
  subscribers: [AuditCommitSubscriber],
  migrationsTableName: 'typeorm_migrations',
  migrationsTransactionMode: 'each',
  synchronize: false,
  // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  logging: ['error'],
  extra: {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 25),
    // Bounded waits (server/db/bounded-waits.ts): connect timeout, keepalive, the interactive timeouts.
    // The replicas' pools get the same.
    ...boundedPoolOptions(waits),
    // pg-pool takes its 'error' listener off a client when it hands it out, and TypeORM adds its own only
    // a microtask later: a backend terminated in between (PostgreSQL stopping or restarting) would be an
    // unhandled 'error' event and crash the process. The error also reaches the pool or the query, which
    // drop the client; this listener only keeps it from being unhandled (test/faults/postgres-restart).
    onConnect: (client: ClientBase) => {
      client.on('error', () => undefined);
    },
  },
});

export const createDataSource = (
  url: string,
  replicaUrls: readonly string[] = [],
  waits: DatabaseWaits = databaseWaitsFrom(),
): DataSource => new DataSource(dataSourceOptions(url, replicaUrls, waits));
