import type { SpreadsheetLimits } from '../../config';
import { validate } from 'class-validator';
import type { DataSource } from 'typeorm';
import { requireCan, requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError } from '../../errors/app-error';
import { requireNotFrozen } from '../plan/plan-rules';
import { ErrorCode } from '../../errors/error-codes';
import { readRows, type SheetColumn, type SheetRow } from '../../spreadsheet/read-rows';
import {
  addHelpSheet,
  addSheet,
  csvTemplate,
  templateWorkbook,
  workbookBuffer,
} from '../../spreadsheet/template';
import type { HistoryService } from '../history/history.service';
import { Lao } from '../lao/lao.entity';
import type { PlanCycleService } from '../plan/plan-cycle.service';
import { Dimension, dimensionsInOrder } from '../plan/plan.enums';
import { TargetGroup, targetGroupLabels, WorkType, workTypeLabels } from './project.enums';
import { ProjectFieldsInput } from './project.inputs';
import { frozenYears, normalizeProject, type ProjectService } from './project.service';
import { requireBudgetMatchesUse } from './project-rules';
import { isPositiveAmount } from '../../graphql/decimal.scalar';
import type { DatabaseTimeouts } from '../../config';
import { transactionWith } from '../../db/bounded-waits';

/** Columns of the import template, in order (the plan table of seed 001 plus work type, years, target groups). */
export const importColumns = [
  { key: 'number', header: 'ลำดับ', width: 8 },
  { key: 'name', header: 'ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน', width: 50, required: true },
  { key: 'workType', header: 'ประเภทงาน', width: 16, required: true },
  { key: 'primaryDimension', header: 'มิติ', width: 8, required: true },
  { key: 'additionalDimensions', header: 'มิติที่สอดคล้องเพิ่มเติม', width: 14 },
  { key: 'fiscalYears', header: 'ปีงบประมาณ', width: 16, required: true },
  { key: 'q1', header: 'ไตรมาส 1', width: 10 },
  { key: 'q2', header: 'ไตรมาส 2', width: 10 },
  { key: 'q3', header: 'ไตรมาส 3', width: 10 },
  { key: 'q4', header: 'ไตรมาส 4', width: 10 },
  { key: 'antiCorruptionBudget', header: 'งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต (บาท)', width: 22 },
  { key: 'localDevelopmentBudget', header: 'งบประมาณตามแผนพัฒนาท้องถิ่น (บาท)', width: 22 },
  { key: 'targetGroups', header: 'กลุ่มเป้าหมาย', width: 30, required: true },
  { key: 'essence', header: 'สาระสำคัญ', width: 40, required: true },
  { key: 'objectives', header: 'วัตถุประสงค์', width: 40, required: true },
  { key: 'remarks', header: 'หมายเหตุ', width: 24 },
  // Added after the first template (issue 23); files without them are still read.
  { key: 'usesBudget', header: 'การใช้งบประมาณ', width: 22 },
  { key: 'otherTargetGroup', header: 'กลุ่มเป้าหมายอื่น ๆ (ระบุ)', width: 30 },
] as const satisfies readonly SheetColumn[];

type ColumnKey = (typeof importColumns)[number]['key'];

export type ImportError = { rowNumber: number; column: string; message: string };
export type ImportedRow = { rowNumber: number; fields: ProjectFieldsInput };

