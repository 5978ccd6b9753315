import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reportingRulesMarkdown, withRulesBlock } from '../../server/modules/report/reporting-rules.doc';

const root = path.resolve(__dirname, '..', '..');

/** Formats markdown as the linter does (prettier in its own process: jest cannot load its ESM parts). */
const prettier = (text: string, filepath: string): string => {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--stdin-filepath', filepath],
    { cwd: root, input: text, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
};

/** docs/api.md states the reporting rules exactly as the rulebook (reporting-rules.ts) has them. */
describe('docs/api.md and the rulebook', () => {
  it('says what the rulebook says (run `npm run docs:rules` after changing a rule)', () => {
    const current = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
    expect(prettier(withRulesBlock(current), 'docs/api.md')).toBe(current);
  });

  it('counts completed projects only, over those not rejected', () => {
    const text = reportingRulesMarkdown();
    expect(text).toContain('reported **completed**');
    expect(text).toContain('`PENDING` or `APPROVED`');
    expect(text).not.toMatch(/completed and in-progress/);
  });
});
