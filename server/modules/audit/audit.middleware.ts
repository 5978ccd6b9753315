import type { MiddlewareFn } from 'type-graphql';
import type { Context } from '../../context';

/** Argument names whose values never reach the log. */
const secret = /password|token|activationCode|totpCode|recoveryCode|contentBase64|idempotencyKey/i;

const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.slice(0, 50).map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
        key,
        secret.test(key) ? '[redacted]' : redact(inner),
      ]),
    );
  }
  return typeof value === 'string' && value.length > 500 ? `${value.slice(0, 500)}…` : value;
};

/**
 * Global middleware: every root mutation is an audited call, whatever its outcome. Its row is
 * written in the same transaction as its change (AuditService.audited, AuditCommitSubscriber),
 * or after it when it committed no transaction; a row that cannot be written fails the mutation.
 */
export const auditMutations: MiddlewareFn<Context> = ({ context, info, args }, next) => {
  if (info.parentType.name !== 'Mutation') return next();
  const { viewer } = context;
  const input = (args as { input?: { username?: string; laoCode?: string } }).input;
  return context.services.audit.audited(
    {
      operation: info.fieldName,
      accountId: viewer.kind === 'account' ? viewer.accountId : null,
      // Cut to the column (varchar 200): a long submitted username must not make the record fail.
      actor:
        viewer.kind === 'account'
          ? viewer.displayName
          : ((input?.username ?? input?.laoCode)?.slice(0, 200) ?? null),
      role: viewer.kind === 'account' ? viewer.role : null,
      clientAddress: context.clientAddress.slice(0, 64),
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      arguments: redact(args) as Record<string, unknown>,
    },
    () => Promise.resolve(next()),
  );
};
