import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Province } from '../geo/province.entity';
import { Lao } from '../lao/lao.entity';
import { Account } from './account.entity';

@ObjectType({ description: 'The signed-in caller, with what the app needs to route them.' })
export class Viewer {
  @Field(() => Account, { description: 'The account signed in.' })
  account: Account;

  @Field(() => Lao, { nullable: true, description: 'The LAO of an LAO account.' })
  lao: Lao | null;

  @Field(() => Province, { nullable: true, description: 'The province of a provincial NACC account.' })
  province: Province | null;

  @Field({
    description: 'True while an LAO has not completed the three-tab profile; the app shows the wizard first.',
  })
  mustCompleteProfile: boolean;

  @Field(() => Date, { description: 'When the current session ends.' })
  sessionExpiresAt: Date;

  @Field({
    description:
      'True while the password must be changed (e.g. a legacy password kept at import): this session may only change it; the app opens the change-password page.',
  })
  mustChangePassword: boolean;

  @Field({
    description: 'True when the organisation’s directory (LDAP / AD) decides this account’s password.',
  })
  passwordManagedByDirectory: boolean;

  @Field({ description: 'True once the account has a confirmed second factor (authenticator app).' })
  secondFactorEnabled: boolean;

  @Field({
    description: 'True when the policy requires a second factor of this account (it cannot be turned off).',
  })
  secondFactorRequired: boolean;

  @Field({ description: 'True when the account may enrol a second factor (staff; never LAO accounts).' })
  secondFactorAvailable: boolean;

  @Field(() => Int, { description: 'Recovery codes of the second factor not used yet.' })
  recoveryCodesLeft: number;
}

@ObjectType({ description: 'Result of signing in: a bearer token for the Authorization header.' })
export class AuthPayload {
  @Field({ description: 'Signed JWT; send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => Date, { description: 'When the token expires.' })
  expiresAt: Date;

  @Field(() => Viewer, { description: 'Who is now signed in.' })
  viewer: Viewer;

  @Field(() => String, {
    nullable: true,
    description:
      'After login or activation: a device token for this account. Keep it on this device only and send it ' +
      'with the next login of the same account (`LoginInput.deviceToken`): a known device is slowed down only ' +
      'by its own failed attempts, never by failures from elsewhere. It is not a credential. Null otherwise.',
  })
  deviceToken?: string | null;
}

export enum SecondFactorStep {
  CODE_REQUIRED = 'CODE_REQUIRED',
  ENROLMENT_REQUIRED = 'ENROLMENT_REQUIRED',
}

registerEnumType(SecondFactorStep, {
  name: 'SecondFactorStep',
  description: 'What a sign-in still needs before it becomes a session.',
  valuesConfig: {
    CODE_REQUIRED: {
      description: 'A code from the authenticator app, or a recovery code (completeSecondFactorSignIn).',
    },
    ENROLMENT_REQUIRED: {
      description:
        'The policy requires a second factor the account does not have yet: enrol first (startSecondFactorEnrolment, confirmSecondFactorEnrolment).',
    },
  },
});

@ObjectType({
  description:
    'A sign-in that proved the password but still owes a second factor. Its token is not a session: it only completes this sign-in, once, before it expires.',
})
export class SecondFactorChallenge {
  @Field({ description: 'The challenge token to send back with the code or the enrolment.' })
  token: string;

  @Field(() => SecondFactorStep, { description: 'What is still needed.' })
  step: SecondFactorStep;

  @Field(() => Date, { description: 'When the challenge expires (sign in again after).' })
  expiresAt: Date;
}

@ObjectType({
  description:
    'Result of `login`: a session (token, expiresAt, viewer), or, for staff with a second factor (or who must enrol one), a challenge and no session yet.',
})
export class LoginPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Signed JWT (`Authorization: Bearer <token>`); null while `secondFactor` is pending.',
  })
  token: string | null;

  @Field(() => Date, { nullable: true, description: 'When the token expires; null without a token.' })
  expiresAt: Date | null;

  @Field(() => Viewer, { nullable: true, description: 'Who is now signed in; null without a token.' })
  viewer: Viewer | null;

  @Field(() => SecondFactorChallenge, {
    nullable: true,
    description:
      'Set instead of a session when the sign-in needs a second-factor code or an enrolment first.',
  })
  secondFactor: SecondFactorChallenge | null;

  @Field(() => String, {
    nullable: true,
    description:
      'With a session: a device token for this account (see `AuthPayload.deviceToken`); null while `secondFactor` is pending (it is issued when the sign-in completes).',
  })
  deviceToken?: string | null;
}

@ObjectType({ description: 'A second factor being enrolled: what to put into the authenticator app.' })
export class SecondFactorEnrolment {
  @Field({ description: 'The shared secret in base32, for typing into the app by hand (manual key).' })
  secret: string;

  @Field({ description: 'The otpauth:// URI the QR code holds.' })
  otpauthUri: string;

  @Field({ description: 'The QR code of `otpauthUri` as an SVG data URL (`data:image/svg+xml;base64,…`).' })
  qrCodeDataUrl: string;
}

@ObjectType({ description: 'A confirmed second factor: its recovery codes, shown this once.' })
export class SecondFactorEnrolled {
  @Field(() => [String], {
    description: 'One-time recovery codes (XXXXX-XXXXX); each signs in once without the app. Shown only now.',
  })
  recoveryCodes: string[];

  @Field(() => AuthPayload, {
    nullable: true,
    description: 'The session, when the enrolment completed a sign-in (enrolment-required challenge).',
  })
  session: AuthPayload | null;
}

@ObjectType({ description: 'A freshly issued activation code. The code is shown this once and never again.' })
export class IssuedActivationCode {
  @Field(() => Lao, { description: 'The LAO the code activates.' })
  lao: Lao;

  @Field({
    description: 'The one-time code, e.g. K7QF-M2XP-9H4T. Hand it to the LAO over an official channel.',
  })
  code: string;

  @Field(() => Date, { description: 'When the code stops working.' })
  expiresAt: Date;
}

@ObjectType({ description: 'Whether an LAO has taken its account (seen by NACC and the LAO itself).' })
export class LaoAccountStatus {
  @Field({ description: 'True once the LAO has activated its account.' })
  activated: boolean;

  @Field(() => Date, { nullable: true, description: 'When the account was activated.' })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  lastLoginAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Expiry of the newest unused activation code, when one is outstanding.',
  })
  pendingCodeExpiresAt: Date | null;
}