const headerOf = Object.fromEntries(importColumns.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;
const fieldColumn: Record<string, ColumnKey> = {
  name: 'name',
  workType: 'workType',
  primaryDimension: 'primaryDimension',
  additionalDimensions: 'additionalDimensions',
  fiscalYears: 'fiscalYears',
  quarters: 'q1',
  antiCorruptionBudget: 'antiCorruptionBudget',
  localDevelopmentBudget: 'localDevelopmentBudget',
  targetGroups: 'targetGroups',
  otherTargetGroup: 'otherTargetGroup',
  usesBudget: 'usesBudget',
  essence: 'essence',
  objectives: 'objectives',
  remarks: 'remarks',
};

const workTypeByLabel = new Map(
  Object.entries(workTypeLabels).map(([key, label]) => [label, key as WorkType]),
);
const targetGroupByLabel = new Map(
  Object.entries(targetGroupLabels).map(([key, label]) => [label.replace(/\s/g, ''), key as TargetGroup]),
);
const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
const dimensionOf = (text: string): Dimension | undefined =>
  dimensionsInOrder[Number(text.replace(/^มิติที่\s*/, '')) - 1];
/** "2566,2567", "2566-2570" or "2566–2570". */
const yearsOf = (text: string | undefined): number[] =>
  list(text).flatMap((part) => {
    const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(part);
    if (range && Number(range[2]) >= Number(range[1]) && Number(range[2]) - Number(range[1]) < 10) {
      return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
    }
    return [Number(part)];
  });
const moneyOf = (text: string | undefined): string =>
  (text ?? '').replace(/[,\s฿]/g, '').replace(/บาท$/, '') || '0';
const usesBudgetLabel = 'ใช้งบประมาณ';
const withoutBudgetLabels = ['ไม่ใช้งบประมาณ', 'ดำเนินการโดยไม่ใช้งบประมาณ'];

/** Turns one row into project fields, collecting what cannot be read. */
const toFields = (row: SheetRow<ColumnKey>, errors: ImportError[]): ProjectFieldsInput => {
  const { cells } = row;
  const fail = (key: ColumnKey, message: string) =>
    errors.push({ rowNumber: row.rowNumber, column: headerOf[key], message });
  const workType = cells.workType ? workTypeByLabel.get(cells.workType) : undefined;
  if (cells.workType && !workType)
    fail('workType', `ประเภทงานต้องเป็น ${Object.values(workTypeLabels).join(' / ')}`);
  const primary = cells.primaryDimension ? dimensionOf(cells.primaryDimension) : undefined;
  if (cells.primaryDimension && !primary) fail('primaryDimension', 'มิติต้องเป็นตัวเลข 1 ถึง 4');
  const additional = list(cells.additionalDimensions).map((text) => {
    const dimension = dimensionOf(text);
    if (!dimension) fail('additionalDimensions', 'มิติที่สอดคล้องเพิ่มเติมต้องเป็นตัวเลข 1 ถึง 4 คั่นด้วยจุลภาค');
    return dimension;
  });
  const targets = list(cells.targetGroups).map((text) => {
    const group = targetGroupByLabel.get(text.replace(/\s/g, ''));
    if (!group) fail('targetGroups', `ไม่รู้จักกลุ่มเป้าหมาย "${text}"`);
    return group;
  });
  const quarters = (['q1', 'q2', 'q3', 'q4'] as const).flatMap((key, i) => (cells[key] ? [i + 1] : []));
  const anti = moneyOf(cells.antiCorruptionBudget);
  const local = moneyOf(cells.localDevelopmentBudget);
  // Blank: as the migration decided for rows recorded before, a positive budget uses budget.
  const use = (cells.usesBudget ?? '').replace(/\s/g, '');
  const usesBudget =
    use === usesBudgetLabel
      ? true
      : withoutBudgetLabels.includes(use)
        ? false
        : isPositiveAmount(anti) || isPositiveAmount(local);
  if (use && use !== usesBudgetLabel && !withoutBudgetLabels.includes(use))
    fail(
      'usesBudget',
      `การใช้งบประมาณต้องเป็น "${usesBudgetLabel}" หรือ "${withoutBudgetLabels[0]}" (หรือเว้นว่าง)`,
    );
  return Object.assign(new ProjectFieldsInput(), {
    name: cells.name ?? '',
    workType: workType ?? (cells.workType ? undefined : ''),
    fiscalYears: yearsOf(cells.fiscalYears),
    quarters,
    primaryDimension: primary ?? (cells.primaryDimension ? undefined : ''),
    additionalDimensions: additional.filter(Boolean),
    essence: cells.essence || null,
    usesBudget,
    antiCorruptionBudget: anti,
    localDevelopmentBudget: local,
    targetGroups: targets.filter(Boolean),
    otherTargetGroup: cells.otherTargetGroup || null,
    objectives: cells.objectives || null,
    remarks: cells.remarks || null,
  }) as ProjectFieldsInput;
};

/**
 * Bulk entry of a plan book: validate every row of an XLSX/CSV file, preview,
 * and import all rows in one transaction only when the whole file is valid.
 */
export class ProjectImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cycles: PlanCycleService,
    private readonly projects: ProjectService,
    private readonly history: HistoryService,
    private readonly limits: SpreadsheetLimits,
    /** The long work's bounds on the database (DATABASE_LONG_*): an import writes many rows at once. */
    private readonly timeouts: DatabaseTimeouts,
  ) {}

  /** Reads and checks the file; writes nothing. */
  async check(
    viewer: Viewer,
    fileName: string,
    contentBase64: string,
  ): Promise<{ rows: ImportedRow[]; errors: ImportError[] }> {
    const actor = requireSignedIn(viewer);
    const lao = actor.laoId ? await this.dataSource.getRepository(Lao).findOneBy({ id: actor.laoId }) : null;
    requireCan(viewer, 'project.record', lao, lao, 'อปท.');
    const content = Buffer.from(contentBase64, 'base64');
    if (content.length === 0) throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไฟล์ว่างเปล่า');
    const raw = await readRows(fileName, content, importColumns, {
      limits: this.limits,
      notData: ['number'],
      maxRows: { count: 1000, message: 'นำเข้าได้ครั้งละไม่เกิน 1,000 รายการ' },
    });
    if (raw.length === 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'ไม่พบข้อมูลโครงการในไฟล์ (แถวที่ 2 เป็นต้นไป)');
    const errors: ImportError[] = [];
    const rows: ImportedRow[] = [];
    for (const row of raw) {
      const rowErrors: ImportError[] = [];
      const fields = toFields(row, rowErrors);
      for (const failure of await validate(fields, { forbidUnknownValues: false })) {
        const key = fieldColumn[failure.property] ?? 'name';
        const message = Object.values(failure.constraints ?? {})[0] ?? 'ข้อมูลไม่ถูกต้อง';
        if (!rowErrors.some((e) => e.column === headerOf[key]))
          rowErrors.push({ rowNumber: row.rowNumber, column: headerOf[key], message });
      }
      try {
        requireBudgetMatchesUse(fields);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const [first] = (error.extensions.fields as { field: string }[] | undefined) ?? [];
        const key = fieldColumn[first?.field ?? ''] ?? 'antiCorruptionBudget';
        if (!rowErrors.some((e) => e.column === headerOf[key]))
          rowErrors.push({ rowNumber: row.rowNumber, column: headerOf[key], message: error.message });
      }
      if (!rowErrors.some((e) => e.column === headerOf.fiscalYears) && fields.fiscalYears.length > 0) {
        try {
          await this.cycles.cycleFor(this.dataSource.manager, fields.fiscalYears);
        } catch (error) {
          const message =
            error instanceof AppError
              ? String((error.extensions.fields as { message: string }[])[0].message)
              : 'ปีงบประมาณไม่ถูกต้อง';
          rowErrors.push({ rowNumber: row.rowNumber, column: headerOf.fiscalYears, message });
        }
      }
      if (!rowErrors.some((e) => e.column === headerOf.fiscalYears) && fields.fiscalYears.length > 0) {
        // A plan under assessment takes no new projects (plan-rules.ts, `requireNotFrozen`).
        try {
          requireNotFrozen(await frozenYears(this.dataSource.manager, lao!.id, fields.fiscalYears));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          rowErrors.push({ rowNumber: row.rowNumber, column: headerOf.fiscalYears, message: error.message });
        }
      }
      errors.push(...rowErrors);
      rows.push({ rowNumber: row.rowNumber, fields });
    }
    return { rows, errors };
  }

  /** Writes every row in one transaction, or nothing when any row is wrong. */
  async import(viewer: Viewer, fileName: string, contentBase64: string): Promise<number> {
    const actor = requireSignedIn(viewer);
    const { rows, errors } = await this.check(viewer, fileName, contentBase64);
    if (errors.length > 0) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        `ไฟล์มีข้อผิดพลาด ${errors.length} แห่ง ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าอีกครั้ง`,
        { rowErrors: errors },
      );
    }
    return transactionWith(this.dataSource, this.timeouts, async (manager) => {
      // Checked again with the plans locked: one may have been submitted since the check.
      requireNotFrozen(
        await frozenYears(
          manager,
          actor.laoId as number,
          rows.flatMap((row) => row.fields.fiscalYears),
        ),
      );
      const created = await this.projects.insertMany(
        manager,
        actor.laoId as number,
        rows.map((row) => normalizeProject(row.fields)),
      );
      await this.history.record(
        manager,
        actor,
        created.map((project) => ({
          entityType: 'PROJECT',
          entityId: project.id,
          laoId: project.laoId,
          action: 'IMPORT',
          after: project,
        })),
      );
      return created.length;
    });
  }

  /** The template workbook: the data sheet, and a sheet explaining each column and its allowed values. */
  async templateXlsx(): Promise<Buffer> {
    const workbook = templateWorkbook();
    const sheet = addSheet(workbook, 'โครงการ', importColumns);
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
    addHelpSheet(
      workbook,
      [45, 90],
      [
        [headerOf.name, 'จำเป็น ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน 1 รายการต่อ 1 แถว'],
        [headerOf.workType, `จำเป็น ${Object.values(workTypeLabels).join(' / ')}`],
        [
          headerOf.primaryDimension,
          'จำเป็น ตัวเลข 1–4 (มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต … มิติที่ 4 การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการ)',
        ],
        [headerOf.additionalDimensions, 'ไม่บังคับ ตัวเลข 1–4 คั่นด้วยจุลภาค เช่น 2,3'],
        [
          headerOf.fiscalYears,
          'จำเป็น ปี พ.ศ. คั่นด้วยจุลภาค หรือเป็นช่วง เช่น 2566,2567 หรือ 2566-2570 (ต้องอยู่ในรอบแผนเดียวกัน)',
        ],
        ['ไตรมาส 1–4', 'ใส่เครื่องหมายใด ๆ เช่น ✓ ในไตรมาสที่ดำเนินการ อย่างน้อย 1 ไตรมาส'],
        [headerOf.antiCorruptionBudget, 'ตัวเลข (บาท) เมื่อใช้งบประมาณ; โครงการที่ไม่ใช้งบประมาณให้เว้นว่าง'],
        [headerOf.localDevelopmentBudget, 'ไม่บังคับ ตัวเลข (บาท); โครงการที่ไม่ใช้งบประมาณให้เว้นว่าง'],
        [
          headerOf.usesBudget,
          `"${usesBudgetLabel}" หรือ "${withoutBudgetLabels[0]}" (โครงการที่ไม่ใช้งบประมาณไม่ต้องกรอกงบประมาณ); เว้นว่าง: ใช้งบประมาณเมื่อกรอกงบประมาณมากกว่า 0`,
        ],
        [
          headerOf.targetGroups,
          `จำเป็น อย่างน้อย 1 กลุ่ม (หรือกรอกกลุ่มเป้าหมายอื่น ๆ) คั่นด้วยจุลภาค จากรายการ: ${Object.values(targetGroupLabels).join(', ')}`,
        ],
        [headerOf.otherTargetGroup, 'ไม่บังคับ กลุ่มเป้าหมายอื่นนอกรายการ (อื่น ๆ ระบุ) เป็นข้อความ'],
        [headerOf.essence, 'จำเป็น ข้อความ'],
        [headerOf.objectives, 'จำเป็น ข้อความ'],
        [headerOf.remarks, 'ไม่บังคับ ข้อความ'],
      ],
    );
    return workbookBuffer(workbook);
  }

  /** The same template as UTF-8 CSV with a BOM, so Excel opens Thai correctly. */
  templateCsv(): string {
    return csvTemplate(importColumns);
  }
}
