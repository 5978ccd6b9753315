import { Role } from '../../server/auth/role';
import { SecretBox, normalizeRecoveryCode, verifyTotp } from '../../server/auth/totp';
import { loadConfig } from '../../server/config';
import { mayUseSecondFactor, secondFactorRequired } from '../../server/modules/account/second-factor-rules';
import { generateSync } from 'otplib';

/** Who must have a second factor under each STAFF_SECOND_FACTOR policy (Y must, . need not). */
const accounts = {
  lao: { role: Role.LAO, administrator: false },
  province: { role: Role.NACC_PROVINCE, administrator: false },
  region: { role: Role.NACC_REGION, administrator: false },
  analyst: { role: Role.NACC_CENTRAL, administrator: false },
  admin: { role: Role.NACC_CENTRAL, administrator: true },
};
const table = {
  //               lao province region analyst admin
  administrators: '.    .        .      .       Y',
  'all-staff': '.    Y        Y      Y       Y',
  optional: '.    .        .      .       .',
} as const;

describe('second-factor rules', () => {
  it.each(Object.entries(table))('policy %s', (policy, row) => {
    const expected = row.split(/\s+/).map((mark) => mark === 'Y');
    const actual = Object.values(accounts).map((account) =>
      secondFactorRequired(account, policy as keyof typeof table),
    );
    expect(actual).toEqual(expected);
  });

  it('never offers a second factor to LAO accounts', () => {
    expect(mayUseSecondFactor(accounts.lao)).toBe(false);
    expect(mayUseSecondFactor(accounts.province)).toBe(true);
  });

  it('defaults to administrators in production or on DATABASE_URL, optional on the demo database', () => {
    const base = { JWT_SECRET: 'x'.repeat(32) };
    const production = { JWT_SECRET: 'f3a9c27e5d18b64f0a2c9e7d1b53f8a6', DATABASE_URL: 'postgres://db/x' };
    expect(loadConfig({ ...production, NODE_ENV: 'production' }).secondFactor.policy).toBe('administrators');
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://db/x' }).secondFactor.policy).toBe(
      'administrators',
    );
    expect(loadConfig({ ...base }).secondFactor.policy).toBe('optional');
    // The browser suites run the built server on their own DATABASE_URL with the demo data.
    expect(
      loadConfig({ ...base, DATABASE_URL: 'postgres://db/x', NODE_ENV: 'test' }).secondFactor.policy,
    ).toBe('optional');
    expect(loadConfig({ ...base, STAFF_SECOND_FACTOR: 'all-staff' }).secondFactor.policy).toBe('all-staff');
    expect(() => loadConfig({ ...base, STAFF_SECOND_FACTOR: 'everyone' })).toThrow(/STAFF_SECOND_FACTOR/);
    expect(() => loadConfig({ ...base, SECOND_FACTOR_KEY: 'abcd' })).toThrow(/32 bytes/);
  });

  it('reads the directory settings and refuses incomplete ones', () => {
    const base = { JWT_SECRET: 'x'.repeat(32), LDAP_URL: 'ldaps://dc1.nacc.go.th:636' };
    expect(loadConfig({ ...base, LDAP_UPN_SUFFIX: '{username}@nacc.go.th' }).directory).toMatchObject({
      url: 'ldaps://dc1.nacc.go.th:636',
      upnSuffix: 'nacc.go.th',
      bindDnTemplate: null,
      tlsRejectUnauthorized: true,
    });
    expect(loadConfig({ JWT_SECRET: 'x'.repeat(32) }).directory).toBeNull();
    expect(() => loadConfig(base)).toThrow(/LDAP_BIND_DN or LDAP_UPN_SUFFIX/);
    expect(() => loadConfig({ ...base, LDAP_BIND_DN: 'uid=x,dc=nacc' })).toThrow(/\{username\}/);
    expect(() => loadConfig({ ...base, LDAP_UPN_SUFFIX: 'nacc.go.th', LDAP_STARTTLS: 'true' })).toThrow(
      /STARTTLS/,
    );
    expect(() => loadConfig({ ...base, LDAP_URL: 'http://dc1', LDAP_UPN_SUFFIX: 'x' })).toThrow(/LDAP_URL/);
  });

  it('seals TOTP secrets to the account with the configured key', () => {
    const box = SecretBox.fromConfig(null, 'jwt-secret-one');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'account-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'account-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'account-2')).toThrow();
    expect(() => SecretBox.fromConfig(null, 'jwt-secret-two').open(sealed, 'account-1')).toThrow(
      /another key/,
    );
    const explicit = SecretBox.fromConfig(Buffer.alloc(32, 7), 'jwt-secret-one');
    expect(() => explicit.open(sealed, 'account-1')).toThrow(/another key/);
  });

  it('accepts the codes of the previous, current and next step, and none twice', () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    // The server's clock (config.now), not the machine's: a day ahead here.
    const now = new Date(Date.now() + 24 * 3600 * 1000);
    const step = Math.floor(now.getTime() / 1000 / 30);
    const at = (offset: number) => generateSync({ secret, epoch: (step + offset) * 30 + 1 });
    expect(verifyTotp(secret, at(0), null, now)).toBe(step);
    expect(verifyTotp(secret, at(-1), null, now)).not.toBeNull();
    expect(verifyTotp(secret, at(1), null, now)).not.toBeNull();
    expect(verifyTotp(secret, at(3), null, now)).toBeNull();
    expect(verifyTotp(secret, at(0), step, now)).toBeNull();
    expect(verifyTotp(secret, at(0), null, new Date())).toBeNull();
    expect(verifyTotp(secret, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, null, now)).toBe(step);
    expect(normalizeRecoveryCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
  });
});
