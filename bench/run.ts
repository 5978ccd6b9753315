import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { printAb, runAbBench } from './ab.bench';
import { printDeadlineDay, runDeadlineDayBench } from './deadline-day.bench';

/**
 * `npm run bench`: the deadline-day load on the national dataset, then the
 * spreadsheet import. `BENCH_ONLY=deadline|import` runs one of them;
 * BENCH_SECONDS and BENCH_CONNECTIONS tune the load (docs/benchmarks.md).
 * `BENCH_AB=<commit>` instead alternates that commit's build with this one's, flow by flow
 * (bench/ab.bench.ts).
 */
void (async () => {
  if (process.env.BENCH_AB) {
    printAb(await runAbBench(process.env.BENCH_AB));
    return;
  }
  const only = process.env.BENCH_ONLY;
  if (only !== 'import') printDeadlineDay(await runDeadlineDayBench());
  if (only !== 'deadline') {
    const run = spawnSync(
      process.execPath,
      [require.resolve('ts-node/dist/bin.js'), '--transpile-only', path.join(__dirname, 'import.bench.ts')],
      { stdio: 'inherit' },
    );
    if (run.status !== 0) process.exitCode = 1;
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
