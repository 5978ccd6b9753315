import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { Viewer } from '../account/account.types';
import { Province } from '../geo/province.entity';
import { Region } from '../geo/region.entity';
import {
  AcceptStaffInvitationInput,
  AssignProvinceRegionInput,
  InviteStaffInput,
  StaffAccountsArgs,
  UpdateStaffAccountInput,
} from './staff.inputs';
import { StaffAccount } from './staff.types';

const StaffAccountConnection = connectionOf('StaffAccount', StaffAccount);

@Resolver(() => StaffAccount)
export class StaffResolver {
  @Query(() => StaffAccountConnection, {
    description: 'NACC central administrators: staff accounts (central, provincial, regional), by user name.',
  })
  staffAccounts(@Args() args: StaffAccountsArgs, @Ctx() ctx: Context) {
    return ctx.services.staff.list(ctx.viewer, args);
  }

  @Mutation(() => StaffAccount, {
    description:
      'NACC central administrators: create a staff account and mail its one-time, expiring link to set a password (a directory account gets no link).',
  })
  inviteStaff(
    @Arg('input', { description: 'The account.' }) input: InviteStaffInput,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.invite(ctx.viewer, input);
  }

  @Mutation(() => StaffAccount, {
    description: 'NACC central administrators: mail a new invitation link (older links stop working).',
  })
  resendStaffInvitation(
    @Arg('accountId', () => ID, { description: 'The account.' }) accountId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.resendInvitation(ctx.viewer, accountId);
  }

  @Mutation(() => StaffAccount, {
    description:
      'NACC central administrators: change a staff account’s role, scope, name, mail or directory sign-in. The last enabled administrator cannot be demoted (LAST_ADMINISTRATOR).',
  })
  updateStaffAccount(
    @Arg('input', { description: 'The new values.' }) input: UpdateStaffAccountInput,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.update(ctx.viewer, input);
  }

  @Mutation(() => StaffAccount, {
    description:
      'NACC central administrators: disable a staff account; every session of it ends at once. Not the last enabled administrator (LAST_ADMINISTRATOR).',
  })
  disableStaffAccount(
    @Arg('accountId', () => ID, { description: 'The account.' }) accountId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.disable(ctx.viewer, accountId);
  }

  @Mutation(() => StaffAccount, {
    description: 'NACC central administrators: enable a disabled staff account again.',
  })
  enableStaffAccount(
    @Arg('accountId', () => ID, { description: 'The account.' }) accountId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.enable(ctx.viewer, accountId);
  }

  @Mutation(() => StaffAccount, {
    description:
      'NACC central administrators: remove a staff account’s second factor (lost phone); its sessions end and it enrols again.',
  })
  resetStaffSecondFactor(
    @Arg('accountId', () => ID, { description: 'The account.' }) accountId: string,
    @Ctx() ctx: Context,
  ): Promise<StaffAccount> {
    return ctx.services.staff.resetSecondFactor(ctx.viewer, accountId);
  }

  @Mutation(() => Boolean, {
    description:
      'Set the first password with the token of a staff invitation (or admin:create setup) link; the link then stops working. Sign in afterwards.',
  })
  acceptStaffInvitation(
    @Arg('input', { description: 'Token and password.' }) input: AcceptStaffInvitationInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.staff.acceptInvitation(
      { clientAddress: ctx.clientAddress, userAgent: ctx.userAgent },
      input.token,
      input.newPassword,
    );
  }
}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: 'NACC: the regions (ภาค 1–9) and the provinces that form each.' })
  regions(@Ctx() ctx: Context): Promise<Region[]> {
    return ctx.services.staff.regions();
  }

  @Mutation(() => Province, {
    description:
      'NACC central administrators: put a province in a region (or in none); the region’s office reaches it from its next request on.',
  })
  assignProvinceRegion(
    @Arg('input', { description: 'Province and region.' }) input: AssignProvinceRegionInput,
    @Ctx() ctx: Context,
  ): Promise<Province> {
    return ctx.services.staff.assignProvinceRegion(ctx.viewer, input);
  }

  @FieldResolver(() => [Province], { description: 'The provinces that form the region, in Thai order.' })
  provinces(@Root() region: Region, @Ctx() ctx: Context): Promise<Province[]> {
    return ctx.services.staff.regionProvinces(region.id);
  }
}

@Resolver(() => Viewer)
export class ViewerReachResolver {
  @FieldResolver(() => [Province], {
    description:
      'The provinces a provincial or regional office reaches (its province; its region’s provinces as they are now); empty for NACC central (every province) and LAOs.',
  })
  reachProvinces(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Province[]> {
    return ctx.services.staff.reachOf(viewer.account);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region of a regional office.' })
  region(@Root() viewer: Viewer, @Ctx() ctx: Context): Promise<Region | null> {
    return ctx.services.staff.region(viewer.account.regionId);
  }
}
