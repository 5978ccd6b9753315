import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { databaseWaitsFrom, loadConfig } from '../config';
import { openLocalDatabase } from '../db/backup';
import { DataDirInUse } from '../db/data-dir-owner';
import { createDataSource } from '../db/data-source';
import { migrateAndOpen } from '../db/roles';
import {
  checkFirstAdministrator,
  createFirstAdministrator,
  FirstAdministratorRefused,
} from '../modules/staff/first-administrator';

const usage = `npm run admin:create -- --username <name> --email <mail> [--display-name <ชื่อ>]
(compiled, e.g. in the container: node dist/server/scripts/admin-create.js --username … --email …)

Creates the first NACC central administrator on the database of \`npm start\` (DATABASE_URL when
set, else the embedded PostgreSQL in DATA_DIR, default .data), applying migrations first if needed,
and prints a one-time link to set its password (valid STAFF_INVITATION_TTL_HOURS, default 72 h);
with SMTP_URL set the link is also mailed to <mail>. Refuses once any administrator exists: from
then on administrators invite staff in the app (/nacc/staff).`;

const parseArgs = (args: string[]) => {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!['--username', '--email', '--display-name'].includes(flag))
      throw new FirstAdministratorRefused(`ไม่รู้จักตัวเลือก ${args[i]} / Unknown option ${args[i]}\n\n${usage}`);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--'))
      throw new FirstAdministratorRefused(`${flag} ต้องมีค่า / ${flag} needs a value.\n\n${usage}`);
    values[flag.slice(2)] = value;
  }
  if (!values.username || !values.email)
    throw new FirstAdministratorRefused(
      `กรุณาระบุ --username และ --email / Give --username and --email.\n\n${usage}`,
    );
  return { username: values.username, email: values.email, displayName: values['display-name'] };
};

const main = async (): Promise<void> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return;
  }
  const input = parseArgs(argv);
  checkFirstAdministrator(input);
  const config = loadConfig({
    ...process.env,
    JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex') /* signs nothing here */,
  });
  const database = await openLocalDatabase();
  const dataSource = createDataSource(database.databaseUrl);
  try {
    const { ran: applied } = await migrateAndOpen(
      dataSource,
      database.databaseUrl,
      process.env.DATABASE_URL ? process.env.DATABASE_MIGRATION_URL : undefined,
      databaseWaitsFrom().migration,
    );
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s) to ${database.describe}.`);
    const created = await createFirstAdministrator(dataSource, config, {
      ...input,
      publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
      origin: `admin:create on ${os.hostname()}`,
    });
    if (created.reference.provinces > 0)
      console.log(
        `เพิ่มข้อมูลอ้างอิง: ภาค 1–9, ${created.reference.provinces} จังหวัด, ${created.reference.districts} อำเภอ / ` +
          `Wrote the reference data: regions 1–9, ${created.reference.provinces} provinces, ${created.reference.districts} districts.`,
      );
    console.log(
      [
        `สร้างผู้ดูแลระบบส่วนกลาง ${created.username} แล้ว / Created NACC central administrator ${created.username}.`,
        '',
        'ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว) / One-time link to set the password:',
        created.link,
        `หมดอายุ / Expires: ${created.expiresAt.toISOString()}`,
        created.mailed
          ? `ส่งลิงก์ไปที่ ${input.email} แล้ว / Mailed to ${input.email}.`
          : created.mailError
            ? `ส่งอีเมลไม่สำเร็จ (${created.mailError}) / Mail failed (${created.mailError}): hand the link over yourself.`
            : 'ไม่ได้ส่งอีเมล (ไม่ได้ตั้งค่า SMTP_URL) / Not mailed (SMTP_URL is not set): hand the link over yourself.',
      ].join('\n'),
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
};

main().catch((error: unknown) => {
  const refused = error instanceof FirstAdministratorRefused || error instanceof DataDirInUse;
  console.error(refused ? error.message : error);
  process.exit(refused ? 2 : 1);
});
