import { SpreadsheetFileInput } from '../../spreadsheet/spreadsheet-file.input';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { Dimension } from '../plan/plan.enums';
import { WorkType } from './project.enums';

@InputType({ description: 'A spreadsheet of projects (the template from /templates/projects.xlsx or .csv).' })
export class ProjectImportInput extends SpreadsheetFileInput {}

@ObjectType({ description: 'One problem in an import file, in Thai.' })
export class ImportRowError {
  @Field(() => Int, { description: 'Row number in the spreadsheet (the header is row 1).' })
  rowNumber: number;

  @Field({ description: 'Column header.' })
  column: string;

  @Field({ description: 'What is wrong and how to fix it.' })
  message: string;
}

@ObjectType({ description: 'One row of an import file as it will be recorded.' })
export class ImportRowPreview {
  @Field(() => Int, { description: 'Row number in the spreadsheet.' })
  rowNumber: number;

  @Field({ description: 'Name.' })
  name: string;

  @Field(() => WorkType, { nullable: true, description: 'Work type, when readable.' })
  workType: WorkType | null;

  @Field(() => Dimension, { nullable: true, description: 'Primary dimension, when readable.' })
  primaryDimension: Dimension | null;

  @Field(() => [Int], { description: 'Fiscal years.' })
  fiscalYears: number[];

  @Field(() => [Int], { description: 'Quarters.' })
  quarters: number[];

  @Field({ description: 'Uses budget (ใช้งบประมาณ), as read or decided from the amounts.' })
  usesBudget: boolean;

  @Field(() => DecimalScalar, { description: 'Budget under the anti-corruption plan, as read.' })
  antiCorruptionBudget: string;

  @Field(() => DecimalScalar, { description: 'Budget under the local development plan, as read.' })
  localDevelopmentBudget: string;
}

@ObjectType({
  description: 'What an import would record, and every problem found. Nothing is written by a preview.',
})
export class ProjectImportPreview {
  @Field(() => Int, { description: 'Rows with data in the file.' })
  rowCount: number;

  @Field({ description: 'True when the whole file can be imported.' })
  valid: boolean;

  @Field(() => [ImportRowPreview], { description: 'The rows, as read.' })
  rows: ImportRowPreview[];

  @Field(() => [ImportRowError], { description: 'Problems, by row and column.' })
  errors: ImportRowError[];
}

@ObjectType({ description: 'Result of an import.' })
export class ProjectImportResult {
  @Field(() => Int, { description: 'How many projects were recorded.' })
  createdCount: number;
}
