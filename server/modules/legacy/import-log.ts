import { checkText } from './text-check';

/** The importer's steps, in LEGACY.md §5's order. */
export const stepNames = [
  'provinces',
  'laos',
  'profiles',
  'staff',
  'plans',
  'projects',
  'reports',
  'passMarks',
  'assessments',
  'ita',
  'siteVisits',
] as const;
export type StepName = (typeof stepNames)[number];

export type StepCounts = {
  /** Legacy rows read (after taking the latest of append-only tables, before mapping). */
  read: number;
  created: number;
  updated: number;
  /** Already imported by an earlier run (mapped), left alone. */
  unchanged: number;
  /** Deliberately not imported (deleted, duplicates, older rows …): see `skipped` reasons. */
  skipped: number;
  /** Could not be mapped: each one is in `unmapped` with its legacy id and the reason. */
  unmapped: number;
};

export type RowNote = { step: StepName; table: string; legacyId: string; reason: string };

export type StepResult = {
  step: StepName;
  counts: StepCounts;
  ms: number;
  /** Set when the step failed and was rolled back. */
  error?: string;
};

const emptyCounts = (): StepCounts => ({
  read: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  unmapped: 0,
});

/** A legacy level that our rules compute differently (LEGACY.md §4.7). */
export type LevelChange = {
  laoCode: string;
  fiscalYear: number;
  round: 'SIX_MONTH' | 'TWELVE_MONTH';
  percentage: number;
  legacyLevel: string;
  newLevel: string;
};

/** What one run did or (dry run) would do: counts per step, every unmapped row, findings. */
export class ImportLog {
  readonly steps: StepResult[] = [];
  readonly unmapped: RowNote[] = [];
  readonly skipped: RowNote[] = [];
  /** Things to review that do not stop a row (encoding, district in another province, §4.5 flags …). */
  readonly findings: RowNote[] = [];
  readonly levelChanges: LevelChange[] = [];
  private current: { step: StepName; counts: StepCounts } | null = null;

  begin(step: StepName): StepCounts {
    this.current = { step, counts: emptyCounts() };
    return this.current.counts;
  }

  end(ms: number, error?: string): StepResult {
    if (!this.current) throw new Error('No step in progress');
    const result: StepResult = { step: this.current.step, counts: this.current.counts, ms, error };
    this.steps.push(result);
    this.current = null;
    return result;
  }

  /** The counts of the step in progress so far (its audit row, written before the step commits). */
  countsSoFar(): StepCounts {
    return { ...this.counts };
  }

  /** Drops the notes of a step that failed (they describe writes that were rolled back). */
  discard(step: StepName): void {
    for (const list of [this.unmapped, this.skipped, this.findings]) {
      const kept = list.filter((note) => note.step !== step);
      list.splice(0, list.length, ...kept);
    }
  }

  private get step(): StepName {
    if (!this.current) throw new Error('No step in progress');
    return this.current.step;
  }

  private get counts(): StepCounts {
    if (!this.current) throw new Error('No step in progress');
    return this.current.counts;
  }

  cannotMap(table: string, legacyId: string | number, reason: string): void {
    this.counts.unmapped += 1;
    this.unmapped.push({ step: this.step, table, legacyId: String(legacyId), reason });
  }

  skip(table: string, legacyId: string | number, reason: string): void {
    this.counts.skipped += 1;
    this.skipped.push({ step: this.step, table, legacyId: String(legacyId), reason });
  }

  /** Many rows skipped for one reason (e.g. older rows of an append-only table): one note. */
  skipMany(table: string, count: number, reason: string): void {
    if (count <= 0) return;
    this.counts.skipped += count;
    this.skipped.push({ step: this.step, table, legacyId: `${count} rows`, reason });
  }

