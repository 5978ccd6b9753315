import { IsInt, IsOptional, isEmail, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import {
  contactMessages,
  isContactPhone,
  isHttpsUrl,
  isLineId,
  LINE_ID_MAX,
  OFFICE_HOURS_MAX,
  URL_MAX,
} from './contact-rules';

/** Optional text: null, absent and blank are all "not set" (stored as null). */
const Given = () =>
  ValidateIf(
    (_object, value: unknown) => value !== null && value !== undefined && String(value).trim() !== '',
  );

const rule = (name: string, validate: (value: string) => boolean, message: string) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && validate(value),
      defaultMessage: () => message,
    },
  });

@InputType({
  description:
    'NACC’s contact channels, all of them at once: a field left null or blank is cleared (shown nowhere).',
})
export class ContactChannelsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Help-desk phone: 9–10 digits from 0, or a 4-digit hotline; "ต่อ N" for an extension.',
  })
  @Given()
  @rule('isContactPhone', isContactPhone, contactMessages.phone)
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Help-desk e-mail address.' })
  @Given()
  @rule('isEmail', (value) => value.trim().length <= 254 && isEmail(value.trim()), contactMessages.email)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'LINE ID, e.g. @nacc.' })
  @Given()
  @rule('isLineId', isLineId, contactMessages.lineId)
  @MaxLength(LINE_ID_MAX, { message: contactMessages.lineId })
  lineId?: string | null;

  @Field(() => String, { nullable: true, description: 'LINE link; https only.' })
  @Given()
  @rule('isHttpsUrl', isHttpsUrl, contactMessages.lineUrl)
  @MaxLength(URL_MAX, { message: contactMessages.urlTooLong })
  lineUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `Office hours, Thai text (at most ${OFFICE_HOURS_MAX} characters).`,
  })
  @Given()
  @MaxLength(OFFICE_HOURS_MAX, { message: contactMessages.officeHours })
  officeHours?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'NACC’s complaint channel (ช่องทางร้องเรียน); https only.',
  })
  @Given()
  @rule('isHttpsUrl', isHttpsUrl, contactMessages.complaintUrl)
  @MaxLength(URL_MAX, { message: contactMessages.urlTooLong })
  complaintUrl?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version the editor saw (ContactChannels.version); a later change by someone else is refused (CONFLICT).',
  })
  @IsOptional()
  @IsInt()
  version?: number | null;
}
