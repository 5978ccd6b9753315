import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Role } from '../auth/role';
import { Account } from '../modules/account/account.entity';
import { SiteVisitStatus } from '../modules/follow-up/follow-up.enums';
import { ProblemReport } from '../modules/follow-up/problem-report.entity';
import { SiteVisit, SiteVisitFile, SiteVisitFileContent } from '../modules/follow-up/site-visit.entity';
import { Lao } from '../modules/lao/lao.entity';
import { RoundKind } from '../modules/report/report.enums';

/** A one-page PDF, the demo's attached visit report. */
const demoPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/**
 * Site visits and problems (นิเทศติดตาม, ปัญหา อุปสรรคและข้อเสนอแนะ) of the demo: ดินทอง filed its
 * problems with last year's and this year's 6-month rounds and was visited last June (findings and a
 * PDF); this year the Phitsanulok office has planned ดินทอง's and เทศบาลตำบลวังทอง's visits for May.
 * วังพิกุล (5650803) is left alone: the journeys start it from nothing.
 */
export const seedDemoFollowUp = async (
  manager: EntityManager,
  options: { now: Date; year: number; fallbackAccountId: string },
): Promise<void> => {
  const { year } = options;
  const office = await manager.getRepository(Account).findOneBy({ role: Role.NACC_PROVINCE, provinceId: 65 });
  const accountId = office?.id ?? options.fallbackAccountId;
  const dintong = await manager.getRepository(Lao).findOneBy({ code: '5650802' });
  const wangThong = await manager.getRepository(Lao).findOneBy({ code: '3650801' });
  if (!dintong) return;
  const gregorian = year - 543;

  await manager.getRepository(ProblemReport).insert([
    {
      laoId: dintong.id,
      fiscalYear: year - 1,
      round: RoundKind.SIX_MONTH,
      problems: 'บุคลากรผู้รับผิดชอบมีจำนวนน้อยและมีภารกิจหลายด้าน ทำให้การติดตามโครงการล่าช้า',
      suggestions: 'ขอให้สำนักงาน ป.ป.ช. จัดอบรมการรายงานผลผ่านระบบให้เจ้าหน้าที่ใหม่',
      updatedByAccountId: accountId,
    },
    {
      laoId: dintong.id,
      fiscalYear: year,
      round: RoundKind.SIX_MONTH,
      problems: 'งบประมาณโครงการฝึกอบรมคุณธรรมจริยธรรมได้รับจัดสรรน้อยกว่าที่ตั้งไว้',
      suggestions: 'ควรมีตัวอย่างโครงการมิติที่ 3 (การมีส่วนร่วมของภาคประชาชน) ที่ อปท. ขนาดเล็กทำได้',
      updatedByAccountId: accountId,
    },
  ]);

  const visits = manager.getRepository(SiteVisit);
  const lastYear = await visits.save(
    visits.create({
      laoId: dintong.id,
      fiscalYear: year - 1,
      status: SiteVisitStatus.DONE,
      plannedOn: `${gregorian - 1}-06-10`,
      visitedOn: `${gregorian - 1}-06-12`,
      officers: 'นายสมศักดิ์ ตรวจการ ผู้อำนวยการสำนักงาน ป.ป.ช. ประจำจังหวัดพิษณุโลก\nนางสาวมาลี ติดตามผล นักวิเคราะห์',
      findings: 'อปท. นำแผนไปปฏิบัติครบทั้ง 4 มิติ เผยแพร่ผลการดำเนินงานบนเว็บไซต์ มีช่องทางรับเรื่องร้องเรียนที่ใช้งานได้',
      recommendations: 'ควรประเมินผลโครงการรายไตรมาส และเพิ่มกิจกรรมการมีส่วนร่วมของภาคประชาชน',
      updatedByAccountId: accountId,
    }),
  );
  const file = await manager.getRepository(SiteVisitFile).save(
    manager.getRepository(SiteVisitFile).create({
      siteVisitId: lastYear.id,
      fileName: `รายงานผลการนิเทศติดตาม อบต.ดินทอง ${year - 1}.pdf`,
      contentType: 'application/pdf',
      sizeBytes: demoPdf.length,
      sha256: createHash('sha256').update(demoPdf).digest('hex'),
      uploadedByAccountId: accountId,
    }),
  );
  await manager.getRepository(SiteVisitFileContent).insert({ fileId: file.id, content: demoPdf });

  // This year's visits are planned for May (the seed's window: May – June).
  for (const [lao, day] of [
    [dintong, 15],
    [wangThong, 20],
  ] as const) {
    if (!lao) continue;
    await visits.insert({
      laoId: lao.id,
      fiscalYear: year,
      status: SiteVisitStatus.PLANNED,
      plannedOn: `${gregorian}-05-${day}`,
      officers: 'นายสมศักดิ์ ตรวจการ ผู้อำนวยการสำนักงาน ป.ป.ช. ประจำจังหวัดพิษณุโลก',
      updatedByAccountId: accountId,
    });
  }
};
