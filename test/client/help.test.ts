import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasContact, httpsOnly, lineHref, mailtoHref, telHref } from '../../client/src/help/contact-links';
import { filterFaq, normaliseText, queryWords } from '../../client/src/help/faq-filter';
import { helpSectionIds } from '../../client/src/help/help-content';
import { helpContentEn } from '../../client/src/help/help-content.en';
import { helpAnchorTitle, helpContentFor } from '../../client/src/help/help-content-for';
import { helpContentTh } from '../../client/src/help/help-content.th';
import { helpPath } from '../../client/src/help/help-path';
import { translations } from './translations';

const seeds = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');
const seedText = (file: string): string | null => {
  try {
    return readFileSync(path.join(seeds, file), 'utf8');
  } catch {
    return null; // the seeds live beside the repository, not in it
  }
};

describe('help centre content', () => {
  it('has every section, in order, with unique anchors, in both languages', () => {
    for (const content of [helpContentTh, helpContentEn]) {
      expect(content.sections.map((section) => section.id)).toEqual([...helpSectionIds]);
      const anchors = [
        ...content.sections.map((section) => section.id),
        ...content.sections.flatMap((section) =>
          section.blocks.flatMap((block) => (block.kind === 'h3' ? [block.id] : [])),
        ),
        ...content.faq.map((item) => item.id),
      ];
      expect(new Set(anchors).size).toBe(anchors.length);
    }
    // The same questions in both languages, the same way round.
    expect(
      helpContentEn.faq.map((item) => [item.id, item.source, item.adapted, item.section, item.levels]),
    ).toEqual(
      helpContentTh.faq.map((item) => [item.id, item.source, item.adapted, item.section, item.levels]),
    );
  });

  it('names every anchor the forms’ context help links open, in both languages', () => {
    // components/auth-card.vue users, the project form, the import, the report form, the extension panel.
    const formAnchors = [
      'sign-in',
      'activate',
      'forgot-password',
      'record-projects',
      'import-plan',
      'report-rounds',
      'request-extension',
    ];
    for (const anchor of formAnchors) {
      expect([anchor, helpAnchorTitle('th', anchor)]).not.toEqual([anchor, '']);
      expect([anchor, helpAnchorTitle('en', anchor)]).not.toEqual([anchor, '']);
    }
    expect(helpAnchorTitle('th', 'report-rounds')).toBe('การรายงานผลการดำเนินงานแต่ละรอบ');
    expect(helpAnchorTitle('th', 'activate')).toBe('เปิดใช้งานบัญชีครั้งแรก (รหัสเปิดใช้งาน)');
    expect(helpAnchorTitle('th', 'no-such-anchor')).toBe('');
    expect(helpPath('report-rounds')).toBe('/help#report-rounds');
    expect(helpContentFor('en')).toBe(helpContentEn);
    expect(helpContentFor('th')).toBe(helpContentTh);
  });

  it('gives the link an accessible name that starts with its visible text and names the section', () => {
    const { t } = translations('th');
    expect(t('help.linkLabel', { section: helpAnchorTitle('th', 'report-rounds') })).toBe(
      'ช่วยเหลือ: การรายงานผลการดำเนินงานแต่ละรอบ (เปิดในแท็บใหม่)',
    );
    expect(t('help.linkText')).toBe('ช่วยเหลือ');
    const en = translations('en');
    expect(en.t('help.linkLabel', { section: helpAnchorTitle('en', 'import-plan') })).toBe(
      'Help: Importing the plan book from a file (opens in a new tab)',
    );
  });

  it('keeps the seeds’ questions word for word where they still hold (seed 004 §12)', () => {
    const manual = seedText('004_8af5b7cf9c71fff0.txt');
    if (!manual) return;
    const flat = manual.replace(/\s+/g, ' ');
    const unchanged = helpContentTh.faq.filter((item) => item.source === 'seed-004' && !item.adapted);
    expect(unchanged.length).toBeGreaterThan(0);
    for (const item of unchanged) {
      expect(flat).toContain(item.question);
      for (const paragraph of item.answer) expect(flat).toContain(paragraph);
    }
    // Questions of the manual kept as they were, answers adapted.
    for (const id of ['faq-email-required', 'faq-print', 'faq-levels']) {
      const item = helpContentTh.faq.find((faq) => faq.id === id);
      expect(flat).toContain(item?.question);
    }
  });
});

