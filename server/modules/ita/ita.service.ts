import type { SpreadsheetLimits } from '../../config';
import type { DataSource, EntityManager } from 'typeorm';
import { can, requireCan, requireSignedIn } from '../../auth/policy';
import type { SignedInViewer, Viewer } from '../../auth/viewer';
import { AppError, forbidden } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { readRows, type SheetColumn } from '../../spreadsheet/read-rows';
import {
  addHelpSheet,
  addSheet,
  csvTemplate,
  templateWorkbook,
  workbookBuffer,
} from '../../spreadsheet/template';
import type { HistoryService } from '../history/history.service';
import { Lao } from '../lao/lao.entity';
import type { ImportRowError } from '../project/project-import.types';
import { ItaScore } from './ita-score.entity';
import { isItaScore, itaScoreMessage } from './ita.types';
import type { DatabaseTimeouts } from '../../config';
import { transactionWith } from '../../db/bounded-waits';

/** Most row errors returned, most rows previewed. */
const ERROR_LIMIT = 1000;
const PREVIEW_LIMIT = 200;
/** More rows than LAOs in a few years is not an ITA file. */
const MAX_ROWS = 50_000;
/** Serialises ITA imports (pg_advisory_xact_lock key). */
const IMPORT_LOCK = 7_852_023;

type ItaColumn = 'code' | 'fiscalYear' | 'score';

export const itaImportColumns: readonly SheetColumn<ItaColumn>[] = [
  { key: 'code', header: 'รหัส อปท.', width: 12, aliases: ['รหัส', 'code', 'lao_code'], required: true },
  {
    key: 'fiscalYear',
    header: 'ปีงบประมาณ',
    width: 12,
    aliases: ['ปี', 'fiscal_year', 'year'],
    required: true,
  },
  { key: 'score', header: 'คะแนน ITA', width: 12, aliases: ['คะแนน', 'ITA', 'score'], required: true },
];

type CheckedRow = {
  rowNumber: number;
  laoId: number;
  code: string;
  laoNameTh: string;
  fiscalYear: number;
  score: string;
};
type CheckedFile = { rowCount: number; rows: CheckedRow[]; errors: ImportRowError[] };

/** A score as the database gives it back (two decimals), for comparing with a file's. */
const twoDecimals = (score: string): string => Number(score).toFixed(2);

/**
 * ITA scores (legacy `scoreita`, LEGACY.md §1.8, §3.11): one per LAO and fiscal year, entered by
 * NACC central one at a time or imported from a spreadsheet (LAO code, year, score), every row
 * checked and nothing written unless all are right. Each change is kept in the change history.
 */
