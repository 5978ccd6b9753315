import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { badInput } from '../../errors/app-error';
import { FailedJob } from './failed-job.types';

@Resolver(() => FailedJob)
export class JobsResolver {
  @Query(() => [FailedJob], {
    description:
      'NACC central: background jobs (mails, reminder runs) that failed after their last retry, newest first.',
  })
  failedJobs(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1–500.' }) first = 50,
  ): Promise<FailedJob[]> {
    if (first < 1 || first > 500)
      throw badInput([
        { field: 'first', constraints: ['range'], message: 'จำนวนรายการต้องอยู่ระหว่าง 1 ถึง 500' },
      ]);
    return ctx.services.jobs.failedJobs(first);
  }
}
