import 'reflect-metadata';
import { BackupRefused, formatBytes, openLocalDatabase, restoreDatabase } from '../db/backup';
import { DataDirInUse } from '../db/data-dir-owner';

const usage = `npm run db:restore -- <file> [--force]      (compiled: node dist/server/scripts/db-restore.js …)

Loads a backup written by db:backup into the database of \`npm start\` (DATABASE_URL when set,
else the embedded PostgreSQL in DATA_DIR, default .data). Applies the migrations first; the
backup must be of the same schema version as this code. All or nothing: one transaction.

  --force    replace the data of a database that is not empty (otherwise refused)

Stop the servers first: they keep caches and would write while the data is replaced.`;

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return;
  }
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  if (files.length !== 1 || files[0].startsWith('-'))
    throw new BackupRefused(`Give one backup file (and optionally --force).\n\n${usage}`);
  const database = await openLocalDatabase();
  try {
    console.log(`Restoring ${files[0]} into ${database.describe} …`);
    const result = await restoreDatabase(database.databaseUrl, files[0], {
      force,
      log: (m) => console.log(m),
    });
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const raw = result.tables.reduce((sum, t) => sum + t.bytes, 0);
    if (result.migrationsApplied.length)
      console.log(`Applied ${result.migrationsApplied.length} migration(s) first.`);
    console.log(
      `\n${result.replaced ? 'Replaced the data with' : 'Loaded'} the backup of ${result.header.database} taken ` +
        `${result.header.createdAt}: ${result.tables.length} tables, ${rows.toLocaleString('en')} rows ` +
        `(${formatBytes(raw)}), sequences set, in ${(result.ms / 1000).toFixed(1)} s` +
        `${result.triggerMode === 'replica' ? '' : ' (triggers switched off by ALTER TABLE: not a superuser)'}.`,
    );
  } finally {
    await database.close();
  }
};

main().catch((error: unknown) => {
  const refused = error instanceof BackupRefused || error instanceof DataDirInUse;
  console.error(refused ? error.message : error);
  process.exit(refused ? 2 : 1);
});
