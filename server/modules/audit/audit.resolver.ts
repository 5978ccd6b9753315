import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { AuditEvent } from './audit-event.entity';

const AuditEventConnection = connectionOf('AuditEvent', AuditEvent);

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: 'NACC central: the audit log of sign-ins and writes, newest first.',
  })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('operation', () => String, { nullable: true, description: 'Only this operation, e.g. login.' })
    operation?: string,
    @Arg('accountId', () => ID, { nullable: true, description: 'Only calls by this account.' })
    accountId?: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1–200.' }) first = 50,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' })
    after?: string,
  ) {
    return ctx.services.audit.list({
      operation: operation ?? undefined,
      accountId: accountId ?? undefined,
      first: Math.min(Math.max(first, 1), 200),
      after: after ?? undefined,
    });
  }
}