export class ItaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
    private readonly limits: SpreadsheetLimits,
    /** The long work's bounds on the database (DATABASE_LONG_*): an import writes many rows at once. */
    private readonly timeouts: DatabaseTimeouts,
  ) {}

  /** NACC central records (or replaces) an LAO's ITA score of a year. */
  async set(viewer: Viewer, input: { laoId: number; fiscalYear: number; score: string }): Promise<ItaScore> {
    const actor = requireSignedIn(viewer);
    return this.dataSource.transaction(async (manager) => {
      const lao = await manager.getRepository(Lao).findOneBy({ id: input.laoId });
      requireCan(viewer, 'ita.record', lao, lao, 'อปท.');
      return this.write(manager, actor, { ...input, laoId: input.laoId }, 'UPDATE');
    });
  }

  /** Upserts one score and records the change; returns the row as stored. */
  private async write(
    manager: EntityManager,
    actor: SignedInViewer,
    input: { laoId: number; fiscalYear: number; score: string },
    action: 'UPDATE' | 'IMPORT',
  ): Promise<ItaScore> {
    const repository = manager.getRepository(ItaScore);
    const before = await repository.findOne({
      where: { laoId: input.laoId, fiscalYear: input.fiscalYear },
      lock: { mode: 'pessimistic_write' },
    });
    if (before && before.score === twoDecimals(input.score)) return before;
    await manager.query(
      `INSERT INTO ita_score (lao_id, fiscal_year, score, recorded_by_account_id, version)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (lao_id, fiscal_year) DO UPDATE
         SET score = EXCLUDED.score, recorded_by_account_id = EXCLUDED.recorded_by_account_id,
             version = ita_score.version + 1, updated_at = now()`,
      [input.laoId, input.fiscalYear, input.score, actor.accountId],
    );
    const after = await repository.findOneByOrFail({ laoId: input.laoId, fiscalYear: input.fiscalYear });
    await this.history.record(manager, actor, [
      {
        entityType: 'ITA_SCORE',
        entityId: after.id,
        laoId: input.laoId,
        action: before ? action : action === 'IMPORT' ? 'IMPORT' : 'CREATE',
        before,
        after,
      },
    ]);
    return after;
  }

  /** Reads and checks an import file; writes nothing. */
  async check(viewer: Viewer, fileName: string, contentBase64: string): Promise<CheckedFile> {
    requireSignedIn(viewer);
    if (!can(viewer, 'ita.record')) throw forbidden();
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไฟล์ว่างเปล่า');
    const sheet = await readRows(fileName, content, itaImportColumns, {
      limits: this.limits,
      maxRows: {
        count: MAX_ROWS,
        message: `ไฟล์มีข้อมูลเกิน ${MAX_ROWS.toLocaleString('th-TH')} แถว กรุณาแบ่งไฟล์แล้วนำเข้าทีละส่วน`,
      },
    });
    const codes = [...new Set(sheet.map((row) => row.cells.code ?? ''))];
    const laos: { id: number; code: string; name_th: string }[] = await this.dataSource.query(
      `SELECT id, code, name_th FROM lao WHERE code = ANY($1)`,
      [codes],
    );
    const byCode = new Map(laos.map((lao) => [lao.code, lao]));
    const errors: ImportRowError[] = [];
    const rows: CheckedRow[] = [];
    const seen = new Map<string, number>();
    for (const { rowNumber, cells } of sheet) {
      const error = (column: ItaColumn, message: string) =>
        errors.push({ rowNumber, column: itaImportColumns.find((c) => c.key === column)!.header, message });
      const code = cells.code ?? '';
      const yearText = cells.fiscalYear ?? '';
      const score = (cells.score ?? '').replace(/,/g, '');
      const lao = byCode.get(code);
      if (!/^\d{7}$/.test(code)) error('code', 'กรุณากรอกรหัส อปท. เป็นตัวเลข 7 หลัก');
      else if (!lao) error('code', `ไม่พบ อปท. รหัส ${code} ในระบบ`);
      const fiscalYear = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || fiscalYear < 2500 || fiscalYear > 2700)
        error('fiscalYear', 'กรุณากรอกปีงบประมาณเป็นปี พ.ศ. 4 หลัก เช่น 2566');
      if (!isItaScore(score)) error('score', itaScoreMessage);
      const key = `${code}:${yearText}`;
      const first = seen.get(key);
      if (first !== undefined)
        error('code', `รหัส อปท. ${code} ปีงบประมาณ ${yearText} ซ้ำกับแถวที่ ${first} กรุณาเหลือไว้แถวเดียว`);
      else seen.set(key, rowNumber);
      if (lao && errors.length === 0)
        rows.push({ rowNumber, laoId: lao.id, code, laoNameTh: lao.name_th, fiscalYear, score });
    }
    if (sheet.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไม่พบข้อมูลในไฟล์ (มีแต่แถวหัวตาราง)');
    return { rowCount: sheet.length, rows: errors.length ? [] : rows, errors };
  }

  async preview(viewer: Viewer, fileName: string, contentBase64: string) {
    const file = await this.check(viewer, fileName, contentBase64);
    const shown = file.rows.slice(0, PREVIEW_LIMIT);
    const previous: { lao_id: number; fiscal_year: number; score: string }[] = shown.length
      ? await this.dataSource.query(
          `SELECT lao_id, fiscal_year, score::text FROM ita_score
            WHERE (lao_id, fiscal_year) IN (SELECT * FROM unnest($1::int[], $2::int[]))`,
          [shown.map((row) => row.laoId), shown.map((row) => row.fiscalYear)],
        )
      : [];
    const before = new Map(previous.map((row) => [`${row.lao_id}:${row.fiscal_year}`, row.score]));
    return {
      rowCount: file.rowCount,
      valid: file.errors.length === 0,
      errorCount: file.errors.length,
      errors: file.errors.slice(0, ERROR_LIMIT),
      rows: shown.map((row) => ({
        rowNumber: row.rowNumber,
        code: row.code,
        laoNameTh: row.laoNameTh,
        fiscalYear: row.fiscalYear,
        score: twoDecimals(row.score),
        previousScore: before.get(`${row.laoId}:${row.fiscalYear}`) ?? null,
      })),
    };
  }

  /** Records every row in one transaction, or nothing when any row is wrong. */
  async import(viewer: Viewer, fileName: string, contentBase64: string) {
    const actor = requireSignedIn(viewer);
    const file = await this.check(viewer, fileName, contentBase64);
    if (file.errors.length > 0)
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `ไฟล์มีข้อผิดพลาด ${file.errors.length.toLocaleString('th-TH')} แห่ง ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าอีกครั้ง`,
        { rowErrors: file.errors.slice(0, ERROR_LIMIT), errorCount: file.errors.length },
      );
    return transactionWith(this.dataSource, this.timeouts, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      let createdCount = 0;
      let updatedCount = 0;
      let unchangedCount = 0;
      for (const row of file.rows) {
        const before = await manager
          .getRepository(ItaScore)
          .findOneBy({ laoId: row.laoId, fiscalYear: row.fiscalYear });
        if (before && before.score === twoDecimals(row.score)) {
          unchangedCount += 1;
          continue;
        }
        await this.write(manager, actor, row, 'IMPORT');
        if (before) updatedCount += 1;
        else createdCount += 1;
      }
      return { rowCount: file.rowCount, createdCount, updatedCount, unchangedCount };
    });
  }

  templateCsv(): string {
    return csvTemplate(itaImportColumns);
  }

  async templateXlsx(): Promise<Buffer> {
    const workbook = templateWorkbook();
    const sheet = addSheet(workbook, 'ITA', itaImportColumns);
    sheet.getColumn(1).numFmt = '@';
    addHelpSheet(
      workbook,
      [16, 90],
      [
        ['รหัส อปท.', 'จำเป็น ตัวเลข 7 หลักตามที่กรมส่งเสริมการปกครองท้องถิ่นกำหนด'],
        ['ปีงบประมาณ', 'จำเป็น ปี พ.ศ. 4 หลัก เช่น 2566 (รหัส อปท. และปีเดียวกันห้ามซ้ำกันในไฟล์)'],
        ['คะแนน ITA', `จำเป็น ${itaScoreMessage} เช่น 87.65 (มีคะแนนอยู่แล้วจะถูกแทนที่)`],
      ],
    );
    return workbookBuffer(workbook);
  }
}
