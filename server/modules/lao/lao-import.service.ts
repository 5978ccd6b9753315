import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { DataSource, EntityManager } from 'typeorm';
import { canEditLaoMasterData, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, forbidden } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';
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
] as const;

type ColumnKey = (typeof laoImportColumns)[number]['key'];
type RawRow = { rowNumber: number; cells: Partial<Record<ColumnKey, string>> };

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

/** Most items in each list of a preview or result (the counts are always complete). */
export const LIST_LIMIT = 200;
/** Most row errors returned (a file in the wrong shape can have tens of thousands). */
export const ERROR_LIMIT = 1000;
const MAX_ROWS = 20_000;
const UPSERT_CHUNK = 2000;
/** Serialises imports of the master list (pg_advisory_xact_lock key). */
const IMPORT_LOCK = 7_852_001;

/** Comparison form of a label: no spaces or dots, upper case (for enum names). */
const squeeze = (text: string): string => text.replace(/[\s.]/g, '').toUpperCase();
const headerKey = (text: string): string => text.replace(/[\s.]/g, '').toLowerCase();
const headerOf = Object.fromEntries(laoImportColumns.map((c) => [c.key, c.header])) as Record<
  ColumnKey,
  string
>;

const typeByText = new Map<string, LaoType>();
for (const type of Object.values(LaoType)) {
  typeByText.set(squeeze(type), type);
  typeByText.set(squeeze(laoTypeLabels[type]), type);
  for (const abbreviation of laoTypeAbbreviations[type]) typeByText.set(squeeze(abbreviation), type);
}
const sizeByText = new Map<string, LaoSize>();
for (const size of Object.values(LaoSize)) {
  sizeByText.set(squeeze(size), size);
  sizeByText.set(squeeze(laoSizeLabels[size]), size);
  sizeByText.set(squeeze(`ขนาด${laoSizeLabels[size]}`), size);
}

const provinceKey = (text: string): string =>
  text
    .replace(/\s/g, '')
    .replace(/^(จังหวัด|จ\.)/, '')
    .toLowerCase();
const districtKey = (text: string): string =>
  text
    .replace(/\s/g, '')
    .replace(/^(กิ่งอำเภอ|อำเภอ|เขต|อ\.)/, '')
    .toLowerCase();

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
};

/** Reads the rows of an XLSX or CSV file, locating columns by their header text. */
const readRows = async (fileName: string, content: Buffer): Promise<RawRow[]> => {
  let table: string[][];
  if (/\.csv$/i.test(fileName)) {
    try {
      table = parseCsv(content, { bom: true, relaxColumnCount: true, skipEmptyLines: false }) as string[][];
    } catch {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'อ่านไฟล์ CSV ไม่ได้ กรุณาบันทึกเป็น CSV UTF-8 จากแบบฟอร์มของระบบ');
    }
  } else if (/\.xlsx$/i.test(fileName)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'อ่านไฟล์ไม่ได้ กรุณาใช้ไฟล์ .xlsx หรือ .csv จากแบบฟอร์มของระบบ');
    }
    const sheet = workbook.worksheets[0];
    table = [];
    sheet?.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        values[column - 1] = cellText(cell.value).trim();
      });
      table[rowNumber - 1] = values;
    });
  } else {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'รองรับเฉพาะไฟล์ .xlsx หรือ .csv');
  }
  const header = Array.from(table[0] ?? [], (text) => headerKey(text ?? ''));
  const indexOf = new Map<ColumnKey, number>();
  for (const column of laoImportColumns) {
    const names = [column.header, ...column.aliases].map(headerKey);
    const index = header.findIndex((text) => names.includes(text));
    if (index >= 0) indexOf.set(column.key, index);
  }
  const missing = laoImportColumns.filter((c) => c.required && !indexOf.has(c.key));
  if (missing.length > 0) {
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `ไม่พบคอลัมน์ ${missing.map((c) => `"${c.header}"`).join(', ')} ในแถวแรกของไฟล์ กรุณาใช้แบบฟอร์มของระบบ`,
    );
  }
  const rows: RawRow[] = [];
  for (let index = 1; index < table.length; index += 1) {
    const values = table[index];
    const cells: RawRow['cells'] = {};
    for (const [key, column] of indexOf) cells[key] = (values?.[column] ?? '').trim();
    if (Object.values(cells).some(Boolean)) rows.push({ rowNumber: index + 1, cells });
  }
  return rows;
};

