import { Field, ObjectType } from 'type-graphql';
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

  @Field({
    description:
      'True while the password must be changed before anything else (e.g. a legacy e-PlanNACC password kept at import); the app asks for a new one first.',
  })
  mustChangePassword: boolean;

  @Field(() => Date, { description: 'When the current session ends.' })
  sessionExpiresAt: Date;
}

@ObjectType({ description: 'Result of signing in: a bearer token for the Authorization header.' })
export class AuthPayload {
  @Field({ description: 'Signed JWT; send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field(() => Date, { description: 'When the token expires.' })
  expiresAt: Date;

  @Field(() => Viewer, { description: 'Who is now signed in.' })
  viewer: Viewer;
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
