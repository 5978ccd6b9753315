import {
  changedInputs,
  failedChecks,
  refusalCorrected,
  serverFieldMessage,
  snapshotOf,
} from '../../client/src/composables/form-errors';

// The change-password form: the server checks `password`, the page's input is `newPassword`.
const aliases = { password: 'newPassword' };

describe('the errors of a form', () => {
  it('puts a server field message on the input it belongs to, through the page’s aliases', () => {
    const fields = { password: 'รหัสผ่านนี้ไม่ปลอดภัยพอ', email: 'อีเมลไม่ถูกต้อง' };
    expect(serverFieldMessage(fields, 'newPassword', aliases)).toBe('รหัสผ่านนี้ไม่ปลอดภัยพอ');
    // Once aliased, the server's name is no input of the page.
    expect(serverFieldMessage(fields, 'password', aliases)).toBe('');
    expect(serverFieldMessage(fields, 'email', aliases)).toBe('อีเมลไม่ถูกต้อง');
    expect(serverFieldMessage(fields, 'password')).toBe('รหัสผ่านนี้ไม่ปลอดภัยพอ');
    expect(serverFieldMessage({}, 'email')).toBe('');
  });

  it('drops a field refusal’s summary only once every field it named has been changed', () => {
    const refusal = { code: 'BAD_USER_INPUT' as const, fields: { password: 'สั้นเกินไป', email: 'ซ้ำ' } };
    expect(refusalCorrected(refusal, new Set(['email']), aliases)).toBe(false);
    expect(refusalCorrected(refusal, new Set(['email', 'password']), aliases)).toBe(false);
    expect(refusalCorrected(refusal, new Set(['email', 'newPassword']), aliases)).toBe(true);
    // A refusal that is not about fields (or names none) stays until the next submit.
    expect(refusalCorrected({ code: 'CONFLICT', fields: { email: 'x' } }, new Set(['email']))).toBe(false);
    expect(refusalCorrected({ code: 'BAD_USER_INPUT', fields: {} }, new Set(['email']))).toBe(false);
  });

  it('keeps the failed client checks only', () => {
    expect(
      failedChecks({ name: 'validation.required', budget: null, email: '', score: 'validation.score' }),
    ).toEqual({ name: 'validation.required', score: 'validation.score' });
    expect(failedChecks({ name: null })).toEqual({});
  });

  it('sees which inputs changed, by value rather than by object identity', () => {
    const before = snapshotOf({ name: 'โครงการ', quarters: [1, 2], note: null, budget: '100' });
    const same = snapshotOf({ name: 'โครงการ', quarters: [1, 2], note: undefined, budget: '100' });
    expect(changedInputs(before, same)).toEqual([]);
    const now = snapshotOf({ name: 'โครงการ', quarters: [1, 2, 3], note: 'ดูภาคผนวก', budget: '100.50' });
    expect(changedInputs(before, now)).toEqual(['quarters', 'note', 'budget']);
  });
});
