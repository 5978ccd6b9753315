import 'reflect-metadata';
import { BackupRefused, backupDatabase, formatBytes, openLocalDatabase } from '../db/backup';
import { DataDirInUse } from '../db/data-dir-owner';

const usage = `npm run db:backup -- <file> [--compress N]      (compiled: node dist/server/scripts/db-backup.js …)

Writes every table of the database of \`npm start\` (DATABASE_URL when set, else the embedded
PostgreSQL in DATA_DIR, default .data) to <file>, from one consistent snapshot, as
gzip-compressed binary COPY data. The server may keep running. Restore with db:restore.

  --compress N   gzip level, 1 (fastest) to 9 (smallest); default 6`;

const parseArgs = (args: string[]): { file: string; level: number } => {
  let level = 6;
  const files: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split('=', 2);
    if (flag === '--compress' || flag === '-Z') level = Number(inline ?? args[++i]);
    else if (args[i].startsWith('-')) throw new BackupRefused(`Unknown option ${args[i]}\n\n${usage}`);
    else files.push(args[i]);
  }
  if (!Number.isInteger(level) || level < 1 || level > 9) throw new BackupRefused('--compress takes 1 to 9.');
  if (files.length !== 1) throw new BackupRefused(`Give one file to write.\n\n${usage}`);
  return { file: files[0], level };
};

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return;
  }
  const { file, level } = parseArgs(argv);
  const database = await openLocalDatabase();
  try {
    console.log(`Backing up ${database.describe} …`);
    const result = await backupDatabase(database.databaseUrl, file, { level, log: (m) => console.log(m) });
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const raw = result.tables.reduce((sum, t) => sum + t.bytes, 0);
    console.log(
      `\nWrote ${result.file}: ${result.tables.length} tables, ${rows.toLocaleString('en')} rows, ` +
        `${formatBytes(raw)} of COPY data in ${formatBytes(result.fileBytes)}, ${(result.ms / 1000).toFixed(1)} s.`,
    );
    console.log(
      `Schema version: ${result.header.migrations.at(-1)} (${result.header.migrations.length} migrations).`,
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
