import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The client's operation types are generated (codegen.ts) and checked in. Running the generator
// in --check mode validates every client document against schema.graphql and fails while
// client/src/graphql/generated.ts differs from what it would write.
const root = resolve(__dirname, '../..');
const cliPackage = require.resolve('@graphql-codegen/cli/package.json', { paths: [root] });
const { bin: bins } = JSON.parse(readFileSync(cliPackage, 'utf8')) as { bin: Record<string, string> };
const bin = join(dirname(cliPackage), bins['graphql-codegen']);

describe('client/src/graphql/generated.ts', () => {
  it('is up to date with schema.graphql and the client documents, which all validate (`npm run codegen`)', () => {
    const run = spawnSync(process.execPath, [bin, '--config', 'codegen.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
      // Under NODE_ENV=test (jest's) the generator prints nothing, not even its errors.
      env: { ...process.env, NODE_ENV: 'development', NO_COLOR: '1' },
      timeout: 50_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    // On failure the message names the stale file or the document, line and field at fault.
    expect({
      status: run.status,
      problems: output.split('\n').filter((line) => /✖|Error|stale|^\s+(-|at) /.test(line)),
    }).toEqual({
      status: 0,
      problems: [],
    });
  });
});
