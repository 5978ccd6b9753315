import {
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../graphql/decimal.scalar';
import { LaoSize, LaoType } from './lao.enums';
import { SyncArgs } from '../../graphql/sync-args';

const text = (max: number) => [1, max, { message: `กรุณากรอกข้อมูล (ไม่เกิน ${max} ตัวอักษร)` }] as const;
const money = /^\d{1,13}(\.\d{1,2})?$/;
const moneyMessage = { message: 'กรุณากรอกจำนวนเงินเป็นตัวเลขไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง' };
const phone = /^\+?[0-9][0-9 ()-]{5,19}(\s*(ต่อ|ext\.?|x)\s*[0-9]{1,6})?$/i;
const mobile = /^(\+66|0)[689](?:[ -]?[0-9]){8}$/;

/** Optional text: null, absent and blank are all "not given" (blank is stored as null). */
const OptionalText = () =>
  ValidateIf(
    (_object, value: unknown) => value !== null && value !== undefined && String(value).trim() !== '',
  );

@InputType({ description: 'Common part of every profile tab: which LAO and the version the editor saw.' })
export class ProfileTabInput {
  @Field(() => ID, { description: 'The LAO.' })
  laoId: string;

  @Field(() => Int, {
    description: 'The `version` the form was loaded with; a stale one fails with CONFLICT.',
  })
  @IsInt()
  version: number;
}

@InputType({
  description: 'Tab 1, location (ข้อมูลที่ตั้ง). Province, district, type and name are master data kept by NACC.',
})
export class LaoLocationInput extends ProfileTabInput {
  @Field(() => LaoSize, { description: 'Size (ขนาด).' })
  @IsEnum(LaoSize, { message: 'กรุณาเลือกขนาด อปท.' })
  size: LaoSize;

  @Field({ description: 'Office address (ที่ตั้งที่ทำการ).' })
  @Length(...text(500))
  address: string;
}

@InputType({ description: 'Tab 2, area and executives (ข้อมูลพื้นที่และผู้บริหาร).' })
export class LaoAreaInput extends ProfileTabInput {
  @Field(() => DecimalScalar, { description: 'Service area in km².' })
  @Matches(money, { message: 'กรุณากรอกพื้นที่เป็นตัวเลขไม่ติดลบ ทศนิยมไม่เกิน 2 ตำแหน่ง' })
  areaKm2: string;

  @Field(() => Int, { description: 'Population.' })
  @IsInt({ message: 'กรุณากรอกจำนวนประชากรเป็นจำนวนเต็ม' })
  @Min(0, { message: 'จำนวนประชากรต้องไม่ติดลบ' })
  @Max(20_000_000, { message: 'จำนวนประชากรมากเกินจริง กรุณาตรวจสอบ' })
  population: number;

  @Field(() => DecimalScalar, { description: 'Revenue excluding subsidies, baht.' })
  @Matches(money, moneyMessage)
  revenueExcludingSubsidies: string;

  @Field(() => DecimalScalar, { description: 'Revenue from subsidies, baht.' })
  @Matches(money, moneyMessage)
  revenueFromSubsidies: string;

  @Field({ description: 'Name of the local chief executive (ผู้บริหารท้องถิ่น).' })
  @Length(...text(200))
  chiefExecutiveName: string;

  @Field({ description: 'Name of the LAO permanent secretary (ปลัด อปท.).' })
  @Length(...text(200))
  permanentSecretaryName: string;
}

@InputType({ description: 'Tab 3, coordinator (ข้อมูลผู้ประสานงาน).' })
export class LaoCoordinatorInput extends ProfileTabInput {
  @Field({ description: 'Full name (ชื่อ - สกุล).' })
  @Length(...text(200))
  fullName: string;

  @Field({ description: 'Position (ตำแหน่ง).' })
  @Length(...text(200))
  position: string;

  @Field({ description: 'Unit (สังกัด ฝ่าย/กลุ่ม/กอง/สำนัก).' })
  @Length(...text(200))
  unit: string;

  @Field(() => String, { nullable: true, description: 'Office phone, e.g. 055-123456 ต่อ 12.' })
  @OptionalText()
  @Matches(phone, { message: 'รูปแบบหมายเลขโทรศัพท์ไม่ถูกต้อง' })
  phone?: string | null;

  @Field({ description: 'Mobile phone, e.g. 081-234-5678.' })
  @Matches(mobile, { message: 'รูปแบบหมายเลขโทรศัพท์เคลื่อนที่ไม่ถูกต้อง (เช่น 081-234-5678)' })
  mobile: string;

  @Field(() => String, { nullable: true, description: 'Fax.' })
  @OptionalText()
  @Matches(phone, { message: 'รูปแบบหมายเลขโทรสารไม่ถูกต้อง' })
  fax?: string | null;

  @Field({ description: 'Email; required, password recovery goes to it.' })
  @IsEmail({}, { message: 'รูปแบบอีเมลไม่ถูกต้อง' })
  @Length(3, 254, { message: 'อีเมลยาวเกินไป' })
  email: string;

  @Field(() => String, { nullable: true, description: 'LAO website.' })
  @OptionalText()
  @IsUrl({ protocols: ['http', 'https'] }, { message: 'รูปแบบเว็บไซต์ไม่ถูกต้อง (เช่น https://www.example.go.th)' })
  website?: string | null;
}

@ArgsType()
export class LaosArgs extends SyncArgs {
  @Field(() => ID, { nullable: true, description: 'Only LAOs of this province.' })
  provinceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only LAOs of this district.' })
  districtId?: string;

  @Field(() => LaoType, { nullable: true, description: 'Only LAOs of this type.' })
  type?: LaoType;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the Thai name, or the start of the 7-digit code.',
  })
  @IsOptional()
  @Length(1, 100)
  search?: string;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–500.' })
  @Min(1)
  @Max(500)
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor after which the page starts (`pageInfo.endCursor`).',
  })
  after?: string;
}

@InputType({ description: 'Master data of an LAO, kept by NACC central (code, name, type, district).' })
export class LaoMasterDataInput extends ProfileTabInput {
  @Field({ description: 'Seven-digit DLA code; the LAO signs in with it.' })
  @Matches(/^\d{7}$/, { message: 'รหัส อปท. ต้องเป็นตัวเลข 7 หลัก' })
  code: string;

  @Field({ description: 'Thai name.' })
  @Length(...text(200))
  nameTh: string;

  @Field(() => LaoType, { description: 'Type.' })
  @IsEnum(LaoType, { message: 'กรุณาเลือกประเภท อปท.' })
  type: LaoType;

  @Field(() => ID, { description: 'District; the province follows from it.' })
  @Matches(/^\d{1,5}$/, { message: 'กรุณาเลือกอำเภอ' })
  districtId: string;
}
