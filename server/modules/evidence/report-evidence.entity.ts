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
} from 'typeorm';
import { Report } from '../report/report.entity';

@ObjectType({
  description:
    'Evidence an LAO attached to a progress report (a photo or a document: PDF, JPEG, PNG, DOCX or XLSX, type checked by content). The LAO and NACC in reach read it; the public only photos the LAO published (ReportEvidencePhoto).',
})
@Entity({ name: 'report_evidence' })
@Index('report_evidence_report_idx', ['reportId'])
@Check('report_evidence_public_image', `NOT "is_public" OR "content_type" LIKE 'image/%'`)
export class ReportEvidence {
  @Field(() => ID, { description: 'Identifier (random, also in the download address).' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'Id of the progress report.' })
  @Column({ name: 'report_id', type: 'integer' })
  reportId: number;

  @ManyToOne(() => Report, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Report;

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

  @Field({ description: 'Whether a thumbnail was made (images only).' })
  @Column({ name: 'has_thumbnail', type: 'boolean', default: false })
  hasThumbnail: boolean;

  @Field({ description: 'Published by the LAO: the photo shows on its public page (images only).' })
  @Column({ name: 'is_public', type: 'boolean', default: false })
  isPublic: boolean;

  @Column({ name: 'uploaded_by_account_id', type: 'uuid' })
  uploadedByAccountId: string;

  @Field(() => Date, { description: 'When it was uploaded.' })
  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}

/** The bytes of an evidence file and of its thumbnail, apart from its description, so lists never read them. */
@Entity({ name: 'report_evidence_content' })
export class ReportEvidenceContent {
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @ManyToOne(() => ReportEvidence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id' })
  evidence?: ReportEvidence;

  @Column({ type: 'bytea' })
  content: Buffer;

  /** A JPEG of at most 320 × 320 pixels, for images; null otherwise. */
  @Column({ type: 'bytea', nullable: true })
  thumbnail: Buffer | null;
}

@ObjectType({
  description:
    'A photo the LAO published with a progress report, for its public page: only what a photo needs, nothing about who uploaded it.',
})
export class ReportEvidencePhoto {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field({ description: 'The photo’s file name.' })
  fileName: string;

  @Field({ description: 'Where to get the photo (GET, no sign-in needed): /files/evidence/<id>.' })
  downloadUrl: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where to get its thumbnail: /files/evidence/<id>/thumbnail (null when none).',
  })
  thumbnailUrl: string | null;
}
