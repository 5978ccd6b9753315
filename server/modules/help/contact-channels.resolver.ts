import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { ContactChannels } from './contact-channels.entity';
import { ContactChannelsInput } from './contact-channels.inputs';

/** Help: NACC's contact channels, read by anyone (sign-in page, help, public pages). */
@Resolver(() => ContactChannels)
export class ContactChannelsResolver {
  @Query(() => ContactChannels, {
    description:
      'NACC’s contact channels and complaint channel, for anyone (signed in or not); fields NACC has not set are null.',
  })
  contactChannels(@Ctx() ctx: Context): Promise<ContactChannels> {
    return ctx.services.contactChannels.get();
  }

  @Mutation(() => ContactChannels, {
    description:
      'Replace NACC’s contact channels (a null or blank field is cleared). NACC central administrators only.',
  })
  updateContactChannels(
    @Arg('input', { description: 'Every channel, as it should be shown.' }) input: ContactChannelsInput,
    @Ctx() ctx: Context,
  ): Promise<ContactChannels> {
    return ctx.services.contactChannels.set(ctx.viewer, input);
  }
}
