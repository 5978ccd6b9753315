import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource, embeddedUrl } from '../server/db/data-source';
import { startEmbeddedPostgres } from '../server/db/embedded';
import { insertMany } from '../server/modules/legacy/import-context';
import { formatLog } from '../server/modules/legacy/import-log';
import { runLegacyImport } from '../server/modules/legacy/legacy-import';
import { LegacySource } from '../server/modules/legacy/legacy-source';
import { ensureDefaultRounds } from '../server/modules/report/round-defaults';
import { createLegacySchema } from '../test/fixtures/legacy/fixture';
import { freePort } from '../test/helpers/free-port';
import { startMariaDb } from '../test/helpers/mariadb-server';
import { testHashCost } from '../test/helpers/test-server';

/**
 * `npx ts-node --transpile-only bench/legacy-import.bench.ts` (LEGACY_SCALE=0.1 by default):
 * generates an e-PlanNACC database scaled to national size × LEGACY_SCALE in a real MariaDB
 * (7,852 LAOs, 64 projects each ≈ 500k, 4 reports per project ≈ 2M, 1 % duplicates, 2 % deleted,
 * 3 % rejected, 10 % reports with LAO id 0, scores/ITA/site visits), our master data for the same LAOs
 * in an embedded PostgreSQL, then times a dry run, the real run and a re-run. LEGACY_RUNS=real skips
 * the dry run and the re-run (for the larger scales).
 */
const scale = Number(process.env.LEGACY_SCALE ?? 0.1);
const runs = (process.env.LEGACY_RUNS ?? 'dry,real,rerun').split(',');
const laoCount = Math.round(7852 * scale);
const provinces = 77;
const districtsPerProvince = 12;
const projectsPerLao = 64;

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Buffered multi-row INSERTs into MariaDB. */
class Writer {
  private rows: unknown[][] = [];
  count = 0;
  constructor(
    private readonly connection: Connection,
    private readonly table: string,
    private readonly columns: string[],
  ) {}
  async add(row: unknown[]) {
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= 5000) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.connection.query(`INSERT INTO \`${this.table}\` (${this.columns.join(', ')}) VALUES ?`, [
      rows,
    ]);
  }
}

