import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../auth/role';
import { Province } from '../geo/province.entity';
import { Region } from '../geo/region.entity';
import { StaffRole } from './staff-role';

@ObjectType({
  description: 'A NACC staff account as administrators manage it (never a password or second-factor secret).',
})
export class StaffAccount {
  @Field(() => ID, { description: 'Account id.' })
  id: string;

  @Field({ description: 'User name used to sign in.' })
  username: string;

  @Field({ description: 'Name shown in the app.' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'Mail address invitations and reset links go to.' })
  email: string | null;

  @Field(() => StaffRole, {
    description: 'What the account is (role, and administrator for central accounts).',
  })
  staffRole: StaffRole;

  @Field(() => Role, { description: 'The account role behind `staffRole`.' })
  role: Role;

  @Field(() => Province, { nullable: true, description: 'The province of a provincial office.' })
  province: Province | null;

  @Field(() => Region, { nullable: true, description: 'The region of a regional office.' })
  region: Region | null;

  @Field({ description: "True when the account signs in through the organisation's directory (LDAP / AD)." })
  usesDirectory: boolean;

  @Field({ description: 'True once a second factor (TOTP) is enrolled.' })
  secondFactorEnabled: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When the account was disabled; null while it may sign in.',
  })
  disabledAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the first password was set (null: invitation not taken yet).',
  })
  activatedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Expiry of the outstanding invitation link, while one waits to be used.',
  })
  invitationExpiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  lastLoginAt: Date | null;

  @Field(() => Date, { description: 'When the account was created.' })
  createdAt: Date;
}
