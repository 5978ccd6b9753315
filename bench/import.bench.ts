import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startApp } from '../server/app';
import { loadConfig } from '../server/config';
import { createDataSource, embeddedUrl } from '../server/db/data-source';
import { startEmbeddedPostgres } from '../server/db/embedded';
import { importColumns } from '../server/modules/project/project-import.service';
import { createCycle, createLaoAccount, createWorld } from '../test/factories';
import { graphqlClient } from '../test/helpers/graphql-client';
import { freePort } from '../test/helpers/free-port';

/**
 * `npm run bench`: a plan book of 200 rows, checked (preview) and imported over
 * HTTP into a real PostgreSQL; prints the median of several runs.
 */
const runs = Number(process.env.BENCH_RUNS ?? 7);
const rowsPerFile = 200;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const workbook = async (): Promise<string> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('โครงการ');
  sheet.addRow(importColumns.map((c) => c.header));
  for (let i = 1; i <= rowsPerFile; i += 1) {
    sheet.addRow([
      i,
      `โครงการที่ ${i}`,
      'โครงการ',
      (i % 4) + 1,
      '',
      '2566-2570',
      '✓',
      '',
      '✓',
      '',
      12500.5,
      0,
      'ประชาชน/ภาคประชาสังคม',
      'สาระ',
      'วัตถุประสงค์',
      '',
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
};

void (async () => {
  let stopDb: (() => Promise<void>) | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lao-bench-'));
    await chmod(dir, 0o755);
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port });
    stopDb = () => db.stop();
    url = embeddedUrl(port);
  }
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const world = await createWorld(dataSource);
  await createCycle(dataSource);
  await createLaoAccount(dataSource, world.dintong, { password: 'Bench-Pass-2565' });
  const app = await startApp(
    dataSource,
    loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'bench-secret' }, { port: 0, host: '127.0.0.1' }),
  );
  const client = graphqlClient(app.url);
  const login = await client(
    `mutation { login(input: { username: "${world.dintong.code}", password: "Bench-Pass-2565" }) { token } }`,
  );
  client.token = login.data?.login.token;
  const input = { fileName: 'plan.xlsx', contentBase64: await workbook() };

  const preview: number[] = [];
  const imports: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    let started = performance.now();
    const checked = await client(
      `mutation($input: ProjectImportInput!) { previewProjectImport(input: $input) { valid } }`,
      { input },
    );
    preview.push(performance.now() - started);
    if (!checked.data?.previewProjectImport.valid) throw new Error(JSON.stringify(checked));
    started = performance.now();
    const done = await client(
      `mutation($input: ProjectImportInput!) { importProjects(input: $input) { createdCount } }`,
      { input },
    );
    imports.push(performance.now() - started);
    if (done.data?.importProjects.createdCount !== rowsPerFile) throw new Error(JSON.stringify(done));
  }
  console.log(
    `Spreadsheet import, ${rowsPerFile} rows, ${runs} runs (projects accumulate: last run sees ${rowsPerFile * (runs - 1)} existing)`,
  );
  console.log(
    `  preview  median ${median(preview).toFixed(0)} ms   min ${Math.min(...preview).toFixed(0)}   max ${Math.max(...preview).toFixed(0)}`,
  );
  console.log(
    `  import   median ${median(imports).toFixed(0)} ms   min ${Math.min(...imports).toFixed(0)}   max ${Math.max(...imports).toFixed(0)}`,
  );
  await app.stop();
  await dataSource.destroy();
  await stopDb?.();
})();