const generateLegacy = async (connection: Connection): Promise<Record<string, number>> => {
  await createLegacySchema(connection);
  await connection.query('SET unique_checks = 0, foreign_key_checks = 0');
  const w = (table: string, columns: string) => new Writer(connection, table, columns.split(', '));
  const province = w('provinces', 'PROVINCE_ID, PROVINCE_NAME, area');
  const amphur = w('amphures', 'AMPHUR_ID, AMPHUR_NAME, PROVINCE_ID');
  for (let p = 1; p <= provinces; p += 1) {
    await province.add([p, `จังหวัดทดสอบ${p}`, String((p % 9) + 1)]);
    for (let d = 1; d <= districtsPerProvince; d += 1)
      await amphur.add([p * 100 + d, `อำเภอทดสอบ${p}-${d}`, p]);
  }
  await connection.query(`INSERT INTO local_size VALUES (1, 'ขนาดเล็ก'), (2, 'ขนาดกลาง'), (3, 'ขนาดใหญ่')`);
  await connection.query(
    `INSERT INTO user_role (user_group_id, user_role_level) VALUES (1, 0), (3, 1), (4, 2), (5, 0), (9, 3)`,
  );
  const office = w(
    'local_office',
    'local_office_id, local_office_code, local_office_name, password, PROVINCE_ID, AMPHUR_ID',
  );
  const detail = w(
    'localdetail',
    'local_size, local_office_id, local_address, local_large, local_population, local_income, local_income_plus, localadmin_name, per_localadmin_name, officer_name, officer_position, officer_under, officer_mobile, officer_email',
  );
  const project = w(
    'project',
    'project_id, local_goverment_id, name, year1, year2, year3, year4, quarter, type, dimention, budget_year, non_budget, budget, target_group, object, target_group1, target_group5, remark_project, status_use, status_pass',
  );
  const report = w(
    'report',
    'project_id, dimention, round_report, budget_true, paid, input_plan, status_process_year, status_process, radio_reason, txt_reason, remark_report, local_goverment_id',
  );
  const sar = w(
    'scoresar',
    'local_office_code, sar_score_l1, sar_score_l2, sar_score_l3, sar_score_l4, suml, sar_score_p1, sar_score_p2, sar_score_p3, sar_score_p4, sump, summ, scoresar_year',
  );
  const ita = w('scoreita', 'local_office_code, scoreita_m, scoreita_year');
  const visit = w('scorevs', 'local_office_id, scorevs_status, scorevs_year, scorevs_file');
  let projectId = 0;
  for (let i = 0; i < laoCount; i += 1) {
    const id = i + 1;
    const code = String(1_000_000 + i);
    const p = (i % provinces) + 1;
    const d = (Math.floor(i / provinces) % districtsPerProvince) + 1;
    await office.add([
      id,
      code,
      `องค์การบริหารส่วนตำบลทดสอบ${i}`,
      random() < 0.5 ? `pw${i}` : '',
      p,
      p * 100 + d,
    ]);
    const profile = [
      pick([1, 2, 3]),
      id,
      `หมู่ ${i % 20} ตำบลทดสอบ`,
      '42.5',
      '5120',
      '12000000',
      '25000000',
      'นายก',
      'ปลัด',
      'ผู้ประสาน',
      'นักวิเคราะห์',
      'สำนักปลัด',
      '081-0000000',
      `lao${i}@example.go.th`,
    ];
    if (random() < 0.33) await detail.add(profile);
    await detail.add(profile);
    for (let k = 0; k < projectsPerLao; k += 1) {
      projectId += 1;
      const laterPeriod = random() < 0.25;
      const first = laterPeriod ? 2566 : 2561 + Math.floor(random() * 3);
      const years = [first, first + 1];
      const slots = ['', '', '', ''];
      for (const y of years) slots[(y - (laterPeriod ? 2565 : 2561)) % 4] = String(y);
      const dim = String((k % 4) + 1);
      const budgeted = random() < 0.6;
      await project.add([
        projectId,
        id,
        `โครงการส่งเสริมคุณธรรม ${k}`,
        ...slots,
        String((k % 4) + 1),
        String((k % 4) + 1),
        dim,
        pick(['2551', '2558', String(first)]),
        budgeted ? 'Y' : 'N',
        budgeted ? String(10_000 + (k % 50) * 1000) : '',
        'ประชาชนในตำบล',
        'เพื่อสร้างจิตสำนึก',
        '1',
        '5',
        '',
        random() < 0.02 ? 'N' : 'Y',
        random() < 0.03 ? 'N' : 'Y',
      ]);
      for (const y of years)
        for (const round of ['1', '2']) {
          const status = pick(['2', '3', '3', '4']);
          const row = [
            projectId,
            dim,
            round,
            budgeted ? '10000' : '0',
            budgeted ? '8000' : '0',
            'Y',
            String(y),
            status,
            status === '4' ? pick(['1', '2', '3', '4']) : '',
            status === '4' ? 'เหตุอื่น' : '',
            '',
            random() < 0.1 ? 0 : id,
          ];
          await report.add(row);
          if (random() < 0.01) await report.add(row);
        }
    }
    for (const year of ['2562', '2563']) {
      const s = String(15 + (i % 10));
      const sarRow = [code, s, s, s, s, String(4 * Number(s)), s, s, s, s, String(4 * Number(s)), '', year];
      if (random() < 0.1) await sar.add(sarRow.map((v, j) => (j === 11 ? '80' : v)));
      await sar.add(sarRow);
    }
    for (const year of ['2562', '2563', '2564'])
      await ita.add([code, random() < 0.01 ? 'n/a' : (70 + random() * 30).toFixed(2), year]);
    if (random() < 0.1) await visit.add([id, '1', '2562', '']);
  }
  const users = w('user', 'username, password, local_office_id, user_group, remark');
  for (let p = 1; p <= provinces; p += 1) await users.add([`province${p}`, `p${p}`, p, 3, '']);
  for (let r = 1; r <= 9; r += 1) await users.add([`region${r}`, `r${r}`, 100, 4, String(r)]);
  for (let a = 1; a <= 15; a += 1) await users.add([`central${a}`, `c${a}`, 100, a <= 5 ? 9 : 5, '']);
  const writers = { province, amphur, office, detail, project, report, sar, ita, visit, users };
  for (const writer of Object.values(writers)) await writer.flush();
  await connection.query(
    `INSERT INTO criterionscore (criterionscore_year, criterionscore_score) VALUES ('2561', '50'), ('2562', '60'), ('2563', '60'), ('2564', '65')`,
  );
  return Object.fromEntries(Object.entries(writers).map(([k, v]) => [k, v.count]));
};

