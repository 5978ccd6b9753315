import { SpreadsheetFileInput } from '../../spreadsheet/spreadsheet-file.input';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ImportRowError } from '../project/project-import.types';
import { LaoSize, LaoType } from './lao.enums';

@InputType({
  description:
    'The national LAO list from DLA as a spreadsheet (the template from /templates/laos.xlsx or .csv).',
})
export class LaoImportInput extends SpreadsheetFileInput {}

@ObjectType({
  description:
    'One row of the file that adds or changes an LAO. The previous* fields hold what the database has now (null for a new LAO).',
})
export class LaoImportChange {
  @Field(() => Int, { description: 'Row number in the spreadsheet (the header is row 1).' })
  rowNumber: number;

  @Field(() => ID, { nullable: true, description: 'Internal id of the existing LAO; null for a new one.' })
  laoId: string | null;

  @Field({ description: 'Seven-digit DLA code.' })
  code: string;

  @Field({ description: 'Thai name in the file.' })
  nameTh: string;

  @Field(() => String, { nullable: true, description: 'Thai name in the database now.' })
  previousNameTh: string | null;

  @Field(() => LaoType, { description: 'Type in the file.' })
  type: LaoType;

  @Field(() => LaoType, { nullable: true, description: 'Type in the database now.' })
  previousType: LaoType | null;

  @Field(() => LaoSize, {
    nullable: true,
    description: 'Size after the import (an empty size cell keeps the current size).',
  })
  size: LaoSize | null;

  @Field(() => LaoSize, { nullable: true, description: 'Size in the database now.' })
  previousSize: LaoSize | null;

  @Field(() => ID, { description: 'Province code in the file.' })
  provinceId: string;

  @Field({ description: 'Thai name of the province in the file.' })
  provinceNameTh: string;

  @Field(() => String, { nullable: true, description: 'Thai name of the province in the database now.' })
  previousProvinceNameTh: string | null;

  @Field(() => ID, { description: 'District code in the file.' })
  districtId: string;

  @Field({ description: 'Thai name of the district in the file.' })
  districtNameTh: string;

  @Field(() => String, { nullable: true, description: 'Thai name of the district in the database now.' })
  previousDistrictNameTh: string | null;
}

@ObjectType({ description: 'An LAO in the database that the file does not list.' })
export class LaoImportMissing {
  @Field(() => ID, { description: 'Internal id.' })
  laoId: string;

  @Field({ description: 'Seven-digit DLA code.' })
  code: string;

  @Field({ description: 'Thai name.' })
  nameTh: string;

  @Field({ description: 'Thai name of its province.' })
  provinceNameTh: string;

  @Field({ description: 'Thai name of its district.' })
  districtNameTh: string;

  @Field({
    description:
      'True when something refers to it (account, activation code, plan, project, report, history…): it is never deleted.',
  })
  hasData: boolean;

  @Field(() => [String], {
    description: 'Tables that hold its data, e.g. account, plan, project (empty when it has none).',
  })
  dataKinds: string[];
}

@ObjectType({
  description:
    'What an import of the LAO list would change, and every problem found. Nothing is written by a preview. Lists hold at most listLimit items; the counts are complete.',
})
export class LaoImportPreview {
  @Field(() => Int, { description: 'Rows with data in the file.' })
  rowCount: number;

  @Field({ description: 'True when the whole file can be imported.' })
  valid: boolean;

  @Field(() => Int, { description: 'How many problems were found (the errors list may be shorter).' })
  errorCount: number;

  @Field(() => [ImportRowError], { description: 'Problems, by row and column (at most 1,000).' })
  errors: ImportRowError[];

  @Field(() => Int, { description: 'Most items returned in each list below.' })
  listLimit: number;

  @Field(() => Int, { description: 'Rows whose code is not in the database: new LAOs.' })
  createdCount: number;

  @Field(() => Int, { description: 'Existing LAOs whose name changes.' })
  renamedCount: number;

  @Field(() => Int, { description: 'Existing LAOs whose province or district changes.' })
  movedCount: number;

  @Field(() => Int, { description: 'Existing LAOs whose type or size changes.' })
  retypedCount: number;

  @Field(() => Int, { description: 'Existing LAOs the file leaves as they are.' })
  unchangedCount: number;

  @Field(() => Int, { description: 'LAOs in the database that the file does not list.' })
  missingCount: number;

  @Field(() => Int, { description: 'Missing LAOs that have data, so are kept whatever is chosen.' })
  missingWithDataCount: number;

  @Field(() => [LaoImportChange], { description: 'New LAOs, in file order.' })
  created: LaoImportChange[];

  @Field(() => [LaoImportChange], { description: 'Renamed LAOs, in file order.' })
  renamed: LaoImportChange[];

  @Field(() => [LaoImportChange], { description: 'Moved LAOs, in file order.' })
  moved: LaoImportChange[];

  @Field(() => [LaoImportChange], { description: 'LAOs whose type or size changes, in file order.' })
  retyped: LaoImportChange[];

  @Field(() => [LaoImportMissing], { description: 'LAOs missing from the file, by code.' })
  missing: LaoImportMissing[];
}

@ObjectType({ description: 'What an import of the LAO list changed.' })
export class LaoImportResult {
  @Field(() => Int, { description: 'Rows read from the file.' })
  rowCount: number;

  @Field(() => Int, { description: 'LAOs added.' })
  createdCount: number;

  @Field(() => Int, { description: 'Existing LAOs changed (renamed, moved or retyped); each counted once.' })
  updatedCount: number;

  @Field(() => Int, { description: 'LAOs renamed.' })
  renamedCount: number;

  @Field(() => Int, { description: 'LAOs moved to another province or district.' })
  movedCount: number;

  @Field(() => Int, { description: 'LAOs whose type or size changed.' })
  retypedCount: number;

  @Field(() => Int, { description: 'LAOs of the file left as they were.' })
  unchangedCount: number;

  @Field(() => Int, { description: 'LAOs in the database that the file does not list.' })
  missingCount: number;

  @Field(() => Int, { description: 'Missing LAOs deleted (only when asked, and only those without data).' })
  deletedCount: number;

  @Field(() => Int, { description: 'Missing LAOs kept (all of them unless deletion was asked).' })
  keptCount: number;

  @Field(() => Int, { description: 'Most items returned in each list below.' })
  listLimit: number;

  @Field(() => [LaoImportMissing], { description: 'Missing LAOs deleted, by code.' })
  deleted: LaoImportMissing[];

  @Field(() => [LaoImportMissing], { description: 'Missing LAOs kept, by code.' })
  kept: LaoImportMissing[];
}
