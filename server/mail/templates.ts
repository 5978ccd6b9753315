import { escapeHtml } from '../text';
import type { OutgoingMail } from './mailer';

const bangkokDateTime = new Intl.DateTimeFormat('th-TH', {
  timeZone: 'Asia/Bangkok',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** The password reset mail (Thai); the link is single-use and expires at `expiresAt`. */
export const passwordResetMail = (
  to: string,
  laoName: string,
  link: string,
  expiresAt: Date,
): OutgoingMail => {
  const until = bangkokDateTime.format(expiresAt);
  return {
    to,
    subject: 'ตั้งรหัสผ่านใหม่ ระบบติดตามแผนปฏิบัติการป้องกันการทุจริตของ อปท.',
    text: [
      `เรียน ผู้ประสานงาน ${laoName}`,
      '',
      'มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีของท่าน กรุณาเปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านใหม่',
      link,
      '',
      `ลิงก์นี้ใช้ได้ครั้งเดียว และหมดอายุเมื่อ ${until} น.`,
      'หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ',
    ].join('\n'),
    html: [
      `<p>เรียน ผู้ประสานงาน ${escapeHtml(laoName)}</p>`,
      '<p>มีการขอตั้งรหัสผ่านใหม่สำหรับบัญชีของท่าน กรุณาเปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านใหม่</p>',
      `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      `<p>ลิงก์นี้ใช้ได้ครั้งเดียว และหมดอายุเมื่อ ${escapeHtml(until)} น.</p>`,
      '<p>หากท่านไม่ได้ขอตั้งรหัสผ่านใหม่ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ</p>',
    ].join('\n'),
  };
};

/** Reminder before a reporting round closes (Thai). */
export const roundReminderMail = (
  to: string,
  laoName: string,
  details: { round: string; deadline: string; missing: number },
): OutgoingMail => ({
  to,
  subject: `แจ้งเตือน: กำหนดส่งรายงานผลการดำเนินงาน ${details.round}`,
  text: [
    `เรียน ผู้ประสานงาน ${laoName}`,
    '',
    `${laoName} ยังไม่ได้รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต ${details.round} จำนวน ${details.missing} โครงการ`,
    `กรุณารายงานผลภายใน ${details.deadline}`,
    '',
    'ข้อความนี้ส่งโดยอัตโนมัติ หากท่านรายงานครบแล้ว ขออภัยในความไม่สะดวก',
  ].join('\n'),
});

/**
 * A staff invitation (or the first administrator's setup mail): the one-time link to set a
 * first password, or, for an account that signs in through the organisation's directory, how
 * to sign in (no link: the directory decides the password).
 */
export const staffInvitationMail = (
  to: string,
  details: {
    displayName: string;
    username: string;
    roleTh: string;
    link: string | null;
    expiresAt: Date | null;
  },
): OutgoingMail => {
  const until = details.expiresAt ? bangkokDateTime.format(details.expiresAt) : '';
  const lines = [
    `เรียน ${details.displayName}`,
    '',
    `ท่านได้รับบัญชีผู้ใช้งานระบบติดตามแผนปฏิบัติการป้องกันการทุจริตของ อปท. ในฐานะ${details.roleTh}`,
    `ชื่อผู้ใช้งาน: ${details.username}`,
    '',
    ...(details.link
      ? [
          'กรุณาเปิดลิงก์ด้านล่างเพื่อตั้งรหัสผ่าน แล้วเข้าสู่ระบบด้วยชื่อผู้ใช้งานข้างต้น',
          details.link,
          '',
          `ลิงก์นี้ใช้ได้ครั้งเดียว และหมดอายุเมื่อ ${until} น. หากลิงก์หมดอายุ กรุณาขอให้ผู้ดูแลระบบส่งคำเชิญใหม่`,
        ]
      : ['บัญชีนี้เข้าสู่ระบบด้วยชื่อผู้ใช้งานและรหัสผ่านของระบบบัญชีผู้ใช้ขององค์กร (ไม่ต้องตั้งรหัสผ่านใหม่)']),
  ];
  return {
    to,
    subject: 'คำเชิญเข้าใช้งาน ระบบติดตามแผนปฏิบัติการป้องกันการทุจริตของ อปท.',
    text: lines.join('\n'),
    html: lines
      .map((line) =>
        line === details.link
          ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>`
          : `<p>${escapeHtml(line)}</p>`,
      )
      .filter((line) => line !== '<p></p>')
      .join('\n'),
  };
};
