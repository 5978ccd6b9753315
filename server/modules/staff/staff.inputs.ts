import { IsEmail, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { StaffRole } from './staff-role';

/** Lower-case letters, digits, dot, dash, underscore; not all digits (7 digits are LAO codes). */
export const staffUsernamePattern = /^(?!\d+$)[a-z0-9][a-z0-9._-]{2,63}$/;

@InputType({
  description: 'Invite a staff member: the account is created and a link to set a password is mailed.',
})
export class InviteStaffInput {
  @Field({
    description: 'User name: 3–64 lower-case letters, digits, dot, dash or underscore, not all digits.',
  })
  @Matches(staffUsernamePattern, {
    message: 'ชื่อผู้ใช้งานต้องมี 3–64 ตัว ใช้ได้เฉพาะอักษรภาษาอังกฤษตัวเล็ก ตัวเลข จุด ขีด และขีดล่าง และต้องไม่เป็นตัวเลขล้วน',
  })
  username: string;

  @Field({ description: 'Name shown in the app, e.g. นางสาวสมหญิง ใจดี.' })
  @Length(1, 200, { message: 'กรุณากรอกชื่อที่แสดง (ไม่เกิน 200 ตัวอักษร)' })
  displayName: string;

  @Field({ description: 'Mail address the invitation goes to.' })
  @IsEmail({}, { message: 'รูปแบบอีเมลไม่ถูกต้อง' })
  @MaxLength(254, { message: 'อีเมลยาวเกินไป' })
  email: string;

  @Field(() => StaffRole, { description: 'What the account is.' })
  staffRole: StaffRole;

  @Field(() => ID, {
    nullable: true,
    description: 'The province of a provincial office (required for it, else ignored).',
  })
  @IsOptional()
  provinceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The region (1–9) of a regional office (required for it, else ignored).',
  })
  @IsOptional()
  regionId?: string | null;

  @Field({
    defaultValue: false,
    description: "Signs in through the organisation's directory (LDAP / AD): no password is set here.",
  })
  usesDirectory: boolean;
}

@InputType({
  description:
    'Change what a staff account is and reaches (role, province or region, name, mail, directory).',
})
export class UpdateStaffAccountInput {
  @Field(() => ID, { description: 'The account.' })
  accountId: string;

  @Field({ description: 'Name shown in the app.' })
  @Length(1, 200, { message: 'กรุณากรอกชื่อที่แสดง (ไม่เกิน 200 ตัวอักษร)' })
  displayName: string;

  @Field({ description: 'Mail address.' })
  @IsEmail({}, { message: 'รูปแบบอีเมลไม่ถูกต้อง' })
  @MaxLength(254, { message: 'อีเมลยาวเกินไป' })
  email: string;

  @Field(() => StaffRole, { description: 'What the account is.' })
  staffRole: StaffRole;

  @Field(() => ID, {
    nullable: true,
    description: 'The province of a provincial office (required for it, else ignored).',
  })
  @IsOptional()
  provinceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The region (1–9) of a regional office (required for it, else ignored).',
  })
  @IsOptional()
  regionId?: string | null;

  @Field({ description: "Signs in through the organisation's directory (LDAP / AD)." })
  usesDirectory: boolean;
}

@InputType({ description: 'Set the first password with the token of an invitation (or setup) link.' })
export class AcceptStaffInvitationInput {
  @Field({ description: 'The token from the link.' })
  @Length(20, 200, { message: 'ลิงก์ไม่ถูกต้อง' })
  token: string;

  @Field({ description: 'The new password (at least 8 characters, not a common one, not the user name).' })
  @Length(1, 200, { message: 'กรุณากรอกรหัสผ่าน' })
  newPassword: string;
}

@InputType({ description: 'Put a province in a NACC region (ภาค), or take it out of any.' })
export class AssignProvinceRegionInput {
  @Field(() => ID, { description: 'The province.' })
  provinceId: string;

  @Field(() => ID, { nullable: true, description: 'The region (1–9); null: no region.' })
  @IsOptional()
  regionId?: string | null;
}

@ArgsType()
export class StaffAccountsArgs {
  @Field(() => StaffRole, { nullable: true, description: 'Only accounts of this kind.' })
  @IsOptional()
  staffRole?: StaffRole | null;

  @Field(() => ID, { nullable: true, description: 'Only provincial offices of this province.' })
  @IsOptional()
  provinceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only regional offices of this region.' })
  @IsOptional()
  regionId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only disabled accounts; false: only enabled ones.',
  })
  @IsOptional()
  disabled?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the user name, display name or mail address.',
  })
  @IsOptional()
  @MaxLength(100, { message: 'คำค้นยาวเกินไป' })
  search?: string | null;

  @Field(() => Int, { defaultValue: 50, description: 'Page size, 1–200.' })
  @Min(1)
  @Max(200)
  first: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  @IsOptional()
  after?: string | null;
}