type Places = {
  provinces: Map<number, Province>;
  districts: Map<number, District>;
  provinceByName: Map<string, Province>;
  /** `${provinceId}:${name}` → district. */
  districtByName: Map<string, District>;
};

type ExistingLao = {
  id: number;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null;
  provinceId: number;
  districtId: number;
};

export type LaoChange = {
  rowNumber: number;
  laoId: string | null;
  code: string;
  nameTh: string;
  previousNameTh: string | null;
  type: LaoType;
  previousType: LaoType | null;
  size: LaoSize | null;
  previousSize: LaoSize | null;
  provinceId: string;
  provinceNameTh: string;
  previousProvinceNameTh: string | null;
  districtId: string;
  districtNameTh: string;
  previousDistrictNameTh: string | null;
};

export type MissingLao = {
  laoId: string;
  code: string;
  nameTh: string;
  provinceNameTh: string;
  districtNameTh: string;
  hasData: boolean;
  dataKinds: string[];
};

export type LaoChangeSet = {
  created: LaoChange[];
  renamed: LaoChange[];
  moved: LaoChange[];
  retyped: LaoChange[];
  unchangedCount: number;
  missing: MissingLao[];
  /** Rows to write: new LAOs and changed ones. */
  writes: LaoImportRow[];
};

export type CheckedFile = {
  rowCount: number;
  rows: LaoImportRow[];
  errors: LaoImportError[];
  /** Every well-formed code of the file, even on rows with other errors: those LAOs are not "missing". */
  codes: Set<string>;
  places: Places;
};

/** A table column that refers to an LAO; any row in it means the LAO has data. */
type DataReference = { kind: string; table: string; column: string };

/** Tables that carry an LAO id without a foreign key (reports reach the LAO through their project). */
const referencesWithoutForeignKey = ['report', 'change_event', 'round_reminder'];

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * NACC central imports the national LAO master list from DLA: every row is
 * checked, the change set against the database is previewed, and the import
 * upserts by code in one transaction, only when the whole file is valid. An LAO
 * that has data is never deleted.
 */
