import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { can } from '../../auth/policy';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { LaoAccountStatus } from '../account/account.types';
import { parseId } from '../../graphql/ids';
import { District } from '../geo/district.entity';
import { Province } from '../geo/province.entity';
import { Lao, LaoCoordinator } from './lao.entity';
import {
  LaoAreaInput,
  LaoCoordinatorInput,
  LaoLocationInput,
  LaoMasterDataInput,
  LaosArgs,
} from './lao.inputs';
import { incompleteProfileTabs, type ProfileTab } from './profile';

export const LaoConnection = connectionOf('Lao', Lao);

@Resolver(() => Lao)
export class LaoResolver {
  @Query(() => Lao, { description: 'One LAO by id or 7-digit code, within the caller’s reach.' })
  lao(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true, description: 'Internal id.' }) id?: string,
    @Arg('code', () => String, { nullable: true, description: '7-digit DLA code.' }) code?: string,
  ): Promise<Lao> {
    return ctx.services.lao.get(ctx.viewer, { id: id ? parseId(id) : undefined, code: code ?? undefined });
  }

  @Query(() => LaoConnection, {
    description: 'LAOs ordered by code (NACC; a provincial office sees its province only).',
  })
  laos(@Args() args: LaosArgs, @Ctx() ctx: Context) {
    return ctx.services.lao.list(ctx.viewer, args);
  }

  @Mutation(() => Lao, { description: 'Save profile tab 1, location (ข้อมูลที่ตั้ง).' })
  updateLaoLocation(
    @Arg('input', { description: 'What to submit.' }) input: LaoLocationInput,
    @Ctx() ctx: Context,
  ): Promise<Lao> {
    return ctx.services.lao.updateLocation(ctx.viewer, input);
  }

  @Mutation(() => Lao, { description: 'Save profile tab 2, area and executives (ข้อมูลพื้นที่และผู้บริหาร).' })
  updateLaoArea(
    @Arg('input', { description: 'What to submit.' }) input: LaoAreaInput,
    @Ctx() ctx: Context,
  ): Promise<Lao> {
    return ctx.services.lao.updateArea(ctx.viewer, input);
  }

  @Mutation(() => Lao, { description: 'Save profile tab 3, coordinator (ข้อมูลผู้ประสานงาน).' })
  updateLaoCoordinator(
    @Arg('input', { description: 'What to submit.' }) input: LaoCoordinatorInput,
    @Ctx() ctx: Context,
  ): Promise<Lao> {
    return ctx.services.lao.updateCoordinator(ctx.viewer, input);
  }

  @Mutation(() => Lao, {
    description:
      'NACC central: correct master data (code, Thai name, type, district). The LAO’s login follows a new code.',
  })
  updateLaoMasterData(
    @Arg('input', { description: 'What to submit.' }) input: LaoMasterDataInput,
    @Ctx() ctx: Context,
  ): Promise<Lao> {
    return ctx.services.lao.updateMasterData(ctx.viewer, input);
  }

  @FieldResolver(() => Province, { description: 'Province (จังหวัด).' })
  async province(@Root() lao: Lao, @Ctx() ctx: Context): Promise<Province> {
    return (await ctx.loaders.province.load(lao.provinceId)) as Province;
  }

  @FieldResolver(() => District, { description: 'District (อำเภอ).' })
  async district(@Root() lao: Lao, @Ctx() ctx: Context): Promise<District> {
    return (await ctx.loaders.district.load(lao.districtId)) as District;
  }

  @FieldResolver(() => LaoCoordinator, {
    nullable: true,
    description: 'Coordinator contact (private: only the LAO itself and NACC).',
  })
  coordinator(@Root() lao: Lao, @Ctx() ctx: Context): LaoCoordinator | null {
    if (!can(ctx.viewer, 'lao.read', lao)) return null;
    return {
      fullName: lao.coordinatorFullName,
      position: lao.coordinatorPosition,
      unit: lao.coordinatorUnit,
      phone: lao.coordinatorPhone,
      mobile: lao.coordinatorMobile,
      fax: lao.coordinatorFax,
      email: lao.coordinatorEmail,
    };
  }

  @FieldResolver(() => [Int], {
    description:
      'Fiscal years (พ.ศ.) for which the LAO has a plan, in any state, newest first (pages open the newest with data).',
  })
  planYears(@Root() lao: Lao, @Ctx() ctx: Context): Promise<number[]> {
    return ctx.loaders.planYearsByLao.load(lao.id);
  }

  @FieldResolver(() => [String], {
    description:
      'Profile tabs still missing required fields: LOCATION, AREA, COORDINATOR (empty when complete).',
  })
  incompleteProfileTabs(@Root() lao: Lao): ProfileTab[] {
    return incompleteProfileTabs(lao);
  }

  @FieldResolver(() => LaoAccountStatus, {
    nullable: true,
    description: 'Whether the LAO has activated its account (NACC and the LAO itself).',
  })
  async accountStatus(@Root() lao: Lao, @Ctx() ctx: Context): Promise<LaoAccountStatus | null> {
    if (!can(ctx.viewer, 'lao.read', lao)) return null;
    const [account, pending] = await Promise.all([
      ctx.loaders.accountByLao.load(lao.id),
      ctx.loaders.pendingActivationByLao.load(lao.id),
    ]);
    return {
      activated: Boolean(account?.activatedAt),
      activatedAt: account?.activatedAt ?? null,
      lastLoginAt: account?.lastLoginAt ?? null,
      pendingCodeExpiresAt: pending?.expiresAt ?? null,
    };
  }
}
