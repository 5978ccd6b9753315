import { IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/**
 * A spreadsheet sent for import. Each import's input type extends it under its own name (and says
 * whose template it is); this base is never used directly, so the schema does not list it.
 */
@InputType({ description: 'A spreadsheet for import.' })
export abstract class SpreadsheetFileInput {
  @Field({ description: 'File name; its extension (.xlsx or .csv) says how to read it.' })
  @Matches(/\.(xlsx|csv)$/i, { message: 'รองรับเฉพาะไฟล์ .xlsx หรือ .csv' })
  fileName: string;

  @Field({ description: 'The file, base64-encoded (at most about 3 MB).' })
  @IsNotEmpty({ message: 'กรุณาเลือกไฟล์' })
  @MaxLength(4_000_000, { message: 'ไฟล์ใหญ่เกิน 3 MB' })
  contentBase64: string;
}
