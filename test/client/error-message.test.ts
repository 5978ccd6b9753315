import { errorMessagesFor, toErrorInfo, type ErrorInfo } from '../../client/src/composables/error-message';
import { translations } from './translations';

const thai = (() => {
  const { t, locale } = translations('th');
  return errorMessagesFor(t, locale).messageFor;
})();
const english = (() => {
  const { t, locale } = translations('en');
  return errorMessagesFor(t, locale).messageFor;
})();

/** An error as Apollo hands it over: the server's first GraphQL error. */
const refusal = (code: string, extensions: Record<string, unknown> = {}, message = 'server text') => ({
  graphQLErrors: [{ message, extensions: { code, ...extensions } }],
});

describe('API errors on the client', () => {
  it('reads the code, and never keeps the server text of codes that do not need it', () => {
    const forbidden = toErrorInfo(refusal('FORBIDDEN', {}, 'Forbidden: role LAO'));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(forbidden.detail).toBeNull();
    // The text of a blocking state is kept: it names what blocks the action.
    expect(toErrorInfo(refusal('ROUND_CLOSED', {}, 'ปิดรับรายงานแล้ว')).detail).toBe('ปิดรับรายงานแล้ว');
    // A code the client does not know is an internal error, not shown as such.
    expect(toErrorInfo(refusal('TEAPOT')).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('tells a network failure from a server that answered with an error body', () => {
    expect(toErrorInfo({ networkError: new Error('Failed to fetch') }).code).toBe('NETWORK');
    // A 429 whose body carries the GraphQL error (Apollo puts it under networkError.result).
    const limited = toErrorInfo({
      networkError: {
        result: {
          errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 90 } }],
        },
      },
    });
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBe(90);
    expect(toErrorInfo(new TypeError('x is undefined')).code).toBe('INTERNAL_SERVER_ERROR');
    expect(toErrorInfo(undefined).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keys field messages by bare field name (the last of a path), joining two messages of one field', () => {
    const info = toErrorInfo(
      refusal('BAD_USER_INPUT', {
        fields: [
          { field: 'input.email', message: 'กรุณากรอกอีเมลให้ถูกต้อง' },
          { field: 'input.email', message: 'อีเมลนี้ถูกใช้แล้ว' },
          { field: 'password', message: 'รหัสผ่านสั้นเกินไป' },
          { field: 'input.coordinator.phone', message: 'หมายเลขโทรศัพท์ไม่ถูกต้อง' },
          { message: 'no field named' },
        ],
      }),
    );
    expect(info.fields).toEqual({
      email: 'กรุณากรอกอีเมลให้ถูกต้อง อีเมลนี้ถูกใช้แล้ว',
      password: 'รหัสผ่านสั้นเกินไป',
      phone: 'หมายเลขโทรศัพท์ไม่ถูกต้อง',
    });
  });

  it('reads the problems per row of an import file, skipping any without a row number', () => {
    const info = toErrorInfo(
      refusal('BAD_USER_INPUT', {
        rowErrors: [
          { rowNumber: 3, column: 'ชื่อโครงการ', message: 'จำเป็นต้องกรอก' },
          { rowNumber: '4', column: 'งบประมาณ', message: 'ไม่ใช่ตัวเลข' },
          { rowNumber: 5 },
        ],
      }),
    );
    expect(info.rowErrors).toEqual([
      { rowNumber: 3, column: 'ชื่อโครงการ', message: 'จำเป็นต้องกรอก' },
      { rowNumber: 5, column: '', message: '' },
    ]);
  });

  it('gives each code its Thai message, a page override first', () => {
    expect(thai(toErrorInfo(refusal('NOT_FOUND')))).toBe('ไม่พบข้อมูลที่ต้องการ');
    expect(thai(toErrorInfo({ networkError: {} }))).toBe(
      'ไม่สามารถติดต่อระบบได้ กรุณาตรวจสอบการเชื่อมต่ออินเทอร์เน็ตแล้วลองใหม่อีกครั้ง',
    );
    expect(english(toErrorInfo(refusal('NOT_FOUND')))).toBe('The requested record was not found.');
    // The change-password page: a wrong current password is not "no such user".
    const overrides = { INVALID_CREDENTIALS: 'errors.currentPasswordWrong' };
    expect(thai(toErrorInfo(refusal('INVALID_CREDENTIALS')), overrides)).toBe('รหัสผ่านปัจจุบันไม่ถูกต้อง');
    expect(thai(toErrorInfo(refusal('FORBIDDEN')), overrides)).toBe('คุณไม่มีสิทธิ์ดำเนินการนี้');
  });

  it('shows the server text of a blocking state in Thai; English gets its own message', () => {
    const notPassed = toErrorInfo(refusal('PLAN_NOT_PASSED', {}, 'แผนปีงบประมาณ 2566 ยังไม่ผ่านเกณฑ์'));
    expect(thai(notPassed)).toBe('แผนปีงบประมาณ 2566 ยังไม่ผ่านเกณฑ์');
    expect(english(notPassed)).toBe(
      'This fiscal year’s plan has not passed the standard, so progress cannot be reported yet.',
    );
    // INVALID_STATE names the state in both languages.
    const state = toErrorInfo(refusal('INVALID_STATE', {}, 'แผนถูกส่งแล้ว แก้ไขไม่ได้'));
    expect(english(state)).toBe('แผนถูกส่งแล้ว แก้ไขไม่ได้');
  });

  it('adds the deadline that passed, or the opening, in the reader’s calendar', () => {
    const closed: ErrorInfo = {
      ...toErrorInfo(refusal('ROUND_CLOSED', { deadline: '2023-04-30T17:00:00.000Z' })),
      detail: null,
    };
    expect(thai(closed)).toBe(
      'ปิดรับรายงานรอบนี้แล้ว หากจำเป็นต้องรายงาน กรุณาขอขยายเวลาจากสำนักงาน ป.ป.ช. (กำหนดส่งภายใน 30 เมษายน 2566 เวลา 23:59 น.)',
    );
    // English ignores the Thai server text and reads the deadline from the extensions.
    const closedWithText = toErrorInfo(refusal('ROUND_CLOSED', { deadline: '2023-04-30T17:00:00.000Z' }));
    expect(english(closedWithText)).toBe(
      'This reporting round is closed. If you still need to report, ask NACC for an extension. (Deadline: 30 April 2023 at 23:59)',
    );
    const notOpen: ErrorInfo = {
      ...toErrorInfo(refusal('ROUND_NOT_OPEN', { opensAt: '2023-04-30T17:00:00.000Z' })),
      detail: null,
    };
    expect(thai(notOpen)).toBe('รอบรายงานนี้ยังไม่เปิดรับรายงาน (เปิดรับตั้งแต่ 1 พฤษภาคม 2566 เวลา 00:00 น.)');
    expect(english(notOpen)).toBe('This reporting round is not open yet. (Opens on 1 May 2023 at 00:00)');
  });

  it('says how long to wait when rate limited: seconds under a minute, else whole minutes rounded up', () => {
    const limited = (retryAfterSeconds?: number) =>
      thai(toErrorInfo(refusal('RATE_LIMITED', { retryAfterSeconds })));
    expect(limited(30)).toBe('มีการเรียกใช้งานถี่เกินไป กรุณาลองใหม่อีกครั้งในอีก 30 วินาที');
    expect(limited(0.2)).toBe('มีการเรียกใช้งานถี่เกินไป กรุณาลองใหม่อีกครั้งในอีก 1 วินาที');
    expect(limited(90)).toBe('มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก 2 นาที');
    expect(limited(61)).toBe('มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก 2 นาที');
    expect(limited(900)).toBe('มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก 15 นาที');
    // No wait given: a minute.
    expect(limited(undefined)).toBe('มีการพยายามหลายครั้งเกินไป กรุณาลองใหม่อีกครั้งในอีก 1 นาที');
  });
});
