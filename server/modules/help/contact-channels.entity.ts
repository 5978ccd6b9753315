import { Field, Int, ObjectType } from 'type-graphql';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Account } from '../account/account.entity';

/**
 * The one row of NACC central's contact channels (ช่องทางติดต่อ), shown on the sign-in page and in
 * help; the complaint channel (ช่องทางร้องเรียน) is linked from the public pages. Edited by NACC
 * central administrators (policy `help.editContacts`); every change is in the audit log and the
 * change history. No row, or an empty column, means "not set": nothing is shown.
 */
@ObjectType({
  description:
    'NACC’s contact channels for the offices using the system (ช่องทางติดต่อ) and its complaint channel; every field is null until NACC central sets it.',
})
@Entity({ name: 'contact_channels' })
@Check('contact_channels_single_row', `"id" = 1`)
export class ContactChannels {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Field(() => String, { nullable: true, description: 'Help-desk phone, e.g. 02-528-4800 ต่อ 3408.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'Help-desk e-mail address.' })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'LINE ID of the help desk, e.g. @nacc.' })
  @Column({ name: 'line_id', type: 'varchar', length: 50, nullable: true })
  lineId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'LINE link (https) that opens a chat with the help desk.',
  })
  @Column({ name: 'line_url', type: 'varchar', length: 500, nullable: true })
  lineUrl: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Office hours in Thai, e.g. วันจันทร์–ศุกร์ 08.30–16.30 น. เว้นวันหยุดราชการ.',
  })
  @Column({ name: 'office_hours', type: 'varchar', length: 200, nullable: true })
  officeHours: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'NACC’s complaint channel (ช่องทางร้องเรียน), an https address; the public pages link to it.',
  })
  @Column({ name: 'complaint_url', type: 'varchar', length: 500, nullable: true })
  complaintUrl: string | null;

  @Column({ name: 'updated_by_account_id', type: 'uuid', nullable: true })
  updatedByAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by_account_id', foreignKeyConstraintName: 'FK_contact_channels_updated_by' })
  updatedBy?: Account;

  @Field(() => Int, {
    description: 'Row version (0 while nothing was ever set); send it back to change them.',
  })
  @VersionColumn()
  version: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the channels were last changed; null when never set.',
  })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date | null;
}
