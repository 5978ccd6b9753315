import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A background job (a mail, a reminder run) that failed after its last retry; kept for JOB_KEEP_DAYS days. docs/operations.md, "Jobs and mail", says how to retry one.',
})
export class FailedJob {
  @Field(() => ID, { description: 'The job’s id in the queue (pgboss.job.id).' })
  id: string;

  @Field({ description: 'The queue: mail or reminders.' })
  queue: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The mail’s stable key, e.g. reminder:<LAO id>:<fiscal year>:<round>, password-reset:<id>, staff-invitation:<id>.',
  })
  key: string | null;

  @Field(() => String, { nullable: true, description: 'The mail’s recipient.' })
  recipient: string | null;

  @Field(() => Int, { description: 'Attempts made, the first one included.' })
  attempts: number;

  @Field(() => String, {
    nullable: true,
    description: 'The last attempt’s error, e.g. the mail server’s answer.',
  })
  error: string | null;

  @Field(() => Date, { description: 'When the job was queued.' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When its last attempt failed.' })
  failedAt: Date | null;
}
