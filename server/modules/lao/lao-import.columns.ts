import type { SheetColumn } from '../../spreadsheet/read-rows';
import { LaoSize, LaoType } from './lao.enums';

/** Columns of the DLA master list template, in order; `aliases` are other headers DLA files use. */
export const laoImportColumns = [
  {
    key: 'code',
    header: 'รหัส อปท.',
    aliases: ['รหัส', 'รหัสองค์กรปกครองส่วนท้องถิ่น', 'code'],
    width: 12,
    required: true,
  },
  {
    key: 'name',
    header: 'ชื่อ อปท.',
    aliases: ['ชื่อ', 'ชื่อองค์กรปกครองส่วนท้องถิ่น', 'name'],
    width: 45,
    required: true,
  },
  {
    key: 'type',
    header: 'ประเภท อปท.',
    aliases: ['ประเภท', 'ประเภทองค์กรปกครองส่วนท้องถิ่น', 'type'],
    width: 26,
    required: true,
  },
  { key: 'size', header: 'ขนาด', aliases: ['ขนาด อปท.', 'size'], width: 10, required: false },
  { key: 'province', header: 'จังหวัด', aliases: ['รหัสจังหวัด', 'province'], width: 18, required: true },
  {
    key: 'district',
    header: 'อำเภอ',
    aliases: ['อำเภอ/เขต', 'รหัสอำเภอ', 'district'],
    width: 18,
    required: true,
  },
] as const satisfies readonly SheetColumn[];

export type LaoColumnKey = (typeof laoImportColumns)[number]['key'];

/** Thai labels (ประเภท อปท.), as DLA writes them; abbreviations are accepted too. */
export const laoTypeLabels: Record<LaoType, string> = {
  PAO: 'องค์การบริหารส่วนจังหวัด',
  CITY_MUNICIPALITY: 'เทศบาลนคร',
  TOWN_MUNICIPALITY: 'เทศบาลเมือง',
  SUBDISTRICT_MUNICIPALITY: 'เทศบาลตำบล',
  SAO: 'องค์การบริหารส่วนตำบล',
  PATTAYA: 'เมืองพัทยา',
  BANGKOK: 'กรุงเทพมหานคร',
};
const laoTypeAbbreviations: Record<LaoType, string[]> = {
  PAO: ['อบจ'],
  CITY_MUNICIPALITY: ['ทน'],
  TOWN_MUNICIPALITY: ['ทม'],
  SUBDISTRICT_MUNICIPALITY: ['ทต'],
  SAO: ['อบต'],
  PATTAYA: ['พัทยา'],
  BANGKOK: ['กทม', 'กรุงเทพฯ'],
};
export const laoSizeLabels: Record<LaoSize, string> = { SMALL: 'เล็ก', MEDIUM: 'กลาง', LARGE: 'ใหญ่' };

/** Comparison form of a label: no spaces or dots, upper case (for enum names). */
const squeeze = (text: string): string => text.replace(/[\s.]/g, '').toUpperCase();
/** Comparison form of a header: DLA's files space and dot them in many ways. */
export const headerKey = (text: string): string => text.replace(/[\s.]/g, '').toLowerCase();
export const headerOf = Object.fromEntries(laoImportColumns.map((c) => [c.key, c.header])) as Record<
  LaoColumnKey,
  string
>;

const typeOfText = new Map<string, LaoType>();
for (const type of Object.values(LaoType)) {
  typeOfText.set(squeeze(type), type);
  typeOfText.set(squeeze(laoTypeLabels[type]), type);
  for (const abbreviation of laoTypeAbbreviations[type]) typeOfText.set(squeeze(abbreviation), type);
}
const sizeOfText = new Map<string, LaoSize>();
for (const size of Object.values(LaoSize)) {
  sizeOfText.set(squeeze(size), size);
  sizeOfText.set(squeeze(laoSizeLabels[size]), size);
  sizeOfText.set(squeeze(`ขนาด${laoSizeLabels[size]}`), size);
}

/** The type a cell names (Thai label, abbreviation or enum name), if any. */
export const typeByText = (text: string): LaoType | undefined => typeOfText.get(squeeze(text));
/** The size a cell names (Thai label, with or without "ขนาด", or enum name), if any. */
export const sizeByText = (text: string): LaoSize | undefined => sizeOfText.get(squeeze(text));
