import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Lao } from '../lao/lao.entity';
import { SiteVisitStatus } from './follow-up.enums';

@ObjectType({
  description:
    'A site visit (การนิเทศติดตาม, Site Visit Tracking Supervision) of the provincial NACC office to one LAO in one fiscal year: planned, then done with findings and recommendations.',
})
@Entity({ name: 'site_visit' })
@Index('site_visit_lao_year_uq', ['laoId', 'fiscalYear'], { unique: true })
@Index('site_visit_year_idx', ['fiscalYear', 'status'])
@Check('site_visit_done_date', `"status" <> 'DONE' OR "visited_on" IS NOT NULL`)
@Check('site_visit_planned_date', `"status" <> 'PLANNED' OR "planned_on" IS NOT NULL`)
export class SiteVisit {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Field(() => ID, { description: 'Id of the LAO visited.' })
  @Column({ name: 'lao_id', type: 'integer' })
  laoId: number;

  @ManyToOne(() => Lao, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lao_id' })
  lao?: Lao;

  @Field(() => Int, { description: 'Fiscal year (พ.ศ.).' })
  @Column({ name: 'fiscal_year', type: 'smallint' })
  fiscalYear: number;

  @Field(() => SiteVisitStatus, { description: 'Planned or done.' })
  @Column({ type: 'enum', enum: SiteVisitStatus, enumName: 'site_visit_status' })
  status: SiteVisitStatus;

  @Field(() => String, { nullable: true, description: 'Planned day (YYYY-MM-DD, Gregorian).' })
  @Column({ name: 'planned_on', type: 'date', nullable: true })
  plannedOn: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Day of the visit (YYYY-MM-DD, Gregorian), once done.',
  })
  @Column({ name: 'visited_on', type: 'date', nullable: true })
  visitedOn: string | null;

  @Field({ description: 'The visiting officers (คณะผู้นิเทศติดตาม), names and positions.' })
  @Column({ type: 'text', default: '' })
  officers: string;

  @Field({ description: 'Findings (ผลการนิเทศติดตาม).' })
  @Column({ type: 'text', default: '' })
  findings: string;

  @Field({ description: 'Recommendations to the LAO (ข้อเสนอแนะ).' })
  @Column({ type: 'text', default: '' })
  recommendations: string;

  @Column({ name: 'updated_by_account_id', type: 'uuid' })
  updatedByAccountId: string;

  @Field(() => Date, { description: 'When it was first saved.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { description: 'When it was last changed.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int, { description: 'Row version (send it back to change the visit).' })
  @VersionColumn()
  version: number;
}

@ObjectType({
  description:
    'A file attached to a site visit (a report, photos, a spreadsheet): PDF, JPEG, PNG, DOCX or XLSX, type checked by content.',
})
@Entity({ name: 'site_visit_file' })
@Index('site_visit_file_visit_idx', ['siteVisitId'])
export class SiteVisitFile {
  @Field(() => ID, { description: 'Identifier (random, also in the download address).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'site_visit_id', type: 'integer' })
  siteVisitId: number;

  @ManyToOne(() => SiteVisit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_visit_id' })
  siteVisit?: SiteVisit;

  @Field({ description: 'The file’s name as uploaded (Thai names kept).' })
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Field({ description: 'Media type found from the file’s content (not from its name).' })
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, hexadecimal.' })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by_account_id', type: 'uuid' })
  uploadedByAccountId: string;

  @Field(() => Date, { description: 'When it was uploaded.' })
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}

/** The bytes of a file, apart from its description, so lists never read them. */
@Entity({ name: 'site_visit_file_content' })
export class SiteVisitFileContent {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @ManyToOne(() => SiteVisitFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: SiteVisitFile;

  @Column({ type: 'bytea' })
  content: Buffer;
}
