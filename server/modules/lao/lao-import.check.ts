import type { SpreadsheetLimits } from '../../config';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { readRows, type SheetRow } from '../../spreadsheet/read-rows';
import type { District } from '../geo/district.entity';
import type { Province } from '../geo/province.entity';
import {
  headerKey,
  headerOf,
  laoImportColumns,
  laoSizeLabels,
  laoTypeLabels,
  type LaoColumnKey,
  sizeByText,
  typeByText,
} from './lao-import.columns';
import { districtKey, loadPlaces, type Places, provinceKey } from './lao-import.places';
import type { LaoSize, LaoType } from './lao.enums';

export type LaoImportError = { rowNumber: number; column: string; message: string };

/** A row that passed every check: what the LAO will be. `size` undefined: the cell was empty. */
export type LaoImportRow = {
  rowNumber: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null | undefined;
  provinceId: number;
  districtId: number;
};

export type CheckedFile = {
  rowCount: number;
  rows: LaoImportRow[];
  errors: LaoImportError[];
  /** Every well-formed code of the file, even on rows with other errors: those LAOs are not "missing". */
  codes: Set<string>;
  places: Places;
};

const MAX_ROWS = 20_000;

/** Checks one row; problems go to `errors`, named by the column's header. */
const checkRow = (
  row: SheetRow<LaoColumnKey>,
  places: Places,
  errors: LaoImportError[],
  firstRowOf: Map<string, number>,
): Partial<LaoImportRow> => {
  const { cells, rowNumber } = row;
  const fail = (key: LaoColumnKey, message: string) =>
    errors.push({ rowNumber, column: headerOf[key], message });

  let code: string | undefined;
  const codeText = (cells.code ?? '').replace(/\s/g, '');
  if (!codeText) fail('code', 'กรุณาระบุรหัส อปท.');
  else if (!/^\d{7}$/.test(codeText)) fail('code', `รหัส อปท. "${codeText}" ต้องเป็นตัวเลข 7 หลัก`);
  else {
    code = codeText;
    const first = firstRowOf.get(code);
    if (first !== undefined) fail('code', `รหัส อปท. ${code} ซ้ำกับแถวที่ ${first}`);
    else firstRowOf.set(code, rowNumber);
  }

  const nameTh = (cells.name ?? '').replace(/\s+/g, ' ').trim();
  if (!nameTh) fail('name', 'กรุณาระบุชื่อ อปท.');
  else if (nameTh.length > 200) fail('name', 'ชื่อ อปท. ต้องไม่เกิน 200 ตัวอักษร');

  const typeText = cells.type ?? '';
  const type = typeText ? typeByText(typeText) : undefined;
  if (!typeText) fail('type', 'กรุณาระบุประเภท อปท.');
  else if (!type)
    fail('type', `ไม่รู้จักประเภท อปท. "${typeText}" ต้องเป็น ${Object.values(laoTypeLabels).join(' / ')}`);

  const sizeText = cells.size ?? '';
  const size = sizeText ? sizeByText(sizeText) : undefined;
  if (sizeText && !size)
    fail('size', `ไม่รู้จักขนาด "${sizeText}" ต้องเป็น ${Object.values(laoSizeLabels).join(' / ')} หรือเว้นว่าง`);

  let province: Province | undefined;
  const provinceText = cells.province ?? '';
  if (!provinceText) fail('province', 'กรุณาระบุจังหวัด (รหัส 2 หลัก หรือชื่อจังหวัด)');
  else if (/^\d+$/.test(provinceText)) {
    province = places.provinces.get(Number(provinceText));
    if (!province || provinceText.length > 2) {
      province = undefined;
      fail('province', `ไม่พบจังหวัดรหัส ${provinceText}`);
    }
  } else {
    province = places.provinceByName.get(provinceKey(provinceText));
    if (!province) fail('province', `ไม่พบจังหวัด "${provinceText}"`);
  }

  let district: District | undefined;
  const districtText = cells.district ?? '';
  if (!districtText) fail('district', 'กรุณาระบุอำเภอ (รหัส 4 หลัก หรือชื่ออำเภอ)');
  else if (/^\d+$/.test(districtText)) {
    const found = districtText.length <= 4 ? places.districts.get(Number(districtText)) : undefined;
    if (!found) fail('district', `ไม่พบอำเภอรหัส ${districtText}`);
    else if (province && found.provinceId !== province.id)
      fail('district', `อำเภอรหัส ${districtText} (${found.nameTh}) ไม่อยู่ในจังหวัด${province.nameTh}`);
    else district = found;
  } else if (province) {
    district = places.districtByName.get(`${province.id}:${districtKey(districtText)}`);
    if (!district) fail('district', `ไม่พบอำเภอ "${districtText}" ในจังหวัด${province.nameTh}`);
  }

  return {
    rowNumber,
    code,
    nameTh,
    type,
    size: sizeText ? size : undefined,
    provinceId: province?.id,
    districtId: district?.id,
  };
};

/** Reads and checks a file of the LAO list against the provinces and districts; writes nothing. */
export const checkFile = async (
  manager: EntityManager,
  fileName: string,
  content: Buffer,
  limits: SpreadsheetLimits,
): Promise<CheckedFile> => {
  const raw = await readRows(fileName, content, laoImportColumns, {
    limits,
    headerKey,
    maxRows: { count: MAX_ROWS, message: 'นำเข้าได้ครั้งละไม่เกิน 20,000 แห่ง' },
  });
  if (raw.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไม่พบข้อมูล อปท. ในไฟล์ (แถวที่ 2 เป็นต้นไป)');
  const places = await loadPlaces(manager);
  const errors: LaoImportError[] = [];
  const rows: LaoImportRow[] = [];
  const codes = new Set<string>();
  const firstRowOf = new Map<string, number>();
  for (const row of raw) {
    const before = errors.length;
    const parsed = checkRow(row, places, errors, firstRowOf);
    if (parsed.code) codes.add(parsed.code);
    if (errors.length === before) rows.push(parsed as LaoImportRow);
  }
  return { rowCount: raw.length, rows, errors, codes, places };
};
