import { Field, ID, Int, ObjectType } from 'type-graphql';
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
  VersionColumn,
} from 'typeorm';
import { DecimalScalar, decimalTransformer } from '../../graphql/decimal.scalar';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';
import { LaoSize, LaoType } from './lao.enums';

@ObjectType({ description: 'Coordinator of an LAO (ข้อมูลผู้ประสานงาน). Private: never shown to the public.' })
export class LaoCoordinator {
  @Field(() => String, { nullable: true, description: 'Full name (ชื่อ - สกุล).' })
  fullName: string | null;

  @Field(() => String, { nullable: true, description: 'Position (ตำแหน่ง).' })
  position: string | null;

  @Field(() => String, { nullable: true, description: 'Unit (สังกัด ฝ่าย/กลุ่ม/กอง/สำนัก).' })
  unit: string | null;

  @Field(() => String, { nullable: true, description: 'Office phone (โทรศัพท์).' })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile phone (โทรศัพท์เคลื่อนที่).' })
  mobile: string | null;

  @Field(() => String, { nullable: true, description: 'Fax (โทรสาร).' })
  fax: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Registered email (อีเมล); password recovery goes to it.',
  })
  email: string | null;
}

@ObjectType({ description: 'A Local Administrative Organization (องค์กรปกครองส่วนท้องถิ่น, อปท.).' })
@Entity({ name: 'lao' })
@Index('lao_updated_idx', ['updatedAt', 'id'])
@Check('lao_code_format', `"code" ~ '^[0-9]{7}$'`)
@Check(
  'lao_non_negative',
  `"area_km2" >= 0 AND "population" >= 0 AND "revenue_excluding_subsidies" >= 0 AND "revenue_from_subsidies" >= 0`,
)
@Index('lao_province_idx', ['provinceId'])
@Index('lao_district_idx', ['districtId'])
// Trigram index for Thai substring search, hand-written in a migration.
@Index('lao_name_trgm_idx', { synchronize: false })
export class Lao {
  @Field(() => ID, { description: 'Internal identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field({ description: 'Seven-digit code assigned by DLA (รหัส อปท. 7 หลัก); also the login name.' })
  @Column({ type: 'char', length: 7, unique: true })
  code: string;

  @Field({ description: 'Thai name, e.g. องค์การบริหารส่วนตำบลดินทอง.' })
  @Column({ name: 'name_th', type: 'varchar', length: 200 })
  nameTh: string;

  @Field(() => LaoType, { description: 'Type (ประเภท อปท.).' })
  @Column({ type: 'enum', enum: LaoType, enumName: 'lao_type' })
  type: LaoType;

  @Field(() => LaoSize, { nullable: true, description: 'Size (ขนาด); set by the LAO in its profile.' })
  @Column({ type: 'enum', enum: LaoSize, enumName: 'lao_size', nullable: true })
  size: LaoSize | null;

  @Column({ name: 'province_id', type: 'smallint' })
  provinceId: number;

  @Field(() => Province, { description: 'Province (จังหวัด).' })
  @ManyToOne(() => Province, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_id' })
  province?: Province;

  @Column({ name: 'district_id', type: 'smallint' })
  districtId: number;

  @Field(() => District, { description: 'District (อำเภอ).' })
  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: District;

  @Field(() => String, { nullable: true, description: 'Office address (ที่ตั้งที่ทำการ).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Service area in km² (พื้นที่).' })
  @Column({
    name: 'area_km2',
    type: 'numeric',
    precision: 12,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  areaKm2: string | null;

  @Field(() => Int, { nullable: true, description: 'Population (จำนวนประชากร).' })
  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Revenue excluding subsidies, baht (รายได้ไม่รวมเงินอุดหนุน).',
  })
  @Column({
    name: 'revenue_excluding_subsidies',
    type: 'numeric',
    precision: 15,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  revenueExcludingSubsidies: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Revenue from subsidies, baht (รายได้จากเงินอุดหนุน).',
  })
  @Column({
    name: 'revenue_from_subsidies',
    type: 'numeric',
    precision: 15,
    scale: 2,
    nullable: true,
    transformer: decimalTransformer,
  })
  revenueFromSubsidies: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the local chief executive (ผู้บริหารท้องถิ่น).' })
  @Column({ name: 'chief_executive_name', type: 'varchar', length: 200, nullable: true })
  chiefExecutiveName: string | null;

  @Field(() => String, { nullable: true, description: 'Name of the LAO permanent secretary (ปลัด อปท.).' })
  @Column({ name: 'permanent_secretary_name', type: 'varchar', length: 200, nullable: true })
  permanentSecretaryName: string | null;

  @Column({ name: 'coordinator_full_name', type: 'varchar', length: 200, nullable: true })
  coordinatorFullName: string | null;

  @Column({ name: 'coordinator_position', type: 'varchar', length: 200, nullable: true })
  coordinatorPosition: string | null;

  @Column({ name: 'coordinator_unit', type: 'varchar', length: 200, nullable: true })
  coordinatorUnit: string | null;

  @Column({ name: 'coordinator_phone', type: 'varchar', length: 30, nullable: true })
  coordinatorPhone: string | null;

  @Column({ name: 'coordinator_mobile', type: 'varchar', length: 30, nullable: true })
  coordinatorMobile: string | null;

  @Column({ name: 'coordinator_fax', type: 'varchar', length: 30, nullable: true })
  coordinatorFax: string | null;

  @Column({ name: 'coordinator_email', type: 'varchar', length: 254, nullable: true })
  coordinatorEmail: string | null;

  @Field(() => String, { nullable: true, description: 'LAO website (เว็บไซต์ อปท.).' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When all three profile tabs were first complete; null while the first-use wizard is unfinished.',
  })
  @Column({ name: 'profile_completed_at', type: 'timestamptz', nullable: true })
  profileCompletedAt: Date | null;

  @Field(() => Int, {
    description: 'Row version; send it back with an edit so a stale edit fails with CONFLICT.',
  })
  @VersionColumn()
  version: number;

  @Field(() => Date, { description: 'When the record was created.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When the record last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
