import { addHelpSheet, addSheet, templateWorkbook, workbookBuffer } from '../../spreadsheet/template';
import { laoImportColumns, laoSizeLabels, laoTypeLabels } from './lao-import.columns';
import type { Places } from './lao-import.places';

/** The template workbook: the data sheet, how to fill it, and the province and district codes. */
export const laoTemplateXlsx = async (places: Places): Promise<Buffer> => {
  const workbook = templateWorkbook();
  const sheet = addSheet(workbook, 'อปท.', laoImportColumns);
  // Codes are text: Excel must not drop leading zeros or turn them into numbers.
  sheet.getColumn('code').numFmt = '@';
  addHelpSheet(
    workbook,
    [20, 100],
    [
      ['รหัส อปท.', 'จำเป็น ตัวเลข 7 หลักตามที่กรมส่งเสริมการปกครองท้องถิ่นกำหนด ห้ามซ้ำกันในไฟล์'],
      ['ชื่อ อปท.', 'จำเป็น ชื่อเต็มภาษาไทย ไม่เกิน 200 ตัวอักษร เช่น องค์การบริหารส่วนตำบลดินทอง'],
      [
        'ประเภท อปท.',
        `จำเป็น ${Object.values(laoTypeLabels).join(' / ')} (หรือ อบจ. / ทน. / ทม. / ทต. / อบต.)`,
      ],
      ['ขนาด', `ไม่บังคับ ${Object.values(laoSizeLabels).join(' / ')} เว้นว่างไว้ = คงขนาดเดิมในระบบ`],
      ['จังหวัด', 'จำเป็น รหัสจังหวัด 2 หลัก หรือชื่อจังหวัด (ดูแผ่นงาน "รหัสจังหวัดและอำเภอ")'],
      ['อำเภอ', 'จำเป็น รหัสอำเภอ 4 หลัก หรือชื่ออำเภอ/เขต ต้องอยู่ในจังหวัดที่ระบุ'],
      [
        'อปท. ที่ไม่มีในไฟล์',
        'ระบบจะแสดงรายการให้ตรวจสอบ และลบได้เฉพาะ อปท. ที่ยังไม่มีข้อมูลใด ๆ (บัญชีผู้ใช้ รหัสเปิดใช้งาน แผน โครงการ รายงานผล)',
      ],
    ],
  );
  const codes = addSheet(workbook, 'รหัสจังหวัดและอำเภอ', [
    { header: 'รหัสจังหวัด', width: 12 },
    { header: 'จังหวัด', width: 22 },
    { header: 'รหัสอำเภอ', width: 12 },
    { header: 'อำเภอ', width: 26 },
  ]);
  const districts = [...places.districts.values()].sort((a, b) => a.id - b.id);
  codes.addRows(
    districts.map((district) => [
      String(district.provinceId).padStart(2, '0'),
      places.provinces.get(district.provinceId)?.nameTh ?? '',
      String(district.id).padStart(4, '0'),
      district.nameTh,
    ]),
  );
  return workbookBuffer(workbook);
};