const prepareOurs = async (ds: DataSource) => {
  const m = ds.manager;
  await insertMany(
    m,
    'province',
    ['id', 'name_th', 'name_en'],
    Array.from({ length: provinces }, (_, i) => [i + 10, `ทดสอบ${i + 1}`, `Province ${i + 1}`]),
  );
  const districts: unknown[][] = [];
  for (let p = 1; p <= provinces; p += 1)
    for (let d = 1; d <= districtsPerProvince; d += 1)
      districts.push([(p + 9) * 100 + d, p + 9, `ทดสอบ${p}-${d}`, 'District']);
  await insertMany(m, 'district', ['id', 'province_id', 'name_th', 'name_en'], districts);
  const laos: unknown[][] = [];
  for (let i = 0; i < laoCount; i += 1) {
    const p = (i % provinces) + 1;
    const d = (Math.floor(i / provinces) % districtsPerProvince) + 1;
    laos.push([String(1_000_000 + i), `องค์การบริหารส่วนตำบลทดสอบ${i}`, 'SAO', p + 9, (p + 9) * 100 + d, 1]);
  }
  await insertMany(m, 'lao', ['code', 'name_th', 'type', 'province_id', 'district_id', 'version'], laos);
  await m.query(
    `INSERT INTO plan_cycle (name_th, start_year, end_year, version) VALUES ('แผน 2561–2565', 2561, 2565, 1), ('แผน 2566–2570', 2566, 2570, 1)`,
  );
  await ensureDefaultRounds(m, [2561, 2562, 2563, 2564, 2565, 2566, 2567, 2568, 2569, 2570]);
};

void (async () => {
  const started = Date.now();
  const maria = await startMariaDb();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lao-legacy-bench-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort() });
  const dataSource = createDataSource(embeddedUrl(pg.port));
  try {
    const connection = await maria.connect();
    const generated = await generateLegacy(connection);
    await connection.end();
    const generatedIn = (Date.now() - started) / 1000;
    console.log(`Scale ${scale}: generated in ${generatedIn.toFixed(0)} s:`, generated);
    await dataSource.initialize();
    await dataSource.runMigrations();
    await prepareOurs(dataSource);
    const source = await LegacySource.open(maria.url);
    const results: string[] = [];
    for (const run of runs) {
      const t = Date.now();
      const { log, failedStep } = await runLegacyImport(dataSource, source, {
        dryRun: run === 'dry',
        keepLegacyPasswords: false,
        hashCost: testHashCost,
      });
      const seconds = (Date.now() - t) / 1000;
      const memory = process.memoryUsage().rss / 2 ** 20;
      console.log(
        formatLog(log, { dryRun: run === 'dry', maxSkipped: 5 })
          .split('\n')
          .slice(0, 16)
          .join('\n'),
      );
      results.push(
        `${run.padEnd(6)} ${seconds.toFixed(1).padStart(7)} s  rss ${memory.toFixed(0)} MiB${failedStep ? `  FAILED at ${failedStep}` : ''}  ` +
          log.steps.map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)}`).join(', '),
      );
    }
    await source.close();
    console.log(
      `\nLegacy import at scale ${scale} (${laoCount} LAOs, ${generated.project} projects, ${generated.report} reports):`,
    );
    for (const line of results) console.log(`  ${line}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await pg.stop();
    await maria.stop();
    await rm(dir, { recursive: true, force: true });
  }
})();
