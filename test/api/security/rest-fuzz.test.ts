import { runInThisContext } from 'node:vm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ErrorCode } from '../../../server/errors/error-codes';
import { laoImportColumns } from '../../../server/modules/lao/lao-import.columns';
import { createLaoAccount, createWorld } from '../../factories';
import { repeatedSheetXml, sheetXml, workbookEntries, zip } from '../../helpers/hostile-xlsx';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/*
 * Fuzz test of the REST side (issue 25): the downloads (/exports, /open-data, /templates), the
 * site-visit file routes, and the contents of import files (garbled CSV, random and mutated XLSX,
 * truncated zips) sent to the three imports. Every answer is a 2xx, or a 4xx (or the open data's
 * 503 RATE_LIMITED) with a stable code; never a 500, never a hang; the server stays up. The GraphQL
 * fuzz (fuzz.test.ts) covers the rest of /graphql. Fixed seeds: every run sends the same requests
 * (REST_FUZZ_SEED=n explores others).
 */

const SEED = Number(process.env.REST_FUZZ_SEED ?? 0x25_f11e);
const REQUESTS = 300;
const FILES = 200;
const CONCURRENCY = 8;
/** Longer than any answer takes here: a request past it is a hang. */
const REQUEST_TIMEOUT_MS = 15_000;

/** The process's real `process` (jest hands tests a copy whose listeners never fire). */
const realProcess = runInThisContext('process') as NodeJS.Process;

type Request = {
  method: 'GET' | 'POST';
  path: string;
  auth: 'none' | 'central' | 'lao' | 'garbage';
  body?: Uint8Array;
  fileName?: string;
};

/** Something other than what the route expects, for any part of a path. */
const junk = fc.oneof(
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A', '', 'ก', '1e3', '-1', '99999999999'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent),
);
const part = <T extends string>(...known: T[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...known) }, junk);
const format = part('xlsx', 'csv');
const path = fc.oneof(
  fc
    .tuple(part('statistics', 'implementation', 'plan-table', 'project-status', 'problem-reports'), format)
    .map(([name, f]) => `/exports/${name}.${f}`),
  fc
    .tuple(part('projects', 'reports', 'ita'), part('2566', '2567', '2400', '9999'), format)
    .map(([kind, year, f]) => `/open-data/${kind}-${year}.${f}`),
  fc.tuple(part('projects', 'laos', 'ita'), format).map(([name, f]) => `/templates/${name}.${f}`),
  part('1', '2', '0').map((id) => `/files/${id}`),
  fc
    .tuple(part('1', '00000000-0000-4000-8000-000000000000'), part('', '/thumbnail'))
    .map(([id, tail]) => `/files/evidence/${id}${tail}`),
  junk.map((name) => `/${name}`),
);

const query = fc
  .record(
    {
      fiscalYear: part('2566', '2567', '40000', '0', '00002566'),
      round: part('SIX_MONTH', 'TWELVE_MONTH'),
      provinceId: part('65', '54', '40000', '0'),
      laoId: part('1', '2', '40000', '2147483648'),
      type: part('SAO', 'CITY_MUNICIPALITY'),
      size: part('SMALL', 'LARGE'),
      x: junk,
    },
    { requiredKeys: [] },
  )
  .map((fields) => {
    const pairs = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
    return pairs.length ? `?${pairs.join('&')}` : '';
  });
const auth = fc.constantFrom<Request['auth']>('none', 'central', 'lao', 'garbage');

const request: fc.Arbitrary<Request> = fc.oneof(
  fc.record({
    method: fc.constant('GET' as const),
    path: fc.tuple(path, query).map(([p, q]) => `${p}${q}`),
    auth,
  }),
  fc.record({
    method: fc.constant('POST' as const),
    path: fc
      .oneof(
        fc.constantFrom('1', '0', '-1', '999999999', '1e3'),
        fc.string({ maxLength: 12 }).map(encodeURIComponent),
      )
      .chain((id) => fc.constantFrom(`/files/site-visits/${id}`, `/files/reports/${id}/evidence`)),
    auth,
    body: fc.uint8Array({ maxLength: 4096 }),
    fileName: fc.oneof(
      fc.constantFrom('a.pdf', 'ภาพ.jpg', '%E0%B8', '', '../../x.exe'),
      fc.string({ maxLength: 40 }),
    ),
  }),
);

/** A valid file of the LAO list (one row), to mutate. */
const validLaoList = async (): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('อปท.');
  sheet.addRow(laoImportColumns.map((c) => c.header));
  sheet.addRow(['5650802', 'องค์การบริหารส่วนตำบลดินทอง', 'องค์การบริหารส่วนตำบล', '', 'พิษณุโลก', 'วังทอง']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};

type FileCase = { fileName: string; content: Uint8Array; target: 'lao' | 'ita' | 'project' };

const csvChar = fc.constantFrom(',', '"', '\r', '\n', 'a', 'ก', '=', '-', '1', ' ', '\uFEFF', '\u0000');

