import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { ChangeEvent } from './change-event.entity';

const ChangeEventConnection = connectionOf('ChangeEvent', ChangeEvent);

@Resolver(() => ChangeEvent)
export class HistoryResolver {
  @Query(() => ChangeEventConnection, {
    description:
      'The change history (timeline) of an LAO’s plan data, newest first; optionally of one project.',
  })
  planHistory(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Ctx() ctx: Context,
    @Arg('projectId', () => ID, { nullable: true, description: 'Only this project.' }) projectId?: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first = 50,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after?: string,
  ) {
    return ctx.services.history.timeline(ctx.viewer, {
      laoId: parseId(laoId, 'laoId'),
      entityType: projectId ? 'PROJECT' : undefined,
      entityId: projectId ? String(parseId(projectId, 'projectId')) : undefined,
      first: Math.min(Math.max(first, 1), 200),
      after: after ?? undefined,
    });
  }
}
