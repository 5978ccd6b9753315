import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { signSessionToken, verifySessionToken } from '../../auth/jwt';
import { anonymous, type Viewer } from '../../auth/viewer';
import type { AppConfig } from '../../config';
import { preparedQuery } from '../../db/prepared';
import { Role } from '../../auth/role';
import type { ApiKeyService } from '../partner/api-key.service';
import { Account } from './account.entity';
import { Session } from './session.entity';

export type SessionViewerRow = {
  session_id: string;
  account_id: string;
  role: Role;
  display_name: string;
  lao_id: number | null;
  province_id: number | null;
  region_id: number | null;
  administrator: boolean;
  must_change_password: boolean;
  /** The provinces of a regional office's region (empty for everyone else). */
  region_province_ids: number[];
};

/** The session must exist, belong to the subject, be unrevoked and unexpired, its account enabled. */
export const sessionViewerSql = `
  SELECT s.id AS session_id, a.id AS account_id, a.role, a.display_name, a.lao_id, a.province_id,
         a.region_id, a.administrator, a.must_change_password,
         CASE WHEN a.region_id IS NULL THEN '{}'::smallint[]
              ELSE ARRAY(SELECT p.id FROM province p WHERE p.region_id = a.region_id ORDER BY p.id) END
           AS region_province_ids
    FROM session s JOIN account a ON a.id = s.account_id
   WHERE s.id = $1 AND s.account_id = $2
     AND s.revoked_at IS NULL AND s.expires_at > now() AND a.disabled_at IS NULL`;

export type RequestMeta = { clientAddress: string; userAgent: string | null };

/** The token of an `Authorization: Bearer …` header, if that is what it holds. */
const bearerToken = (authorization: string | undefined): string | null =>
  /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? null;

/** The viewer of a row of `sessionViewerSql`. */
export const viewerOf = (row: SessionViewerRow): Viewer => ({
  kind: 'account',
  accountId: row.account_id,
  sessionId: row.session_id,
  role: row.role,
  displayName: row.display_name,
  laoId: row.lao_id,
  provinceId: row.province_id,
  regionId: row.region_id,
  provinceIds:
    row.role === Role.NACC_PROVINCE && row.province_id !== null
      ? [row.province_id]
      : row.role === Role.NACC_REGION
        ? row.region_province_ids
        : [],
  administrator: row.administrator,
  mustChangePassword: row.must_change_password,
});

/** Sessions behind the JWTs: issuing, resolving a bearer token to a viewer, revoking. */
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyService,
  ) {}

  async start(
    manager: EntityManager,
    account: Account,
    meta: RequestMeta,
  ): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
    const expiresAt = new Date(Date.now() + this.config.jwt.ttlSeconds * 1000);
    const session = await manager.getRepository(Session).save({
      accountId: account.id,
      expiresAt,
      revokedAt: null,
      ipAddress: meta.clientAddress.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await manager.getRepository(Account).update({ id: account.id }, { lastLoginAt: new Date() });
    const token = signSessionToken(this.config.jwt, { sub: account.id, sid: session.id }, expiresAt);
    return { token, expiresAt, sessionId: session.id };
  }

  /**
   * A partner API key (`lpk_…`) or a session JWT. For a JWT, one indexed lookup: the
   * session must exist, belong to the subject, be unrevoked and unexpired. A session that may
   * only change its password reads as anonymous unless `passwordChangeOnly` is 'keep' (GraphQL,
   * whose access guard lets it change the password); HTTP downloads never see it signed in.
   */
  async resolveViewer(
    authorization: string | undefined,
    passwordChangeOnly: 'keep' | 'anonymous' = 'anonymous',
  ): Promise<Viewer> {
    const token = bearerToken(authorization);
    if (!token) return anonymous;
    if (token.startsWith('lpk_')) return this.apiKeys.resolve(token);
    const claims = verifySessionToken(this.config.jwt, token);
    if (!claims) return anonymous;
    // Every signed-in request runs this: one prepared statement, no entity hydration.
    const [row] = await preparedQuery<SessionViewerRow>(this.dataSource, 'session-viewer', sessionViewerSql, [
      claims.sid,
      claims.sub,
    ]);
    if (!row || (row.must_change_password && passwordChangeOnly === 'anonymous')) return anonymous;
    return viewerOf(row);
  }

  /**
   * The claims of a session JWT in the header (not an API key), if it verifies; the request's
   * admission (server/graphql/limits/admission.ts) looks the session up with its charge.
   */
  sessionClaims(authorization: string | undefined) {
    const token = bearerToken(authorization);
    return token && !token.startsWith('lpk_') ? verifySessionToken(this.config.jwt, token) : null;
  }

  async sessionExpiry(sessionId: string): Promise<Date> {
    const session = await this.dataSource.getRepository(Session).findOneByOrFail({ id: sessionId });
    return session.expiresAt;
  }

  revoke(sessionId: string): Promise<unknown> {
    return this.dataSource
      .getRepository(Session)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Password changes, resets and re-activation end every session of the account. */
  revokeAll(manager: EntityManager, accountId: string): Promise<unknown> {
    return manager
      .getRepository(Session)
      .update({ accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
