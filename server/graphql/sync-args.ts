import { ArgsType, Field } from 'type-graphql';

/** `updatedSince` of every list a partner mirrors (see docs/api.md, "Incremental sync"). */
@ArgsType()
export class SyncArgs {
  @Field(() => Date, {
    nullable: true,
    description:
      'Only records changed at or after this instant (incremental sync; pass the `syncHorizon` read before your previous pull). The order becomes updatedAt, then id.',
  })
  updatedSince?: Date | null;
}