describe('the FAQ filter', () => {
  const items = [
    { question: 'หากลืมรหัสผ่าน จะต้องทำอย่างไร', answer: ['คลิก “ลืมรหัสผ่าน”'] },
    { question: 'E-mail จำเป็นต้องกรอกหรือไม่', answer: ['จำเป็นต้องกรอก เพื่อขอรับลิงก์ตั้งรหัสผ่านใหม่'] },
    { question: 'หากต้องการพิมพ์รายงาน', answer: ['เลือกเมนู “ออกรายงาน”'] },
  ];

  it('keeps every question for an empty or blank query', () => {
    expect(filterFaq(items, '')).toEqual(items);
    expect(filterFaq(items, '   ')).toEqual(items);
  });

  it('matches the question or the answer, ignoring case, extra spaces and invisible characters', () => {
    expect(filterFaq(items, 'รหัสผ่าน')).toEqual([items[0], items[1]]);
    expect(filterFaq(items, 'e-MAIL')).toEqual([items[1]]);
    expect(filterFaq(items, 'ออก\u200bรายงาน')).toEqual([items[2]]);
    expect(filterFaq(items, '  พิมพ์   รายงาน ')).toEqual([items[2]]);
  });

  it('needs every word typed, and finds nothing for a word no question has', () => {
    expect(filterFaq(items, 'รหัสผ่าน อีเมล')).toEqual([]);
    expect(filterFaq(items, 'รหัสผ่าน ลิงก์')).toEqual([items[1]]);
    expect(filterFaq(items, 'ขยายเวลา')).toEqual([]);
    expect(queryWords(' ก  ข ')).toEqual(['ก', 'ข']);
    expect(normaliseText('\ufeffA  B')).toBe('a b');
  });

  it('finds the real FAQ’s questions about passwords and about rejected projects', () => {
    expect(filterFaq(helpContentTh.faq, 'ลืมรหัสผ่าน').map((item) => item.id)).toContain('faq-forgot-password');
    expect(filterFaq(helpContentTh.faq, 'สัญลักษณ์ปฏิเสธ').map((item) => item.id)).toEqual([
      'faq-rejected-project',
    ]);
  });
});

describe('contact channels as links', () => {
  it('dials the digits of a phone number, an extension after a pause', () => {
    expect(telHref('02-528-4800 ต่อ 3408')).toBe('tel:025284800,3408');
    expect(telHref('1205')).toBe('tel:1205');
    expect(telHref('+66 2 528 4800')).toBe('tel:+6625284800');
    expect(telHref('081-234-5678 ext. 12')).toBe('tel:0812345678,12');
    expect(telHref('')).toBeNull();
    expect(telHref(null)).toBeNull();
    expect(telHref('ไม่มี')).toBeNull();
  });

  it('links only https addresses', () => {
    expect(httpsOnly('https://www.nacc.go.th/')).toBe('https://www.nacc.go.th/');
    expect(httpsOnly(' https://www.nacc.go.th ')).toBe('https://www.nacc.go.th');
    expect(httpsOnly('http://www.nacc.go.th/')).toBeNull();
    expect(httpsOnly('javascript:alert(1)')).toBeNull();
    expect(httpsOnly('not a url')).toBeNull();
    expect(httpsOnly(null)).toBeNull();
  });

  it('opens LINE at NACC’s link, else at its official account or personal ID', () => {
    expect(lineHref({ lineUrl: 'https://lin.ee/abc', lineId: '@nacc' })).toBe('https://lin.ee/abc');
    expect(lineHref({ lineUrl: 'http://lin.ee/abc', lineId: '@nacc' })).toBe('https://line.me/R/ti/p/@nacc');
    expect(lineHref({ lineId: 'nacc.help' })).toBe('https://line.me/R/ti/p/~nacc.help');
    expect(lineHref({})).toBeNull();
    expect(mailtoHref(' helpdesk@nacc.go.th ')).toBe('mailto:helpdesk@nacc.go.th');
  });

  it('shows the contact panel only when NACC set a way to reach its help desk', () => {
    expect(hasContact(null)).toBe(false);
    expect(hasContact({ phone: null, email: '', complaintUrl: 'https://www.nacc.go.th' })).toBe(false);
    expect(hasContact({ officeHours: 'วันจันทร์–วันศุกร์' })).toBe(true);
    expect(hasContact({ lineId: '@nacc' })).toBe(true);
  });
});
