import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { Province } from '../geo/province.entity';
import { ApiKey } from './api-key.entity';
import { DeletedRecord } from './deleted-record.entity';
import { ApiKeysArgs, CreateApiKeyInput, DeletedRecordsArgs } from './partner.inputs';
import { CreatedApiKey } from './partner.types';

const ApiKeyConnection = connectionOf('ApiKey', ApiKey);
const DeletedRecordConnection = connectionOf('DeletedRecord', DeletedRecord);

@Resolver(() => ApiKey)
export class PartnerResolver {
  @Query(() => Date, {
    description:
      'Incremental sync: read this before pulling, keep it, and pass it as `updatedSince` / `since` next time. Nothing committed after it is stamped earlier.',
  })
  syncHorizon(@Ctx() ctx: Context): Promise<Date> {
    return ctx.services.sync.horizon();
  }

  @Query(() => DeletedRecordConnection, {
    description: 'Tombstones: records deleted at or after `since`, oldest first, within the caller’s reach.',
  })
  deletedRecords(@Args() args: DeletedRecordsArgs, @Ctx() ctx: Context) {
    return ctx.services.sync.deleted(ctx.viewer, args);
  }

  @Query(() => ApiKeyConnection, { description: 'NACC central: partner API keys, newest first.' })
  apiKeys(@Args() args: ApiKeysArgs, @Ctx() ctx: Context) {
    return ctx.services.apiKeys.list(ctx.viewer, args);
  }

  @Mutation(() => CreatedApiKey, {
    description: 'NACC central: create a read-only key for a partner organisation; the secret is shown once.',
  })
  createApiKey(
    @Arg('input', { description: 'The key.' }) input: CreateApiKeyInput,
    @Ctx() ctx: Context,
  ): Promise<CreatedApiKey> {
    return ctx.services.apiKeys.create(ctx.viewer, input);
  }

  @Mutation(() => ApiKey, { description: 'NACC central: revoke a key; it stops working at once.' })
  revokeApiKey(
    @Arg('id', () => ID, { description: 'The key.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<ApiKey> {
    return ctx.services.apiKeys.revoke(ctx.viewer, id);
  }

  @FieldResolver(() => [Province], {
    nullable: true,
    description: 'The provinces the key is limited to; null: every province.',
  })
  async provinces(@Root() key: ApiKey, @Ctx() ctx: Context): Promise<Province[] | null> {
    if (!key.provinceIds) return null;
    return (await Promise.all(key.provinceIds.map((id) => ctx.loaders.province.load(id)))) as Province[];
  }

  @FieldResolver(() => Boolean, { description: 'Neither revoked nor expired.' })
  active(@Root() key: ApiKey, @Ctx() ctx: Context): boolean {
    return !key.revokedAt && key.expiresAt > ctx.services.now();
  }
}