const fileCase = (validXlsx: Uint8Array): fc.Arbitrary<FileCase> => {
  const target = fc.constantFrom<FileCase['target']>('lao', 'ita', 'project');
  const mutated = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([flips, cut]) => {
      const bytes = Uint8Array.from(validXlsx);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
    });
  const randomSheet = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '<row>',
          '</row>',
          '<c t="s"><v>7</v></c>',
          '<c t="inlineStr"><is><t>x</t></is></c>',
          '<c r="ZZZZ9"><v>1</v></c>',
          '<row r="-1"/>',
          '<row r="1e9"/>',
          '<c t="b"><v>1</v></c>',
          '<![CDATA[',
          '&amp;',
          '&bogus;',
        ),
        fc.string({ maxLength: 20 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => zip(workbookEntries(sheetXml(parts.join('')))));
  return fc.record({
    fileName: fc.oneof(
      fc.constantFrom('f.xlsx', 'f.csv', 'F.XLSX', 'f.CSV'),
      fc.string({ maxLength: 10 }).map((s) => `${s}.xlsx`),
    ),
    content: fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.array(csvChar, { maxLength: 400 }).map((chars) => new TextEncoder().encode(chars.join(''))),
      mutated,
      randomSheet,
      fc.constant(zip(workbookEntries(repeatedSheetXml('<row/>', 10)))),
    ),
    target,
  });
};

describe('REST and import-file fuzz', () => {
  let server: TestServer;
  let tokens: Record<Request['auth'], string | undefined>;
  const violations = new Map<string, string>();
  const violation = (kind: string, what: string) => {
    if (!violations.has(kind)) violations.set(kind, what);
  };
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    realProcess.on('unhandledRejection', onCrash);
    realProcess.on('uncaughtException', onCrash);
    server = await startTestServer();
    const world = await createWorld(server.dataSource);
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    const central = await signIn(server, world.central.username, world.central.password);
    const lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
    tokens = {
      none: undefined,
      central: central.token!,
      lao: lao.token!,
      garbage: 'eyJhbGciOiJub25lIn0.e30.',
    };
  });
  beforeEach(() => violations.clear());
  afterAll(async () => {
    realProcess.off('unhandledRejection', onCrash);
    realProcess.off('uncaughtException', onCrash);
    await server?.stop();
  });

  /** Runs `jobs` CONCURRENCY at a time. */
  const pool = async <T>(items: T[], job: (item: T) => Promise<void>) => {
    const queue = [...items];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
      }),
    );
  };

  /** Status, and the `code` of a JSON answer, of one request; a hang or a dropped connection is a violation. */
  const send = async (describe: string, url: string, init: RequestInit) => {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = Buffer.from(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('content-type') ?? '', body };
    } catch (error) {
      violation(`no answer (${(error as Error).name})`, describe);
      return undefined;
    }
  };

  it('answers every generated REST request with a 2xx or a coded 4xx, never a 500 or a hang', async () => {
    const requests = fc.sample(request, { seed: SEED, numRuns: REQUESTS });
    const statuses = new Map<number, number>();
    await pool(requests, async (r) => {
      const describe = `${r.method} ${r.path} (${r.auth})`;
      const token = tokens[r.auth];
      const answer = await send(describe, `${server.url}${r.path}`, {
        method: r.method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(r.fileName !== undefined ? { 'x-file-name': r.fileName.replace(/[^\x20-\x7e]/g, '?') } : {}),
        },
        body: r.body,
      });
      if (!answer) return;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status >= 500 && !(answer.status === 503 && /RATE_LIMITED/.test(answer.body.toString())))
        violation(`status ${answer.status}`, `${describe}: ${answer.body.toString().slice(0, 200)}`);
      else if (answer.status >= 400 && /json/.test(answer.type)) {
        const { code } = JSON.parse(answer.body.toString()) as { code?: unknown };
        if (typeof code !== 'string')
          violation('4xx without a code', `${describe}: ${answer.body.toString().slice(0, 200)}`);
      } else if (answer.status >= 400 && !/json|html/.test(answer.type))
        violation('4xx that is not JSON', `${describe}: ${answer.type}`);
    });
    console.log(`REST fuzz: ${REQUESTS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(Object.fromEntries(violations)).toEqual({});
    expect(crashes).toEqual([]);
  });

  it('answers every generated import file with data or a coded refusal, never INTERNAL_SERVER_ERROR', async () => {
    const valid = await validLaoList();
    const cases = fc.sample(fileCase(valid), { seed: SEED, numRuns: FILES });
    cases.push({ fileName: 'f.xlsx', content: valid, target: 'lao' });
    const mutation = {
      lao: `mutation($input: LaoImportInput!) { previewLaoImport(input: $input) { rowCount } }`,
      ita: `mutation($input: ItaImportInput!) { previewItaImport(input: $input) { errorCount } }`,
      project: `mutation($input: ProjectImportInput!) { previewProjectImport(input: $input) { rowCount } }`,
    };
    const codes = new Map<string, number>();
    await pool(cases, async (c) => {
      const describe = `${c.target} ${c.fileName} (${c.content.length} bytes: ${Buffer.from(c.content.subarray(0, 24)).toString('hex')}…)`;
      const answer = await send(describe, `${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${c.target === 'project' ? tokens.lao : tokens.central}`,
        },
        body: JSON.stringify({
          query: mutation[c.target],
          variables: {
            input: { fileName: c.fileName, contentBase64: Buffer.from(c.content).toString('base64') },
          },
        }),
      });
      if (!answer) return;
      const json = JSON.parse(answer.body.toString()) as {
        data?: unknown;
        errors?: { extensions?: { code?: string } }[];
      };
      const code = json.errors?.[0]?.extensions?.code ?? 'OK';
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (
        answer.status >= 500 ||
        code === ErrorCode.INTERNAL_SERVER_ERROR ||
        (json.errors && !json.errors[0].extensions?.code)
      )
        violation(`import answered ${answer.status} ${code}`, describe);
    });
    console.log(
      `Import-file fuzz: ${cases.length} files, answers ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(Object.fromEntries(violations)).toEqual({});
    expect(crashes).toEqual([]);
    // The good file was read; the server is still up.
    expect(codes.get('OK')).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
