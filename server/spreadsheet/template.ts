import ExcelJS from 'exceljs';

type TemplateColumn = { header: string; width: number; key?: string };

/** A template's header row as UTF-8 CSV with a BOM, so Excel opens Thai correctly. */
export const csvTemplate = (columns: readonly TemplateColumn[]): string =>
  `\uFEFF${columns.map((c) => `"${c.header}"`).join(',')}\r\n`;

/** A workbook as the system signs its templates. */
export const templateWorkbook = (): ExcelJS.Workbook => {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ระบบติดตามแผนปฏิบัติการป้องกันการทุจริตของ อปท.';
  return workbook;
};

/** A worksheet whose first row holds the columns' headers in bold, frozen unless `frozen` is false. */
export const addSheet = (
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly TemplateColumn[],
  frozen = true,
): ExcelJS.Worksheet => {
  const sheet = workbook.addWorksheet(name, frozen ? { views: [{ state: 'frozen', ySplit: 1 }] } : undefined);
  sheet.columns = columns.map(({ header, key, width }) => (key ? { header, key, width } : { header, width }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
};

/** The sheet that says how to fill each column: one row per column, its header then the instructions. */
export const addHelpSheet = (
  workbook: ExcelJS.Workbook,
  widths: [column: number, instructions: number],
  rows: [string, string][],
): ExcelJS.Worksheet => {
  const help = addSheet(
    workbook,
    'คำอธิบาย',
    [
      { header: 'คอลัมน์', width: widths[0] },
      { header: 'วิธีกรอก', width: widths[1] },
    ],
    false,
  );
  help.addRows(rows);
  return help;
};

export const workbookBuffer = async (workbook: ExcelJS.Workbook): Promise<Buffer> =>
  Buffer.from(await workbook.xlsx.writeBuffer());
