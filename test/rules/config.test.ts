import { ConfigError, loadConfig } from '../../server/config';
import { runBuiltServerToExit } from '../e2e/helpers';

/** The problems loadConfig refuses `env` with (none: it starts). */
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

const goodSecret = 'f3a9c27e5d18b64f0a2c9e7d1b53f8a6';
const production = { NODE_ENV: 'production', JWT_SECRET: goodSecret, DATABASE_URL: 'postgres://db/lao' };
const composeExample = 'change-me-to-a-long-random-secret-of-at-least-32-characters';

describe('configuration validated at start', () => {
  it('refuses bad values, naming each variable and what it expects, all at once', () => {
    const problems = problemsOf({
      PORT: 'abc',
      OPEN_DATA_WAITING: '-3',
      STAFF_SECOND_FACTOR: 'everyone',
      GRAPHQL_JIT: 'ture',
    });
    expect(problems.sort()).toEqual([
      'GRAPHQL_JIT="ture": expected true or false',
      'OPEN_DATA_WAITING="-3": expected a whole number ≥ 0',
      'PORT="abc": expected a whole number from 0 to 65535',
      'STAFF_SECOND_FACTOR="everyone": expected one of administrators, all-staff, optional',
    ]);
    // Blank is unset (a default), a number with spaces is a number; a URL's value is never shown.
    expect(loadConfig({ PORT: ' ', OPEN_DATA_WAITING: ' 5 ' })).toMatchObject({
      port: 4000,
      openData: { waiting: 5 },
    });
    expect(problemsOf({ SMTP_URL: 'http://user:pw@mail' })).toEqual([
      'SMTP_URL: expected a URL (smtp://… or smtps://…)',
    ]);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(problemsOf({ TRUST_PROXY: 'proxy.local' })[0]).toMatch(
      /^TRUST_PROXY="proxy.local": expected a hop count/,
    );
  });

  it('refuses a placeholder or short JWT_SECRET and a missing DATABASE_URL in production only', () => {
    expect(problemsOf(production)).toEqual([]);
    expect(problemsOf({ ...production, JWT_SECRET: composeExample })).toEqual([
      'JWT_SECRET: expected a random value, not a placeholder; make one with `openssl rand -hex 32`',
    ]);
    expect(problemsOf({ ...production, JWT_SECRET: 'x'.repeat(40) })[0]).toMatch(/not a placeholder/);
    expect(problemsOf({ ...production, JWT_SECRET: 'f3a9c27e5d18' })[0]).toMatch(
      /^JWT_SECRET: expected at least 32 characters \(it has 12\)/,
    );
    expect(problemsOf({ ...production, JWT_SECRET: '' })).toEqual([
      'JWT_SECRET (or JWT_KEYS) must be set in production',
    ]);
    expect(problemsOf({ ...production, DATABASE_URL: '' })).toEqual([
      'DATABASE_URL must be set when NODE_ENV=production (the embedded PostgreSQL is for development)',
    ]);
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([]);
  });

  it('reads signing keys with ids and refuses an inconsistent set', () => {
    expect(
      loadConfig({
        ...production,
        JWT_KEYS: `k2:${goodSecret.split('').reverse().join('')}`,
        JWT_SIGNING_KEY_ID: 'k2',
      }).jwt,
    ).toMatchObject({ secret: goodSecret, keys: [{ id: 'k2' }], signingKeyId: 'k2' });
    expect(
      problemsOf({ ...production, JWT_KEYS: 'k2:short,k2:again,broken', JWT_SIGNING_KEY_ID: 'k3' }),
    ).toEqual([
      'JWT_KEYS: the key id "k2" is listed twice',
      'JWT_KEYS: entry 3 must be id:secret (id: letters, digits, . _ -)',
      'JWT_KEYS: the secret of key "k2": expected at least 32 characters (it has 5)',
      'JWT_SIGNING_KEY_ID="k3": expected the id of the key that signs new tokens, one of default, k2',
    ]);
    // Without JWT_SECRET: the second factor's key cannot be derived from it, and several keys need a choice.
    expect(problemsOf({ JWT_KEYS: 'k1:one,k2:two' })).toEqual([
      expect.stringMatching(/^SECOND_FACTOR_KEY must be set when JWT_SECRET is not/),
      expect.stringMatching(
        /^JWT_SIGNING_KEY_ID: expected the id of the key that signs new tokens, one of k1, k2/,
      ),
    ]);
  });

  it('refuses to start the built server on a bad configuration, before starting any database', async () => {
    const { code, output } = await runBuiltServerToExit({
      NODE_ENV: 'production',
      DATABASE_URL: '',
      JWT_SECRET: composeExample,
      PORT: 'abc',
      DATA_DIR: '/nonexistent/lao-config-test',
    });
    expect(code).toBe(78);
    expect(output).toContain('configuration is not valid (3 problems)');
    expect(output).toContain('DATABASE_URL must be set when NODE_ENV=production');
    expect(output).toContain('PORT="abc": expected a whole number from 0 to 65535');
    expect(output).toContain('JWT_SECRET: expected a random value, not a placeholder');
    expect(output).not.toContain(composeExample);
    expect(output).not.toContain('embedded PostgreSQL (data in');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });
});
