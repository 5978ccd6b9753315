import { defaultSignInThrottle, loadConfig } from '../../server/config';
import { addressKeyOf, delayAfter } from '../../server/auth/sign-in-throttle';
import { DeviceTokens } from '../../server/auth/device-token';

describe('sign-in throttling rules', () => {
  it('waits nothing for the free failures, then doubles from the first delay up to the longest', () => {
    const rule = { freeFailures: 3, firstDelaySeconds: 2, maxDelaySeconds: 900, forgetAfterSeconds: 86400 };
    expect([1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 1000].map((n) => delayAfter(n, rule))).toEqual([
      0, 0, 0, 2, 4, 8, 16, 512, 900, 900, 900,
    ]);
  });

  it('counts an IPv6 client by its /64 network and an IPv4-mapped address as IPv4', () => {
    expect(addressKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:DB8:1:2:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKeyOf('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKeyOf('203.0.113.9')).toBe('203.0.113.9');
  });

  it('reads each rule from SIGN_IN_THROTTLE_* as free/first/max/forget and refuses anything else', () => {
    const config = loadConfig({ SIGN_IN_THROTTLE_LOGIN_PAIR: '5/3/600/3600', KNOWN_ADDRESS_DAYS: '0' });
    expect(config.signInThrottle.login.pair).toEqual({
      freeFailures: 5,
      firstDelaySeconds: 3,
      maxDelaySeconds: 600,
      forgetAfterSeconds: 3600,
    });
    expect(config.signInThrottle.login.account).toEqual(defaultSignInThrottle.login.account);
    expect(config.signInThrottle.knownAddressDays).toBe(0);
    expect(() => loadConfig({ SIGN_IN_THROTTLE_LOGIN_ACCOUNT: '10 per hour' })).toThrow(
      'SIGN_IN_THROTTLE_LOGIN_ACCOUNT must be four whole numbers',
    );
    expect(() => loadConfig({ SIGN_IN_THROTTLE_LOGIN_ACCOUNT: '10/0/900/3600' })).toThrow();
  });

  it('accepts a device token only for the account it was issued to, signed with this server’s secret', () => {
    const jwt = { secret: 'a'.repeat(32), issuer: 'lao-plan-monitor', audience: 'app' };
    const tokens = new DeviceTokens({ ...jwt, ttlSeconds: 60 }, 365);
    const token = tokens.issue(' 5650802 ');
    expect(tokens.verify(token, '5650802')).toEqual({ account: '5650802', id: expect.any(String) });
    expect(tokens.verify(token, '5650803')).toBeNull();
    expect(
      new DeviceTokens({ ...jwt, secret: 'b'.repeat(32), ttlSeconds: 60 }, 365).verify(token, '5650802'),
    ).toBeNull();
    expect(tokens.verify(null, '5650802')).toBeNull();
    expect(tokens.issue('5650802')).not.toBe(token);
  });
});
