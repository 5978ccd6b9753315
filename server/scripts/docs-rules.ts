import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { withRulesBlock } from '../modules/report/reporting-rules.doc';

// Rewrites the generated block of docs/api.md from the rulebook (npm run docs:rules), formatted as the linter wants it.
const file = path.resolve(__dirname, '..', '..', 'docs', 'api.md');
const main = async () => {
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(withRulesBlock(readFileSync(file, 'utf8')), options));
  console.log(`Wrote the reporting rules into ${file}`);
};
void main();
