import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../migrations';
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

export const dataSourceOptions = (url: string): DataSourceOptions => ({
  type: 'postgres',
  url,
  entities,
  migrations,
  migrationsTableName: 'typeorm_migrations',
  migrationsTransactionMode: 'each',
  synchronize: false,
  // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
  logging: ['error'],
  extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
});

export const createDataSource = (url: string): DataSource => new DataSource(dataSourceOptions(url));
