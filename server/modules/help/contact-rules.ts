/**
 * What NACC central's contact channels (ช่องทางติดต่อ) may hold. The inputs apply these rules
 * (contact-channels.inputs.ts); the help pages show whatever passed them.
 */

/** Longest office-hours text (Thai, e.g. "วันจันทร์–ศุกร์ 08.30–16.30 น. เว้นวันหยุดราชการ"). */
export const OFFICE_HOURS_MAX = 200;
export const LINE_ID_MAX = 50;
export const URL_MAX = 500;

/**
 * A Thai phone number as people write it: a 4-digit hotline (1xxx, e.g. ป.ป.ช.'s 1205), or a
 * 9-digit landline / 10-digit mobile starting with 0 (or +66 without the 0), digits grouped by
 * spaces or hyphens, optionally followed by an extension ("ต่อ 3408", as the legacy manual writes it).
 */
export const isContactPhone = (value: string): boolean => {
  const match = /^(\+66[\s-]?)?([0-9][0-9\s-]*[0-9])(\s*(?:ต่อ|ext\.?)\s*([0-9]{1,6}))?$/i.exec(value.trim());
  if (!match) return false;
  const digits = match[2].replace(/[\s-]/g, '');
  if (match[1]) return /^[1-9][0-9]{7,8}$/.test(digits);
  return /^1[0-9]{3}$/.test(digits) || /^0[0-9]{8,9}$/.test(digits);
};

/** A LINE official account or user ID: optional @, then letters, digits, dot, hyphen, underscore. */
export const isLineId = (value: string): boolean => /^@?[a-z0-9._-]{1,49}$/i.test(value.trim());

/** An absolute https URL with a host (no http, no javascript:, no credentials). */
export const isHttpsUrl = (value: string): boolean => {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.hostname.includes('.') &&
    url.username === '' &&
    url.password === '' &&
    !/\s/.test(value.trim())
  );
};

export const contactMessages = {
  phone:
    'รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง กรุณากรอกตัวเลข 9–10 หลักขึ้นต้นด้วย 0 หรือสายด่วน 4 หลัก (เช่น 02-528-4800 ต่อ 3408 หรือ 1205)',
  email: 'รูปแบบอีเมลไม่ถูกต้อง (เช่น helpdesk@nacc.go.th)',
  lineId: 'รูปแบบ LINE ID ไม่ถูกต้อง ใช้ตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีด หรือขีดล่าง ไม่เกิน 50 ตัวอักษร (เช่น @nacc)',
  lineUrl: 'ลิงก์ LINE ต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// (เช่น https://line.me/R/ti/p/@nacc)',
  officeHours: `เวลาทำการต้องไม่เกิน ${OFFICE_HOURS_MAX} ตัวอักษร`,
  complaintUrl: 'ลิงก์ช่องทางร้องเรียนต้องเป็นที่อยู่เว็บที่ขึ้นต้นด้วย https:// (เช่น https://www.nacc.go.th)',
  urlTooLong: `ลิงก์ต้องไม่เกิน ${URL_MAX} ตัวอักษร`,
} as const;
