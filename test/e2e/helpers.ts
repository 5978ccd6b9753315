import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
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
      // Every state a journey shows is also checked for WCAG 2.1 AA (all findings kept beside the shot).
      const findings = await axeFindings(page);
      appendFileSync(
        path.join(screenshotDir, `${prefix}-axe.jsonl`),
        JSON.stringify({ file, findings }) + '\n',
      );
      const failing = blocking(findings);
      if (failing.length > 0)
        throw new Error(`Accessibility violations:\n${describeFindings(file, failing).join('\n')}`);
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

/** What axe-core found on a page: every rule that failed, with its impact and the elements it failed on. */
export type AxeFinding = { rule: string; impact: string; help: string; targets: string[] };

/** Runs axe-core (WCAG 2.1 A and AA rules plus axe's best practices) on the page as it is now. */
export const axeFindings = async (
  page: Page,
  /** Rules left out; or only some rules, within the elements `include` selects. */
  options: { skipRules?: string[]; onlyRules?: string[]; include?: string } = {},
): Promise<AxeFinding[]> => {
  // Legacy mode runs axe in the page itself: no blank helper tab per run (the app has no iframes).
  const builder = new AxeBuilder({ page })
    .setLegacyMode()
    // Only violations are read: axe then stops collecting every passing element (faster).
    .options({ resultTypes: ['violations'] });
  if (options.onlyRules) builder.withRules(options.onlyRules);
  else builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (options.skipRules) builder.disableRules(options.skipRules);
  if (options.include) builder.include(options.include);
  const results = await builder.analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    // The element, and why it failed ("… contrast of 3.2 (foreground color: …)").
    targets: violation.nodes.map((node) =>
      [node.target.join(' '), node.failureSummary?.split('\n')[1]?.trim()].filter(Boolean).join(': '),
    ),
  }));
};

/** Serious and critical findings fail (WCAG 2.1 AA is expected of Thai government sites). */
export const blocking = (findings: AxeFinding[]) =>
  findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');

/** One readable line per rule and element: "page: rule (impact) help — element". */
export const describeFindings = (name: string, findings: AxeFinding[]) =>
  findings.flatMap((finding) =>
    finding.targets
      .slice(0, 5)
      .map((target) => `${name}: ${finding.rule} (${finding.impact}) ${finding.help} — ${target}`)
      .concat(
        finding.targets.length > 5 ? [`${name}: ${finding.rule} … ${finding.targets.length - 5} more`] : [],
      ),
  );

/** Fails with the list of serious and critical axe-core violations of the page, if any. */
export const expectAccessible = async (page: Page, name: string) => {
  const found = blocking(await axeFindings(page));
  if (found.length > 0)
    throw new Error(`Accessibility violations:\n${describeFindings(name, found).join('\n')}`);
};

/** True when the page itself scrolls sideways (a phone user would have to pan to reach things). */
export const scrollsSideways = (page: Page) =>
  page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as {
      document: { scrollingElement: { scrollWidth: number } };
      innerWidth: number;
    };
    return document.scrollingElement.scrollWidth > innerWidth;
  });