export class LaoImportService {
  private references: Promise<DataReference[]> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Reads and checks the file; writes nothing. */
  async check(viewer: Viewer, fileName: string, contentBase64: string): Promise<CheckedFile> {
    requireSignedIn(viewer);
    if (!canEditLaoMasterData(viewer)) throw forbidden();
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไฟล์ว่างเปล่า');
    const raw = await readRows(fileName, content);
    if (raw.length === 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไม่พบข้อมูล อปท. ในไฟล์ (แถวที่ 2 เป็นต้นไป)');
    if (raw.length > MAX_ROWS) throw new AppError(ErrorCode.BAD_USER_INPUT, 'นำเข้าได้ครั้งละไม่เกิน 20,000 แห่ง');
    const places = await this.places(this.dataSource.manager);
    const errors: LaoImportError[] = [];
    const rows: LaoImportRow[] = [];
    const codes = new Set<string>();
    const firstRowOf = new Map<string, number>();
    for (const row of raw) {
      const before = errors.length;
      const parsed = this.parseRow(row, places, errors, firstRowOf);
      if (parsed.code) codes.add(parsed.code);
      if (errors.length === before) rows.push(parsed as LaoImportRow);
    }
    return { rowCount: raw.length, rows, errors, codes, places };
  }

  /** What importing the checked rows would change; reads only. */
  async changeSet(manager: EntityManager, file: CheckedFile): Promise<LaoChangeSet> {
    const existing = (await manager.query(
      `SELECT id, code, name_th AS "nameTh", type, size, province_id AS "provinceId", district_id AS "districtId"
         FROM lao`,
    )) as ExistingLao[];
    const byCode = new Map(existing.map((lao) => [lao.code, lao]));
    const { provinces, districts } = file.places;
    const provinceName = (id: number) => provinces.get(id)?.nameTh ?? String(id);
    const districtName = (id: number) => districts.get(id)?.nameTh ?? String(id);
    const set: LaoChangeSet = {
      created: [],
      renamed: [],
      moved: [],
      retyped: [],
      unchangedCount: 0,
      missing: [],
      writes: [],
    };
    for (const row of file.rows) {
      const current = byCode.get(row.code);
      const size = row.size === undefined ? (current?.size ?? null) : row.size;
      const change: LaoChange = {
        rowNumber: row.rowNumber,
        laoId: current ? String(current.id) : null,
        code: row.code,
        nameTh: row.nameTh,
        previousNameTh: current?.nameTh ?? null,
        type: row.type,
        previousType: current?.type ?? null,
        size,
        previousSize: current?.size ?? null,
        provinceId: String(row.provinceId),
        provinceNameTh: provinceName(row.provinceId),
        previousProvinceNameTh: current ? provinceName(current.provinceId) : null,
        districtId: String(row.districtId),
        districtNameTh: districtName(row.districtId),
        previousDistrictNameTh: current ? districtName(current.districtId) : null,
      };
      if (!current) {
        set.created.push(change);
        set.writes.push(row);
        continue;
      }
      const renamed = current.nameTh !== row.nameTh;
      const moved = current.provinceId !== row.provinceId || current.districtId !== row.districtId;
      const retyped = current.type !== row.type || current.size !== size;
      if (renamed) set.renamed.push(change);
      if (moved) set.moved.push(change);
      if (retyped) set.retyped.push(change);
      if (renamed || moved || retyped) set.writes.push(row);
      else set.unchangedCount += 1;
    }
    const missing = existing
      .filter((lao) => !file.codes.has(lao.code))
      .sort((a, b) => a.code.localeCompare(b.code));
    const kinds = await this.dataKinds(
      manager,
      missing.map((lao) => lao.id),
    );
    set.missing = missing.map((lao) => ({
      laoId: String(lao.id),
      code: lao.code,
      nameTh: lao.nameTh,
      provinceNameTh: provinceName(lao.provinceId),
      districtNameTh: districtName(lao.districtId),
      hasData: (kinds.get(lao.id) ?? []).length > 0,
      dataKinds: kinds.get(lao.id) ?? [],
    }));
    return set;
  }

  /** Checks the file and computes its change set; writes nothing. */
  async preview(viewer: Viewer, fileName: string, contentBase64: string) {
    const file = await this.check(viewer, fileName, contentBase64);
    const set = await this.changeSet(this.dataSource.manager, file);
    return { file, set };
  }

  /**
   * Upserts every row by code in one transaction, or writes nothing when any row is wrong.
   * Missing LAOs are deleted only when asked, and only those without data.
   */
  async import(viewer: Viewer, fileName: string, contentBase64: string, deleteMissing: boolean) {
    const file = await this.check(viewer, fileName, contentBase64);
    if (file.errors.length > 0) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `ไฟล์มีข้อผิดพลาด ${file.errors.length.toLocaleString('th-TH')} แห่ง ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าอีกครั้ง`,
        { rowErrors: file.errors.slice(0, ERROR_LIMIT), errorCount: file.errors.length },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const set = await this.changeSet(manager, file);
      await this.upsert(manager, set.writes);
      const renamedIds = set.renamed.map((change) => Number(change.laoId));
      if (renamedIds.length > 0) {
        // The account of an LAO is shown under the LAO's name.
        await manager.query(
          `UPDATE account SET display_name = lao.name_th, updated_at = now()
             FROM lao WHERE account.lao_id = lao.id AND lao.id = ANY($1::int[])`,
          [renamedIds],
        );
      }
      let deletedIds = new Set<string>();
      if (deleteMissing) {
        const candidates = set.missing.filter((lao) => !lao.hasData).map((lao) => Number(lao.laoId));
        deletedIds = await this.deleteWithoutData(manager, candidates);
      }
      const deleted = set.missing.filter((lao) => deletedIds.has(lao.laoId));
      const kept = set.missing.filter((lao) => !deletedIds.has(lao.laoId));
      const updated = new Set([...set.renamed, ...set.moved, ...set.retyped].map((change) => change.code));
      return {
        rowCount: file.rowCount,
        createdCount: set.created.length,
        updatedCount: updated.size,
        renamedCount: set.renamed.length,
        movedCount: set.moved.length,
        retypedCount: set.retyped.length,
        unchangedCount: set.unchangedCount,
        missingCount: set.missing.length,
        deletedCount: deleted.length,
        keptCount: kept.length,
        listLimit: LIST_LIMIT,
        deleted: deleted.slice(0, LIST_LIMIT),
        kept: kept.slice(0, LIST_LIMIT),
      };
    });
  }

  /** The template workbook: the data sheet, how to fill it, and the province and district codes. */
  async templateXlsx(): Promise<Buffer> {
    const places = await this.places(this.dataSource.manager);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'ระบบติดตามแผนปฏิบัติการป้องกันการทุจริตของ อปท.';
    const sheet = workbook.addWorksheet('อปท.', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = laoImportColumns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    // Codes are text: Excel must not drop leading zeros or turn them into numbers.
    sheet.getColumn('code').numFmt = '@';
    const help = workbook.addWorksheet('คำอธิบาย');
    help.columns = [
      { header: 'คอลัมน์', width: 20 },
      { header: 'วิธีกรอก', width: 100 },
    ];
    help.getRow(1).font = { bold: true };
    help.addRows([
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
    ]);
    const codes = workbook.addWorksheet('รหัสจังหวัดและอำเภอ', { views: [{ state: 'frozen', ySplit: 1 }] });
    codes.columns = [
      { header: 'รหัสจังหวัด', width: 12 },
      { header: 'จังหวัด', width: 22 },
      { header: 'รหัสอำเภอ', width: 12 },
      { header: 'อำเภอ', width: 26 },
    ];
    codes.getRow(1).font = { bold: true };
    const districts = [...places.districts.values()].sort((a, b) => a.id - b.id);
    codes.addRows(
      districts.map((district) => [
        String(district.provinceId).padStart(2, '0'),
        places.provinces.get(district.provinceId)?.nameTh ?? '',
        String(district.id).padStart(4, '0'),
        district.nameTh,
      ]),
    );
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** The same template as UTF-8 CSV with a BOM, so Excel opens Thai correctly. */
  templateCsv(): string {
    return `\uFEFF${laoImportColumns.map((c) => `"${c.header}"`).join(',')}\r\n`;
  }

  private async places(manager: EntityManager): Promise<Places> {
    const [provinceList, districtList] = await Promise.all([
      manager.getRepository(Province).find(),
      manager.getRepository(District).find(),
    ]);
    const provinces = new Map(provinceList.map((p) => [p.id, p]));
    const districts = new Map(districtList.map((d) => [d.id, d]));
    const provinceByName = new Map<string, Province>();
    for (const province of provinceList) {
      provinceByName.set(provinceKey(province.nameTh), province);
      provinceByName.set(provinceKey(province.nameEn), province);
    }
    const bangkok = provinceList.find((p) => p.nameTh === 'กรุงเทพมหานคร');
    if (bangkok)
      for (const alias of ['กรุงเทพฯ', 'กทม.', 'กทม']) provinceByName.set(provinceKey(alias), bangkok);
    const districtByName = new Map<string, District>();
    for (const district of districtList) {
      districtByName.set(`${district.provinceId}:${districtKey(district.nameTh)}`, district);
      districtByName.set(`${district.provinceId}:${districtKey(district.nameEn)}`, district);
    }
    return { provinces, districts, provinceByName, districtByName };
  }

  /** Checks one row; problems go to `errors`, named by the column's header. */
  private parseRow(
    row: RawRow,
    places: Places,
    errors: LaoImportError[],
    firstRowOf: Map<string, number>,
  ): Partial<LaoImportRow> {
    const { cells, rowNumber } = row;
    const fail = (key: ColumnKey, message: string) =>
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
    const type = typeText ? typeByText.get(squeeze(typeText)) : undefined;
    if (!typeText) fail('type', 'กรุณาระบุประเภท อปท.');
    else if (!type)
      fail('type', `ไม่รู้จักประเภท อปท. "${typeText}" ต้องเป็น ${Object.values(laoTypeLabels).join(' / ')}`);

    const sizeText = cells.size ?? '';
    const size = sizeText ? sizeByText.get(squeeze(sizeText)) : undefined;
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
  }

  /** Columns that refer to an LAO: every foreign key to `lao`, plus the few LAO ids kept without one. */
  private dataReferences(): Promise<DataReference[]> {
    this.references ??= (async () => {
      const foreign = (await this.dataSource.query(
        `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'lao'::regclass AND c.conrelid <> 'lao'::regclass
          ORDER BY 1, 2`,
      )) as { table: string; column: string }[];
      const plain = (await this.dataSource.query(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name = 'lao_id' AND table_name = ANY($1)
          ORDER BY 1`,
        [referencesWithoutForeignKey],
      )) as { table: string; column: string }[];
      const seen = new Set<string>();
      const references: DataReference[] = [];
      for (const { table, column } of foreign) {
        const kind = table.replace(/^.*\./, '').replace(/"/g, '');
        seen.add(`${kind}.${column}`);
        references.push({ kind, table, column: quoteIdent(column) });
      }
      for (const { table, column } of plain) {
        if (seen.has(`${table}.${column}`)) continue;
        references.push({ kind: table, table: quoteIdent(table), column: quoteIdent(column) });
      }
      return references;
    })();
    return this.references;
  }

  /** For each LAO id, the kinds of data that refer to it (only ids with some data appear). */
  private async dataKinds(manager: EntityManager, ids: number[]): Promise<Map<number, string[]>> {
    const result = new Map<number, string[]>();
    if (ids.length === 0) return result;
    const references = await this.dataReferences();
    if (references.length === 0) return result;
    const kinds = references
      .map(
        (ref, index) =>
          `CASE WHEN EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.column} = l.id) THEN $${index + 2}::text END`,
      )
      .join(', ');
    const rows = (await manager.query(
      `SELECT l.id, array_remove(ARRAY[${kinds}], NULL) AS kinds FROM lao l WHERE l.id = ANY($1::int[])`,
      [ids, ...references.map((ref) => ref.kind)],
    )) as { id: number; kinds: string[] }[];
    for (const row of rows) {
      const unique = [...new Set(row.kinds)];
      if (unique.length > 0) result.set(row.id, unique);
    }
    return result;
  }

  /** Deletes the LAOs that still have no data (checked again in the same statement). */
  private async deleteWithoutData(manager: EntityManager, ids: number[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const references = await this.dataReferences();
    const noData = references
      .map((ref) => `AND NOT EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.column} = lao.id)`)
      .join(' ');
    const rows = (await manager.query(`DELETE FROM lao WHERE id = ANY($1::int[]) ${noData} RETURNING id`, [
      ids,
    ])) as [{ id: number }[], number] | { id: number }[];
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const deleted = Array.isArray(rows[0]) ? (rows[0] as { id: number }[]) : (rows as { id: number }[]);
    return new Set(deleted.map((row) => String(row.id)));
  }

  /** INSERT … ON CONFLICT (code) DO UPDATE in chunks; a changed row gets a new version. */
  private async upsert(manager: EntityManager, rows: LaoImportRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
      const chunk = rows.slice(start, start + UPSERT_CHUNK);
      await manager.query(
        `INSERT INTO lao (code, name_th, type, size, province_id, district_id, version)
         SELECT r.code, r.name_th, r.type, r.size, r.province_id, r.district_id, 1
           FROM unnest($1::text[], $2::text[], $3::lao_type[], $4::lao_size[], $5::smallint[], $6::smallint[])
                AS r(code, name_th, type, size, province_id, district_id)
         ON CONFLICT (code) DO UPDATE SET
           name_th = EXCLUDED.name_th,
           type = EXCLUDED.type,
           size = COALESCE(EXCLUDED.size, lao.size),
           province_id = EXCLUDED.province_id,
           district_id = EXCLUDED.district_id,
           version = lao.version + 1,
           updated_at = now()
         WHERE (lao.name_th, lao.type, lao.size, lao.province_id, lao.district_id)
               IS DISTINCT FROM
               (EXCLUDED.name_th, EXCLUDED.type, COALESCE(EXCLUDED.size, lao.size), EXCLUDED.province_id, EXCLUDED.district_id)`,
        [
          chunk.map((row) => row.code),
          chunk.map((row) => row.nameTh),
          chunk.map((row) => row.type),
          chunk.map((row) => row.size ?? null),
          chunk.map((row) => row.provinceId),
          chunk.map((row) => row.districtId),
        ],
      );
    }
  }
}
