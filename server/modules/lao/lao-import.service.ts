import type { SpreadsheetLimits } from '../../config';
import type { DataSource } from 'typeorm';
import { can, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, forbidden } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import { csvTemplate } from '../../spreadsheet/template';
import { changeSet } from './lao-import.changes';
import { type CheckedFile, checkFile } from './lao-import.check';
import { laoImportColumns } from './lao-import.columns';
import { loadPlaces } from './lao-import.places';
import { LaoReferences } from './lao-import.references';
import { laoTemplateXlsx } from './lao-import.template';
import { writeChanges } from './lao-import.write';
import type { DatabaseTimeouts } from '../../config';
import { transactionWith } from '../../db/bounded-waits';

/** Most items in each list of a preview or result (the counts are always complete). */
export const LIST_LIMIT = 200;
/** Most row errors returned (a file in the wrong shape can have tens of thousands). */
export const ERROR_LIMIT = 1000;
/** Serialises imports of the master list (pg_advisory_xact_lock key). */
const IMPORT_LOCK = 7_852_001;

/**
 * NACC central imports the national LAO master list from DLA: every row is
 * checked (lao-import.check), the change set against the database is previewed
 * (lao-import.changes), and the import upserts by code in one transaction, only
 * when the whole file is valid (lao-import.write). An LAO that has data is never
 * deleted (lao-import.references).
 */
export class LaoImportService {
  private readonly references: LaoReferences;

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: SpreadsheetLimits,
    /** The long work's bounds on the database (DATABASE_LONG_*): an import writes thousands of rows. */
    private readonly timeouts: DatabaseTimeouts,
  ) {
    this.references = new LaoReferences(dataSource);
  }

  /** Reads and checks the file; writes nothing. */
  async check(viewer: Viewer, fileName: string, contentBase64: string): Promise<CheckedFile> {
    requireSignedIn(viewer);
    if (!can(viewer, 'lao.editMasterData')) throw forbidden();
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไฟล์ว่างเปล่า');
    return checkFile(this.dataSource.manager, fileName, content, this.limits);
  }

  /** Checks the file and computes its change set; writes nothing. */
  async preview(viewer: Viewer, fileName: string, contentBase64: string) {
    const file = await this.check(viewer, fileName, contentBase64);
    const set = await changeSet(this.dataSource.manager, file, this.references);
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
    return transactionWith(this.dataSource, this.timeouts, async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const set = await changeSet(manager, file, this.references);
      const deletedIds = await writeChanges(manager, set, deleteMissing, this.references);
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
    return laoTemplateXlsx(await loadPlaces(this.dataSource.manager));
  }

  /** The same template as UTF-8 CSV with a BOM, so Excel opens Thai correctly. */
  templateCsv(): string {
    return csvTemplate(laoImportColumns);
  }
}
