import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ApiScope } from '../../auth/api-scope';
import { can, requireSignedIn } from '../../auth/policy';
import { digest } from '../../auth/secrets';
import type { Viewer } from '../../auth/viewer';
import { anonymous } from '../../auth/viewer';
import { badInput, forbidden, notFound } from '../../errors/app-error';
import type { Connection } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { keysetPage } from '../../graphql/keyset';
import { Province } from '../geo/province.entity';
import { ApiKey } from './api-key.entity';
import type { ApiKeysArgs, CreateApiKeyInput } from './partner.inputs';

/** Partner keys look like `lpk_<8 id chars>_<43 secret chars>`; the prefix tells keys apart in lists. */
export const apiKeyPattern = /^lpk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/;

const scopeOrder = Object.values(ApiScope);

export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  /** NACC central creates a key; the secret is returned once. */
  async create(viewer: Viewer, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    const actor = requireSignedIn(viewer);
    if (!can(viewer, 'apiKey.manage')) throw forbidden();
    const provinceIds = input.provinceIds
      ? [...new Set(input.provinceIds.map((id) => parseId(id, 'provinceIds')))].sort((a, b) => a - b)
      : null;
    if (provinceIds) {
      const known = await this.dataSource.getRepository(Province).countBy(provinceIds.map((id) => ({ id })));
      if (known !== provinceIds.length)
        throw badInput([
          { field: 'provinceIds', constraints: ['unknownProvince'], message: 'มีรหัสจังหวัดที่ไม่รู้จัก' },
        ]);
    }
    const prefix = `lpk_${randomBytes(6).toString('base64url')}`;
    const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.dataSource.getRepository(ApiKey).save({
      name: input.name.trim(),
      organisation: input.organisation.trim(),
      scopes: scopeOrder.filter((scope) => input.scopes.includes(scope)),
      provinceIds,
      prefix,
      secretDigest: digest(secret),
      expiresAt: new Date(this.now().getTime() + input.validDays * 24 * 60 * 60 * 1000),
      revokedAt: null,
      lastUsedAt: null,
      createdByAccountId: actor.accountId,
    });
    return { apiKey, secret };
  }

  /** Revoking is immediate: the next request with the key is anonymous. */
  async revoke(viewer: Viewer, id: string): Promise<ApiKey> {
    if (!can(viewer, 'apiKey.manage')) throw forbidden();
    const repository = this.dataSource.getRepository(ApiKey);
    const key = /^[0-9a-f-]{36}$/i.test(id) ? await repository.findOneBy({ id }) : null;
    if (!key) throw notFound('กุญแจ API');
    if (!key.revokedAt) {
      key.revokedAt = this.now();
      await repository.update({ id }, { revokedAt: key.revokedAt });
    }
    return key;
  }

  list(viewer: Viewer, args: ApiKeysArgs): Promise<Connection<ApiKey>> {
    if (!can(viewer, 'apiKey.manage')) throw forbidden();
    const query = this.dataSource.getRepository(ApiKey).createQueryBuilder('k');
    if (!args.includeInactive)
      query.where('k.revoked_at IS NULL AND k.expires_at > :now', { now: this.now() });
    return keysetPage(
      query,
      [
        { sql: 'k.created_at', type: 'timestamptz', desc: true },
        { sql: 'k.id', type: 'uuid', desc: true },
      ],
      args,
    );
  }

  /** The viewer a key acts as, or anonymous for an unknown, revoked or expired key. */
  async resolve(secret: string): Promise<Viewer> {
    if (!apiKeyPattern.test(secret)) return anonymous;
    const key = await this.dataSource.getRepository(ApiKey).findOneBy({ secretDigest: digest(secret) });
    const now = this.now();
    if (!key || key.revokedAt || key.expiresAt <= now) return anonymous;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
      // To the minute: one write per key per minute at most, however busy the partner is.
      await this.dataSource.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: now });
    }
    return {
      kind: 'partner',
      apiKeyId: key.id,
      organisation: key.organisation,
      scopes: key.scopes,
      provinceIds: key.provinceIds,
    };
  }
}
