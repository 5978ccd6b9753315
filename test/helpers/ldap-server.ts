import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export type DirectoryUser = { uid: string; password: string; cn?: string; ou?: string };

export type LdapServer = {
  /** ldap://127.0.0.1:PORT (StartTLS offered when started with `tls`). */
  url: string;
  /** ldaps://127.0.0.1:PORT when started with `tls`. */
  ldapsUrl: string | null;
  /** The self-signed certificate (PEM file) the server presents, when started with `tls`. */
  caFile: string | null;
  suffix: string;
  /** Stops slapd (by its own PID) and removes its folder. */
  stop(): Promise<void>;
};

/** `{SSHA}` as slappasswd writes it: SHA-1 of password + salt, then the salt, in base64. */
const ssha = (password: string): string => {
  const salt = randomBytes(8);
  const hash = createHash('sha1').update(password, 'utf8').update(salt).digest();
  return `{SSHA}${Buffer.concat([hash, salt]).toString('base64')}`;
};

/** An LDIF value: base64 (`attr:: …`) when it is not plain ASCII or starts oddly. */
const ldifLine = (attribute: string, value: string): string =>
  /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value) && !value.endsWith(' ')
    ? `${attribute}: ${value}`
    : `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}`;

const waitForPort = async (port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`slapd did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * A real OpenLDAP server (Debian's /usr/sbin/slapd) for a test: a throwaway slapd.conf and
 * MDB database in a temp folder, the users loaded offline with slapadd (passwords as
 * `{SSHA}`), slapd in the foreground on a free loopback port. With `tls`, a self-signed
 * certificate made by openssl: StartTLS on the ldap:// port and an ldaps:// port too.
 */
export const startLdapServer = async (
  users: DirectoryUser[],
  options: { tls?: boolean; suffix?: string } = {},
): Promise<LdapServer> => {
  const suffix = options.suffix ?? 'dc=nacc,dc=test';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lao-slapd-'));
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir);
  const port = await freePort();
  const ldapsPort = options.tls ? await freePort() : null;
  const certFile = path.join(dir, 'server.crt');
  const keyFile = path.join(dir, 'server.key');
  if (options.tls) {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
  }
  const conf = path.join(dir, 'slapd.conf');
  await writeFile(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      ...(options.tls ? [`TLSCertificateFile ${certFile}`, `TLSCertificateKeyFile ${keyFile}`] : []),
      'database mdb',
      'maxsize 10485760',
      `suffix "${suffix}"`,
      `rootdn "cn=admin,${suffix}"`,
      `rootpw ${ssha(randomBytes(12).toString('hex'))}`,
      `directory ${dataDir}`,
      // Simple bind reads userPassword; nobody else reads it.
      'access to attrs=userPassword by anonymous auth by self read by * none',
      'access to * by * read',
      '',
    ].join('\n'),
  );
  const top = suffix.split(',')[0].split('=')[1];
  const organisationalUnits = [...new Set(['people', ...users.map((user) => user.ou ?? 'people')])];
  const entries = [
    [`dn: ${suffix}`, 'objectClass: dcObject', 'objectClass: organization', `dc: ${top}`, `o: ${top}`],
    ...organisationalUnits.map((ou) => [
      `dn: ou=${ou},${suffix}`,
      'objectClass: organizationalUnit',
      `ou: ${ou.split(',')[0]}`,
    ]),
    ...users.map((user) => [
      ldifLine('dn', `uid=${user.uid},ou=${user.ou ?? 'people'},${suffix}`),
      'objectClass: inetOrgPerson',
      ldifLine('uid', user.uid.replace(/\\(.)/g, '$1')),
      ldifLine('cn', user.cn ?? user.uid),
      ldifLine('sn', user.cn ?? user.uid),
      ldifLine('userPassword', ssha(user.password)),
    ]),
  ];
  const ldif = path.join(dir, 'users.ldif');
  await writeFile(ldif, entries.map((lines) => lines.join('\n')).join('\n\n') + '\n');
  await run('/usr/sbin/slapadd', ['-f', conf, '-l', ldif]);
  const listeners = [`ldap://127.0.0.1:${port}/`, ...(ldapsPort ? [`ldaps://127.0.0.1:${ldapsPort}/`] : [])];
  // -d 0: stay in the foreground (a child we can stop by its PID), log nothing.
  const child = spawn('/usr/sbin/slapd', ['-f', conf, '-h', listeners.join(' '), '-d', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child);
    if (ldapsPort) await waitForPort(ldapsPort, child);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url: `ldap://127.0.0.1:${port}`,
    ldapsUrl: ldapsPort ? `ldaps://127.0.0.1:${ldapsPort}` : null,
    caFile: options.tls ? certFile : null,
    suffix,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
};
