import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ApiScope } from '../../auth/api-scope';
import { SyncEntity } from './partner.enums';

@InputType({ description: 'A new partner API key.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "DLA nightly sync".' })
  @Length(1, 200, { message: 'กรุณาระบุชื่อกุญแจ (ไม่เกิน 200 ตัวอักษร)' })
  name: string;

  @Field({ description: 'The partner organisation.' })
  @Length(1, 200, { message: 'กรุณาระบุหน่วยงาน (ไม่เกิน 200 ตัวอักษร)' })
  organisation: string;

  @Field(() => [ApiScope], { description: 'What the key may read (at least one).' })
  @ArrayMinSize(1, { message: 'กรุณาเลือกขอบเขตข้อมูลอย่างน้อยหนึ่งรายการ' })
  scopes: ApiScope[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these provinces; null or absent: every province.',
  })
  @IsOptional()
  @ArrayMinSize(1, { message: 'กรุณาเลือกจังหวัดอย่างน้อยหนึ่งจังหวัด หรือไม่จำกัดจังหวัด' })
  @ArrayMaxSize(77)
  provinceIds?: string[] | null;

  @Field(() => Int, { defaultValue: 365, description: 'Days until the key expires, 1–730.' })
  @Min(1, { message: 'อายุกุญแจต้องอยู่ระหว่าง 1–730 วัน' })
  @Max(730, { message: 'อายุกุญแจต้องอยู่ระหว่าง 1–730 วัน' })
  validDays: number;
}

@ArgsType()
export class DeletedRecordsArgs {
  @Field(() => Date, {
    description: 'Deletions at or after this instant (the `syncHorizon` read before your previous pull).',
  })
  since: Date;

  @Field(() => [SyncEntity], {
    nullable: true,
    description: 'Only these kinds; absent: every kind in scope.',
  })
  entities?: SyncEntity[] | null;

  @Field(() => Int, { defaultValue: 500, description: 'Page size, 1–1000.' })
  @Min(1)
  @Max(1000)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@ArgsType()
export class ApiKeysArgs {
  @Field({ defaultValue: false, description: 'Also revoked and expired keys.' })
  includeInactive: boolean;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–200.' })
  @Min(1)
  @Max(200)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}
