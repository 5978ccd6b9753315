import 'reflect-metadata';
import { Client } from 'pg';
import { openLocalDatabase } from '../db/backup';
import { DataDirInUse } from '../db/data-dir-owner';
import { type ChainAnchor, verifyAuditChain } from '../modules/audit/verify';

const usage = `npm run audit:verify [-- --anchor <chain_seq>:<hash> …]   (compiled: node dist/server/scripts/audit-verify.js …)

Checks the hash chain of the audit log of the database of \`npm start\` (DATABASE_URL when set,
else the embedded PostgreSQL in DATA_DIR): names the first row that breaks it and exits 1, or
prints the head (chain_seq and hash) and exits 0. Record the head elsewhere (a ticket, a mail to
the auditors); pass it later as --anchor to catch a chain rewritten or cut since then.`;

const main = async (): Promise<number> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return 0;
  }
  const anchors: ChainAnchor[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const value =
      argv[i] === '--anchor' ? argv[++i] : argv[i].startsWith('--anchor=') ? argv[i].slice(9) : null;
    const match = value ? /^(\d+):([0-9a-f]{64})$/i.exec(value) : null;
    if (!match) {
      console.error(`Bad argument ${argv[i]}\n\n${usage}`);
      return 2;
    }
    anchors.push({ chainSeq: match[1], hash: match[2] });
  }
  const database = await openLocalDatabase();
  const client = new Client({ connectionString: database.databaseUrl });
  try {
    await client.connect();
    const result = await verifyAuditChain(
      async (sql, parameters) => (await client.query(sql, parameters)).rows,
      anchors,
    );
    if (result.broken) {
      console.log(
        `BROKEN at chain_seq ${result.broken.chainSeq}${result.broken.id ? ` (audit_event id ${result.broken.id})` : ''}: ${result.broken.reason}.`,
      );
      return 1;
    }
    console.log(
      `OK: ${result.rows} audit rows, chain intact${anchors.length ? `, ${anchors.length} anchor(s) hold` : ''}. ` +
        `Head: ${result.head ? `${result.head.chainSeq}:${result.head.hash}` : 'none (empty log)'}`,
    );
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof DataDirInUse ? error.message : error);
    process.exit(2);
  },
);
