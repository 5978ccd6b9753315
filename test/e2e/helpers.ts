import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort } from '../helpers/free-port';

const root = path.resolve(__dirname, '..', '..');
export const screenshotDir = path.join(root, 'test-artifacts', 'screenshots');

export { freePort };

/** Runs the built server exactly as `npm start` does (node dist/server/main.js), on a given database. */
export const startBuiltServer = async (env: Record<string, string>) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  while (!output.includes('is running at')) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${output}`);
    if (Date.now() - started > 30_000) throw new Error(`Server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    stop: () =>
      new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
};

/** Runs the built server expecting it to exit by itself (e.g. refusing to start): its exit code and output. */
export const runBuiltServerToExit = async (env: Record<string, string>, timeoutMs = 30_000) => {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist', 'server', 'main.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, output };
};

/** Debian's Chromium, headless, in a fresh profile; never a downloaded browser build. */
export const launchChromium = async (): Promise<BrowserContext> => {
  mkdirSync(screenshotDir, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'lao-e2e-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    // Charts draw at once (no animation), so screenshots and prints show final values.
    reducedMotion: 'reduce',
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
};

/** Page helpers shared by the journeys: fields by name, sign-in/out, numbered screenshots. */
export const pageHelpers = (page: Page, baseUrl: string, prefix: string) => {
  let shot = 0;
  const field = (name: string) => page.locator(`[name="${name}"]`);
  return {
    field,
    snap: async (name: string) => {
      shot += 1;
      const file = `${prefix}-${String(shot).padStart(2, '0')}-${name}.png`;
      await page.screenshot({ path: path.join(screenshotDir, file), fullPage: true });
    },
    login: async (username: string, password: string) => {
      await page.goto(`${baseUrl}/login`);
      await field('username').fill(username);
      await field('password').fill(password);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    },
    logout: async () => {
      await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
      await page.waitForURL(/\/login/);
    },
  };
};
