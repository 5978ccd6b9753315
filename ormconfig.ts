import { createDataSource, embeddedUrl, replicaUrlsFrom } from './server/db/data-source';

/**
 * The one TypeORM DataSource of the app and of the TypeORM CLI. `npm start`
 * points it at the embedded Postgres when DATABASE_URL is unset (see server/main.ts).
 * DATABASE_REPLICA_URLS adds read replicas (docs/operations.md, "Read replicas").
 */
export default createDataSource(process.env.DATABASE_URL ?? embeddedUrl(), replicaUrlsFrom(process.env));
