import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
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

  @FieldResolver(() => Boolean, {
    description:
      'Whether the viewer may restore, now, the project this deletion removed (restoreProject): its latest deletion, not restored since, its plan cycle still running, no plan of its years under assessment.',
  })
  viewerCanRestore(@Root() event: ChangeEvent, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.projects.mayRestore(ctx.viewer, event);
  }
}
