import { Client } from 'pg';
import { Role } from '../../../server/auth/role';
import { createAccount, createLaoAccount, createWorld, type World } from '../../factories';
import { errorCode, type GraphQLClient } from '../../helpers/graphql-client';
import { signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

const READ = `{ contactChannels { phone email lineId lineUrl officeHours complaintUrl version updatedAt } }`;
const UPDATE = `mutation($input: ContactChannelsInput!) { updateContactChannels(input: $input) {
  phone email lineId lineUrl officeHours complaintUrl version updatedAt } }`;
const LOG = `query($operation: String) { auditLog(operation: $operation) { edges { node { operation outcome role arguments } } } }`;

const channels = {
  phone: '02-528-4800 ต่อ 3408',
  email: 'helpdesk@nacc.go.th',
  lineId: '@nacc',
  lineUrl: 'https://line.me/R/ti/p/@nacc',
  officeHours: 'วันจันทร์–วันศุกร์ 08.30–16.30 น. เว้นวันหยุดราชการ',
  complaintUrl: 'https://www.nacc.go.th/complaint',
};

/** The field errors of a refusal, as the client reads them. */
const fieldErrors = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (response.errors?.[0]?.extensions?.fields as { field: string; message: string }[] | undefined)?.map(
    ({ field, message }) => [field, message],
  );

describe('help: NACC’s contact channels', () => {
  let server: TestServer;
  let world: World;
  let admin: GraphQLClient;
  let analyst: GraphQLClient;
  let provincial: GraphQLClient;
  let lao: GraphQLClient;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server.dataSource);
    const administrator = await createAccount(server.dataSource, {
      username: 'nacc.administrator',
      role: Role.NACC_CENTRAL,
      administrator: true,
      displayName: 'ผู้ดูแลระบบ ป.ป.ช.',
    });
    await createLaoAccount(server.dataSource, world.dintong, { password: 'Dintong-Pass-2565' });
    admin = await signIn(server, administrator.username, administrator.password);
    const centralAnalyst = await createAccount(server.dataSource, {
      username: 'nacc.analyst',
      role: Role.NACC_CENTRAL,
      administrator: false,
    });
    analyst = await signIn(server, centralAnalyst.username, centralAnalyst.password);
    provincial = await signIn(server, world.provincial.username, world.provincial.password);
    lao = await signIn(server, world.dintong.code, 'Dintong-Pass-2565');
  });
  afterAll(() => server.stop());

  it('answers nothing set (no made-up numbers) to anyone before NACC sets the channels', async () => {
    for (const client of [server.anonymous, lao, analyst]) {
      expect((await client(READ)).data?.contactChannels).toEqual({
        phone: null,
        email: null,
        lineId: null,
        lineUrl: null,
        officeHours: null,
        complaintUrl: null,
        version: 0,
        updatedAt: null,
      });
    }
  });

  it('refuses analysts, provincial offices, LAOs and the public: only administrators edit', async () => {
    const input = { ...channels };
    expect(errorCode(await server.anonymous(UPDATE, { input }))).toBe('UNAUTHENTICATED');
    for (const client of [lao, provincial])
      expect(errorCode(await client(UPDATE, { input }))).toBe('FORBIDDEN');
    const refused = await analyst(UPDATE, { input });
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toBe('คุณไม่มีสิทธิ์ดำเนินการนี้');
    expect((await server.anonymous(READ)).data?.contactChannels.version).toBe(0);
  });

  it('lets an administrator set them; everyone reads them, trimmed; the change is audited', async () => {
    const set = await admin(UPDATE, {
      input: { ...channels, email: '  helpdesk@nacc.go.th ', version: 0 },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.updateContactChannels).toMatchObject({ ...channels, version: 1 });
    for (const client of [server.anonymous, lao, provincial, analyst]) {
      expect((await client(READ)).data?.contactChannels).toMatchObject({ ...channels, version: 1 });
    }
    const log = await analyst(LOG, { operation: 'updateContactChannels' });
    const events = log.data?.auditLog.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
    expect(events[0]).toMatchObject({
      operation: 'updateContactChannels',
      outcome: 'OK',
      role: 'NACC_CENTRAL',
      arguments: { input: expect.objectContaining({ phone: channels.phone }) },
    });
    expect(events.map((event: { outcome: string }) => event.outcome)).toEqual(
      expect.arrayContaining(['FORBIDDEN', 'UNAUTHENTICATED']),
    );
  });

  it('clears a channel left blank and refuses a stale version (CONFLICT)', async () => {
    const cleared = await admin(UPDATE, { input: { ...channels, lineId: ' ', lineUrl: null, version: 1 } });
    expect(cleared.data?.updateContactChannels).toMatchObject({ lineId: null, lineUrl: null, version: 2 });
    const stale = await admin(UPDATE, { input: { ...channels, version: 1 } });
    expect(errorCode(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].message).toMatch(/ถูกแก้ไขโดยผู้อื่น/);
    expect((await server.anonymous(READ)).data?.contactChannels).toMatchObject({ lineId: null, version: 2 });
  });

  it('refuses malformed channels field by field with Thai messages, and changes nothing', async () => {
    const bad = await admin(UPDATE, {
      input: {
        phone: '02-528',
        email: 'helpdesk.nacc.go.th',
        lineId: 'nacc official!',
        lineUrl: 'http://line.me/R/ti/p/@nacc',
        officeHours: 'ก'.repeat(201),
        complaintUrl: 'javascript:alert(1)',
      },
    });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(fieldErrors(bad)).toEqual([
      [
        'phone',
        'รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง กรุณากรอกตัวเลข 9–10 หลักขึ้นต้นด้วย 0 หรือสายด่วน 4 หลัก (เช่น 02-528-4800 ต่อ 3408 หรือ 1205)',
      ],
      ['email', 'รูปแบบอีเมลไม่ถูกต้อง (เช่น helpdesk@nacc.go.th)'],
      ['lineId', 'รูปแบบ LINE ID ไม่ถูกต้อง ใช้ตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีด หรือขีดล่าง ไม่เกิน 50 ตัวอักษร (เช่น @nacc)'],
      ['lineUrl', 'ลิงก์ LINE ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// (เช่น https://line.me/R/ti/p/@nacc)'],
      ['officeHours', 'เวลาทำการต้องไม่เกิน 200 ตัวอักษร'],
      ['complaintUrl', 'ลิงก์ช่องทางร้องเรียนต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// (เช่น https://www.nacc.go.th)'],
    ]);
    // The refusal names the fields, never the values submitted.
    expect(JSON.stringify(bad.errors)).not.toContain('helpdesk.nacc.go.th');
    expect((await server.anonymous(READ)).data?.contactChannels.version).toBe(2);
  });

  it.each([
    ['phone', '1205', true],
    ['phone', '0812345678', true],
    ['phone', '+66 2 528 4800', true],
    ['phone', '081-234-56789', false],
    ['phone', '12345', false],
    ['phone', 'โทร 1205', false],
    ['complaintUrl', 'https://user:pass@www.nacc.go.th/', false],
    ['complaintUrl', 'https://localhost/', false],
    ['lineUrl', 'https://lin.ee/abc123', true],
    ['lineId', 'nacc_help.th', true],
  ])('%s %p is accepted: %p', async (field, value, accepted) => {
    const current = (await server.anonymous(READ)).data?.contactChannels;
    const response = await admin(UPDATE, {
      input: { ...channels, [field]: value, version: current.version },
    });
    if (accepted) expect(response.data?.updateContactChannels[field]).toBe(value);
    else {
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(fieldErrors(response)?.map(([name]) => name)).toEqual([field]);
    }
  });

  it('keeps the table to one row and the channels’ change history', async () => {
    const direct = new Client({ connectionString: server.databaseUrl });
    await direct.connect();
    try {
      await expect(direct.query(`INSERT INTO contact_channels (id, version) VALUES (2, 1)`)).rejects.toThrow(
        /contact_channels_single_row/,
      );
      const history = await direct.query(
        `SELECT action, before->>'lineId' AS before_line, after->>'lineId' AS after_line FROM change_event
          WHERE entity_type = 'CONTACT_CHANNELS' ORDER BY at, id LIMIT 2`,
      );
      expect(history.rows).toEqual([
        { action: 'CREATE', before_line: null, after_line: '@nacc' },
        { action: 'UPDATE', before_line: '@nacc', after_line: null },
      ]);
    } finally {
      await direct.end();
    }
  });
});
