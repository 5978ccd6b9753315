import { Matches, IsInt, Max, Min, ValidateBy } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { SpreadsheetFileInput } from '../../spreadsheet/spreadsheet-file.input';
import { ImportRowError } from '../project/project-import.types';
import { ITA_MAX_SCORE } from './ita-score.entity';

/** An ITA score as submitted: 0–100, at most two decimals (a string, as the Decimal scalar gives it). */
export const isItaScore = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= ITA_MAX_SCORE;

export const itaScoreMessage = `คะแนน ITA ต้องอยู่ระหว่าง 0 ถึง ${ITA_MAX_SCORE} ทศนิยมไม่เกิน 2 ตำแหน่ง`;

const year = { message: 'กรุณากรอกปี พ.ศ. เช่น 2566' };

@InputType({ description: 'An LAO’s ITA score of one fiscal year (NACC central).' })
export class SetItaScoreInput {
  @Field(() => ID, { description: 'The LAO.' })
  @Matches(/^\d+$/, { message: 'ไม่พบ อปท. ที่ต้องการ' })
  laoId: string;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @IsInt(year)
  @Min(2500, year)
  @Max(2700, year)
  fiscalYear: number;

  @Field(() => DecimalScalar, { description: `ITA score (0–${ITA_MAX_SCORE}, two decimals at most).` })
  @ValidateBy({
    name: 'isItaScore',
    validator: { validate: isItaScore, defaultMessage: () => itaScoreMessage },
  })
  score: string;
}

@InputType({
  description:
    'ITA scores as a spreadsheet: columns รหัส อปท. (7-digit code), ปีงบประมาณ (พ.ศ.), คะแนน ITA (0–100); template at /templates/ita.xlsx or .csv.',
})
export class ItaImportInput extends SpreadsheetFileInput {}

@ObjectType({ description: 'One row of an ITA import file as it will be recorded.' })
export class ItaImportRow {
  @Field(() => Int, { description: 'Row number in the spreadsheet (the header is row 1).' })
  rowNumber: number;

  @Field({ description: 'Seven-digit LAO code.' })
  code: string;

  @Field({ description: 'Thai name of the LAO.' })
  laoNameTh: string;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  fiscalYear: number;

  @Field(() => DecimalScalar, { description: 'The ITA score in the file.' })
  score: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The score recorded now; null when none.' })
  previousScore: string | null;
}

@ObjectType({
  description: 'What an ITA import would record, and every problem found. A preview writes nothing.',
})
export class ItaImportPreview {
  @Field(() => Int, { description: 'Rows with data in the file.' })
  rowCount: number;

  @Field({ description: 'True when the whole file can be imported.' })
  valid: boolean;

  @Field(() => Int, { description: 'How many problems were found (the errors list may be shorter).' })
  errorCount: number;

  @Field(() => [ImportRowError], { description: 'Problems, by row and column (at most 1,000).' })
  errors: ImportRowError[];

  @Field(() => [ItaImportRow], { description: 'The rows as they will be recorded (at most 200).' })
  rows: ItaImportRow[];
}

@ObjectType({ description: 'What an ITA import recorded.' })
export class ItaImportResult {
  @Field(() => Int, { description: 'Rows read from the file.' })
  rowCount: number;

  @Field(() => Int, { description: 'Scores recorded for an LAO and year that had none.' })
  createdCount: number;

  @Field(() => Int, { description: 'Scores that replaced a different one.' })
  updatedCount: number;

  @Field(() => Int, { description: 'Rows whose score was already recorded.' })
  unchangedCount: number;
}