  /** Text cut to a column's length; a cut is reported. */
  fit(
    table: string,
    legacyId: string | number,
    column: string,
    value: string | null,
    max: number,
  ): string | null {
    if (value === null || value.length <= max) return value;
    this.finding(table, legacyId, `${column} longer than ${max} characters: cut`);
    return value.slice(0, max);
  }

  finding(table: string, legacyId: string | number, reason: string): void {
    this.findings.push({ step: this.step, table, legacyId: String(legacyId), reason });
  }

  /**
   * Text as it will be stored: checked for mojibake (LEGACY.md §4.1). A repairable one is repaired
   * and reported; an unrepairable one is stored as found and reported for review.
   */
  text(
    table: string,
    legacyId: string | number,
    column: string,
    value: string | null | undefined,
  ): string | null {
    if (value === null || value === undefined) return null;
    const trimmed = String(value).trim();
    if (!trimmed) return null;
    const found = checkText(trimmed);
    if (!found) return trimmed;
    this.finding(
      table,
      legacyId,
      found.repaired
        ? `encoding: ${column} ${found.kind}, repaired "${trimmed}" → "${found.repaired}"`
        : `encoding: ${column} ${found.kind}, stored as found for review: "${trimmed}"`,
    );
    return found.repaired ?? trimmed;
  }
}

const idLabel = (id: string) => (id === '*' ? '(all)' : id.endsWith(' rows') ? `(${id})` : `#${id}`);

/** A printable report of the run (the CLI prints it; every unmapped row is listed). */
export const formatLog = (log: ImportLog, options: { dryRun: boolean; maxSkipped?: number }): string => {
  const lines: string[] = [];
  const verb = options.dryRun ? 'would be' : 'were';
  lines.push(options.dryRun ? 'DRY RUN: nothing was written.' : 'Import finished.');
  lines.push('');
  lines.push(
    `${'step'.padEnd(12)} ${'read'.padStart(8)} ${'created'.padStart(8)} ${'updated'.padStart(8)} ${'unchanged'.padStart(9)} ${'skipped'.padStart(8)} ${'unmapped'.padStart(8)} ${'seconds'.padStart(8)}`,
  );
  for (const { step, counts, ms, error } of log.steps) {
    lines.push(
      `${step.padEnd(12)} ${String(counts.read).padStart(8)} ${String(counts.created).padStart(8)} ${String(counts.updated).padStart(8)} ${String(counts.unchanged).padStart(9)} ${String(counts.skipped).padStart(8)} ${String(counts.unmapped).padStart(8)} ${(ms / 1000).toFixed(1).padStart(8)}${error ? `  FAILED, rolled back: ${error}` : ''}`,
    );
  }
  lines.push(`(created/updated: rows that ${verb} written in our database)`);
  const section = (title: string, notes: RowNote[], max = Infinity) => {
    lines.push('', `${title} (${notes.length})`);
    notes
      .slice(0, max)
      .forEach((n) => lines.push(`  [${n.step}] ${n.table} ${idLabel(n.legacyId)}: ${n.reason}`));
    if (notes.length > max) lines.push(`  … and ${notes.length - max} more`);
  };
  section('Rows that cannot be mapped', log.unmapped);
  section('Rows skipped on purpose', log.skipped, options.maxSkipped ?? 200);
  const encoding = log.findings.filter((f) => f.reason.startsWith('encoding:'));
  section('Text-encoding findings', encoding);
  section(
    'Other findings to review',
    log.findings.filter((f) => !f.reason.startsWith('encoding:')),
  );
  lines.push(
    '',
    `Levels that will change (legacy band test vs. our rules, LEGACY.md §4.7) (${log.levelChanges.length})`,
  );
  for (const c of log.levelChanges)
    lines.push(
      `  LAO ${c.laoCode} ${c.fiscalYear} ${c.round === 'SIX_MONTH' ? '6-month' : '12-month'}: ${c.percentage.toFixed(2)}% legacy ${c.legacyLevel} → ${c.newLevel}`,
    );
  return lines.join('\n');
};
