import { randomBytes } from 'node:crypto';
import { databaseWaitsFrom, loadConfig } from '../../config';
import { openLocalDatabase } from '../../db/backup';
import { runMigrations } from '../../db/bounded-waits';
import { createDataSource } from '../../db/data-source';
import type { LegacyImportOptions } from './import-context';
import { formatLog } from './import-log';
import { runLegacyImport } from './legacy-import';
import { LegacySource } from './legacy-source';

export const usage = `npm run legacy:import -- --from mysql://user:pass@host:port/db [--dry-run] [--files DIR] [--keep-legacy-passwords]
   (compiled: node dist/server/scripts/legacy-import.js …)

Imports the legacy e-PlanNACC database (MySQL/MariaDB, read directly, read-only) into the database
of \`npm start\` (DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR), in the order of
LEGACY.md §5. Each step is one transaction; re-running changes nothing already imported.

  --from URL                 the legacy database; add ?socket=/path/to/sock for a Unix socket
  --dry-run                  write nothing; print what would be created/updated/skipped, every row
                             that cannot be mapped (legacy id + reason), encoding findings and the
                             implementation levels that will change
  --files DIR                the legacy server's uploads (site-visit zips) folder, or its parent
  --keep-legacy-passwords    hash the legacy plaintext passwords (argon2id) and force a change at
                             the first sign-in (see docs/operations.md before using it)`;

export class UsageError extends Error {}

export type CliArgs = {
  from: string;
  dryRun: boolean;
  filesDir: string | null;
  keepLegacyPasswords: boolean;
};

export const parseCliArgs = (argv: string[]): CliArgs => {
  const args: CliArgs = { from: '', dryRun: false, filesDir: null, keepLegacyPasswords: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v) throw new UsageError(`${flag} needs a value.\n\n${usage}`);
      return v;
    };
    if (flag === '--from') args.from = value();
    else if (flag === '--files') args.filesDir = value();
    else if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--keep-legacy-passwords') args.keepLegacyPasswords = true;
    else throw new UsageError(`Unknown option ${argv[i]}\n\n${usage}`);
  }
  if (!args.from) throw new UsageError(`Give the legacy database with --from.\n\n${usage}`);
  return args;
};

/**
 * The command: returns its exit code (0 done, 1 a step failed, 2 usage) and prints through `out`.
 * `extra` lets tests pass hooks (LegacyImportOptions.afterStepWrites) and a cheap hash cost.
 */
export const legacyImportCommand = async (
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
  extra: Partial<LegacyImportOptions> = {},
): Promise<number> => {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    out((error as Error).message);
    return 2;
  }
  const hashCost = loadConfig({
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? randomBytes(32).toString('hex') /* signs nothing here */,
  }).passwordHash;
  const source = await LegacySource.open(args.from);
  const database = await openLocalDatabase(env);
  const dataSource = createDataSource(database.databaseUrl);
  try {
    await dataSource.initialize();
    const ran = await runMigrations(dataSource, databaseWaitsFrom().migration);
    if (ran.length) out(`Applied ${ran.length} migration(s).`);
    out(`${args.dryRun ? 'Dry run' : 'Importing'}: ${source.describe} → ${database.describe}`);
    const { log, failedStep } = await runLegacyImport(dataSource, source, {
      dryRun: args.dryRun,
      filesDir: args.filesDir,
      keepLegacyPasswords: args.keepLegacyPasswords,
      hashCost,
      ...extra,
    });
    out(formatLog(log, { dryRun: args.dryRun }));
    if (failedStep) {
      out(
        `\nStep "${failedStep}" failed and was rolled back; the steps before it are ${args.dryRun ? 'shown' : 'kept'}. Fix the cause and run again: imported rows are not imported twice.`,
      );
      return 1;
    }
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
    await source.close();
  }
};
