import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/system-packages.mjs');
const npmCli = realpathSync(
  process.env.npm_execpath ??
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'),
);

/**
 * The check of `npm test`'s first step, run for real: only what a test cannot do on a machine that
 * has the packages is pretended, through the script's own knobs (another user id, a file root) and
 * a PATH holding nothing but node and sh. Nothing is ever installed by these tests.
 */
describe('npm test checks the Debian packages the suites need first', () => {
  let dir: string;
  let bin: string;
  const run = (command: string[], env: Record<string, string>) => {
    const result = spawnSync(process.execPath, command, {
      cwd: root,
      encoding: 'utf8',
      env: { HOME: process.env.HOME ?? os.tmpdir(), PATH: bin, SYSTEM_PACKAGES_UID: '1000', ...env },
      timeout: 30_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lao-system-packages-'));
    bin = path.join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    symlinkSync('/bin/sh', path.join(bin, 'sh'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on this machine, which has them', () => {
    const result = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('stops npm test before anything else, without root, with the command that installs what is missing', () => {
    const result = run([npmCli, 'test'], {});
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('no `chromium` on PATH');
    expect(result.output).toContain('sudo apt-get update && sudo apt-get install -y chromium\n');
    // Not one later step started: no type-check, lint, build or jest.
    expect(result.output).not.toMatch(/> lao-plan-monitor@[\d.]+ (typecheck|lint|build)/);
    expect(result.output).not.toMatch(/Test Suites:/);
  });

  it('names every missing package in one command', () => {
    const result = run([script], { SYSTEM_PACKAGES_FILE_ROOT: path.join(dir, 'empty') });
    expect(result.status).toBe(1);
    expect(result.output).toContain('fonts-thai-tlwg    no /usr/share/fonts/truetype/tlwg/Loma.ttf');
    expect(result.output).toContain(
      '  sudo apt-get update && sudo apt-get install -y chromium fonts-thai-tlwg slapd mariadb-server nginx openssl gettext-base\n',
    );
  });

  it('takes a package as present from its proof: the command on PATH, or one of its files', () => {
    const fakeRoot = path.join(dir, 'root');
    mkdirSync(path.join(fakeRoot, 'usr/share/fonts/opentype/tlwg'), { recursive: true });
    writeFileSync(path.join(fakeRoot, 'usr/share/fonts/opentype/tlwg/Loma.otf'), '');
    mkdirSync(path.join(fakeRoot, 'usr/sbin'), { recursive: true });
    writeFileSync(path.join(fakeRoot, 'usr/sbin/slapd'), '');
    writeFileSync(path.join(fakeRoot, 'usr/sbin/mariadbd'), '');
    writeFileSync(path.join(fakeRoot, 'usr/sbin/nginx'), '');
    mkdirSync(path.join(fakeRoot, 'usr/bin'), { recursive: true });
    writeFileSync(path.join(fakeRoot, 'usr/bin/openssl'), '');
    writeFileSync(path.join(fakeRoot, 'usr/bin/envsubst'), '');
    const withChromium = path.join(dir, 'with-chromium');
    mkdirSync(withChromium);
    writeFileSync(path.join(withChromium, 'chromium'), '#!/bin/sh\n');
    expect(run([script], { SYSTEM_PACKAGES_FILE_ROOT: fakeRoot }).status).toBe(1);
    expect(
      run([script], { SYSTEM_PACKAGES_FILE_ROOT: fakeRoot, PATH: `${bin}${path.delimiter}${withChromium}` })
        .output,
    ).toContain('no `chromium` on PATH'); // not executable: no proof
    chmodSync(path.join(withChromium, 'chromium'), 0o755);
    expect(
      run([script], { SYSTEM_PACKAGES_FILE_ROOT: fakeRoot, PATH: `${bin}${path.delimiter}${withChromium}` }),
    ).toEqual({ status: 0, output: '' });
  });
});
