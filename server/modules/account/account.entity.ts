import { Field, ID, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '../../auth/role';
import { Province } from '../geo/province.entity';
import { Region } from '../geo/region.entity';
import { Lao } from '../lao/lao.entity';

@ObjectType({ description: 'A person or office that signs in.' })
@Entity({ name: 'account' })
@Check(
  'account_scope',
  `("role" <> 'LAO' OR "lao_id" IS NOT NULL) AND ("role" <> 'NACC_PROVINCE' OR "province_id" IS NOT NULL) AND ("role"::text <> 'NACC_REGION' OR "region_id" IS NOT NULL) AND (NOT "administrator" OR "role" = 'NACC_CENTRAL')`,
)
@Index('account_lao_uq', ['laoId'], { unique: true, where: '"lao_id" IS NOT NULL' })
export class Account {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Login name: the 7-digit LAO code, or the NACC user name.' })
  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Field(() => Role, { description: 'Role.' })
  @Column({ type: 'enum', enum: Role, enumName: 'account_role' })
  role: Role;

  @Field({ description: 'Name shown in the app and on reports.' })
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'lao_id', type: 'integer', nullable: true })
  laoId: number | null;

  @ManyToOne(() => Lao, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Column({ name: 'province_id', type: 'smallint', nullable: true })
  provinceId: number | null;

  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_id' })
  province?: Province;

  /** A NACC central administrator (manages staff accounts, regions, contact channels); central accounts only. */
  @Field({ description: 'True for a NACC central administrator (manages staff accounts).' })
  @Column({ type: 'boolean', default: false })
  administrator: boolean;

  /** Set for role NACC_REGION: the region (ภาค) it oversees. */
  @Column({ name: 'region_id', type: 'smallint', nullable: true })
  regionId: number | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'FK_account_region' })
  region?: Region;

  /** Staff who sign in through the organisation's directory (LDAP / AD): the directory decides the password. */
  @Column({ name: 'uses_directory', type: 'boolean', default: false })
  usesDirectory: boolean;

  /** Set when the password must be changed at the next sign-in (e.g. a legacy password kept at import). */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** The TOTP shared secret (second factor), once enrolment has started. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret: string | null;

  /** When the second factor was confirmed; null = no second factor. */
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice (replay within its window). */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;

  /** NACC accounts' own email; an LAO's email is its coordinator's (profile). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Field(() => Date, { nullable: true, description: 'When the account was activated.' })
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last successful sign-in.' })
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
