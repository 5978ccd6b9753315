import { IsNotEmpty, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

const required = { message: 'กรุณากรอกข้อมูลช่องนี้' };

@InputType({ description: 'Sign-in with the 7-digit LAO code (or NACC user name) and password.' })
export class LoginInput {
  @Field({ description: 'The 7-digit LAO code, or a NACC user name.' })
  @IsNotEmpty(required)
  @MaxLength(64, { message: 'ชื่อผู้ใช้งานยาวเกินไป' })
  username: string;

  @Field({ description: 'Password.' })
  @IsNotEmpty(required)
  @MaxLength(128, { message: 'รหัสผ่านยาวเกินไป' })
  password: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The device token an earlier login or activation of this account returned on this device, if any: ' +
      'it exempts the attempt from the limits attackers elsewhere can raise (a wrong or foreign token is ignored).',
  })
  @IsOptional()
  @MaxLength(1024, { message: 'โทเค็นอุปกรณ์ยาวเกินไป' })
  deviceToken?: string | null;
}

@InputType({ description: 'First use: the LAO proves it holds an activation code and sets its password.' })
export class ActivateAccountInput {
  @Field({ description: 'The 7-digit LAO code.' })
  @Matches(/^\d{7}$/, { message: 'รหัส อปท. ต้องเป็นตัวเลข 7 หลัก' })
  laoCode: string;

  @Field({ description: 'The activation code issued by NACC.' })
  @IsNotEmpty(required)
  @MaxLength(40, { message: 'รหัสเปิดใช้งานยาวเกินไป' })
  activationCode: string;

  @Field({ description: 'The new password (at least 8 characters, not a common one).' })
  @IsNotEmpty(required)
  password: string;
}

@InputType({ description: 'Forgot password: the LAO code and the email registered in the profile.' })
export class RequestPasswordResetInput {
  @Field({ description: 'The 7-digit LAO code (or NACC user name).' })
  @IsNotEmpty(required)
  @MaxLength(64, { message: 'ชื่อผู้ใช้งานยาวเกินไป' })
  username: string;

  @Field({ description: 'The email registered in the profile.' })
  @IsNotEmpty(required)
  @MaxLength(254, { message: 'อีเมลยาวเกินไป' })
  email: string;
}

@InputType({ description: 'Set a new password with the token from the mailed link.' })
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link.' })
  @Length(20, 200, { message: 'ลิงก์ไม่ถูกต้อง' })
  token: string;

  @Field({ description: 'The new password.' })
  @IsNotEmpty(required)
  newPassword: string;
}

@InputType({ description: 'Change the password of the signed-in account.' })
export class ChangePasswordInput {
  @Field({ description: 'The current password.' })
  @IsNotEmpty(required)
  currentPassword: string;

  @Field({ description: 'The new password.' })
  @IsNotEmpty(required)
  newPassword: string;
}

@InputType({ description: 'Issue activation codes for the LAOs of one province.' })
export class IssueProvinceCodesInput {
  @Field(() => ID, { description: 'Province.' })
  provinceId: string;

  @Field({
    defaultValue: false,
    description:
      'Also issue codes for LAOs that have already activated (this lets them reset their account).',
  })
  includeActivated: boolean;
}

const sixDigits = { message: 'รหัสยืนยันต้องเป็นตัวเลข 6 หลักจากแอปยืนยันตัวตน' };

@InputType({ description: 'The second step of a staff sign-in: a code from the app, or a recovery code.' })
export class CompleteSecondFactorSignInInput {
  @Field({ description: 'The challenge token `login` returned.' })
  @Length(20, 200, { message: 'การเข้าสู่ระบบครั้งนี้ไม่ถูกต้อง กรุณาเข้าสู่ระบบใหม่' })
  challengeToken: string;

  @Field(() => String, { nullable: true, description: 'The 6-digit code from the authenticator app.' })
  @IsOptional()
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, sixDigits)
  totpCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A one-time recovery code (XXXXX-XXXXX) instead of the app code.',
  })
  @IsOptional()
  @MaxLength(40, { message: 'รหัสกู้คืนยาวเกินไป' })
  recoveryCode?: string | null;
}

@InputType({ description: 'Confirm an authenticator app with a code it shows.' })
export class ConfirmSecondFactorEnrolmentInput {
  @Field(() => String, {
    nullable: true,
    description: 'The enrolment-required challenge of `login`; omit when signed in.',
  })
  @IsOptional()
  @Length(20, 200, { message: 'การเข้าสู่ระบบครั้งนี้ไม่ถูกต้อง กรุณาเข้าสู่ระบบใหม่' })
  challengeToken?: string | null;

  @Field({ description: 'The 6-digit code the app shows now.' })
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, sixDigits)
  totpCode: string;
}

@InputType({ description: 'Turn one’s own second factor off.' })
export class DisableSecondFactorInput {
  @Field({ description: 'The 6-digit code the app shows now.' })
  @Matches(/^\s*\d{3}\s?\d{3}\s*$/, sixDigits)
  totpCode: string;
}
