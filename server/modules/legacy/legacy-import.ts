import type { DataSource, EntityManager } from 'typeorm';
import { type AuditDraft, insertAuditParameters, insertAuditSql } from '../audit/audit-context';
import { ImportContext, type LegacyImportOptions } from './import-context';
import { ImportLog, type StepName } from './import-log';
import type { LegacySource } from './legacy-source';
import { importLaos } from './steps/laos';
import { compareLevels } from './steps/levels';
import { importPlans } from './steps/plans';
import { importProfiles } from './steps/profiles';
import { importProjects } from './steps/projects';
import { importProvinces } from './steps/provinces';
import { importReports } from './steps/reports';
import { importAssessments, importPassMarks } from './steps/scores';
import { importSiteVisits } from './steps/site-visits';
import { importIta } from './steps/ita';
import { importStaff } from './steps/staff';
import { databaseWaitsFrom } from '../../config';
import { raiseLocal, transactionWith } from '../../db/bounded-waits';

/** The steps in LEGACY.md §5's order: each needs the mappings of the ones before it. */
export const steps: [StepName, (ctx: ImportContext) => Promise<void>][] = [
  ['provinces', importProvinces],
  ['laos', importLaos],
  ['profiles', importProfiles],
  ['staff', importStaff],
  ['plans', importPlans],
  ['projects', importProjects],
  ['reports', importReports],
  ['passMarks', importPassMarks],
  ['assessments', importAssessments],
  ['ita', importIta],
  ['siteVisits', importSiteVisits],
];

/** One importer at a time (a second run waits for the first's step to commit). */
const lockKey = 0x1e6ac1;

export type LegacyImportResult = { log: ImportLog; failedStep: StepName | null };

/**
 * Imports the legacy e-PlanNACC database (LEGACY.md §5), step by step.
 *
 * Real run: each step is one transaction (all or nothing); a failing step is rolled back, the steps
 * before it stay, and the run stops there (a re-run resumes: mapped rows are never imported twice).
 * Each step writes an audit row (`legacyImport.<step>`).
 *
 * Dry run: every step runs in ONE transaction that is rolled back at the end, so later steps see
 * what earlier ones would have written and the counts are exact; nothing persists.
 */
export const runLegacyImport = async (
  dataSource: DataSource,
  source: LegacySource,
  options: LegacyImportOptions,
): Promise<LegacyImportResult> => {
  const log = new ImportLog();
  // Each step is long work (thousands of rows): the long bounds on the database (DATABASE_LONG_*).
  const timeouts = options.timeouts ?? databaseWaitsFrom().long;
  let failedStep: StepName | null = null;
  const runStep = async (
    manager: EntityManager,
    ctx: ImportContext,
    name: StepName,
    step: (c: ImportContext) => Promise<void>,
  ) => {
    await step(ctx);
    if (name === 'reports') await compareLevels(ctx);
    await options.afterStepWrites?.(name, manager);
  };
  if (options.dryRun) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const restore = await raiseLocal(runner, timeouts);
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      const ctx = new ImportContext(runner.manager, source, log, options);
      for (const [name, step] of steps) {
        const started = Date.now();
        await runner.query('SAVEPOINT legacy_step');
        try {
          await runStep(runner.manager, ctx, name, step);
          log.end(Date.now() - started);
        } catch (error) {
          await runner.query('ROLLBACK TO SAVEPOINT legacy_step');
          log.end(Date.now() - started, (error as Error).message);
          failedStep = name;
          break;
        }
      }
    } finally {
      await runner.rollbackTransaction();
      restore();
      await runner.release();
    }
    return { log, failedStep };
  }
  let ctx: ImportContext | null = null;
  for (const [name, step] of steps) {
    const started = Date.now();
    try {
      await transactionWith(dataSource, timeouts, async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
        // A context per transaction (its manager), sharing the legacy reads of the whole run.
        ctx = ctx ? ctx.withManager(manager) : new ImportContext(manager, source, log, options);
        await runStep(manager, ctx, name, step);
        // The step's audit row commits with the step (or neither does).
        await manager.query(
          insertAuditSql,
          insertAuditParameters(draftOf(name, { counts: log.countsSoFar(), from: source.describe }), 'OK'),
        );
      });
      log.end(Date.now() - started);
    } catch (error) {
      log.discard(name);
      const result = log.end(Date.now() - started, (error as Error).message);
      // Nothing of the step committed; a row that cannot be written stops the run with its error.
      await dataSource.query(
        insertAuditSql,
        insertAuditParameters(
          draftOf(name, { error: result.error ?? null, from: source.describe }),
          'FAILED',
        ),
      );
      failedStep = name;
      break;
    }
  }
  return { log, failedStep };
};

const draftOf = (step: StepName, args: Record<string, unknown>): AuditDraft => ({
  operation: `legacyImport.${step}`,
  accountId: null,
  actor: 'npm run legacy:import',
  role: null,
  clientAddress: 'cli',
  userAgent: null,
  arguments: args,
});
