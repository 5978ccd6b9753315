import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { reportKey } from '../../graphql/loaders';
import { District } from '../geo/district.entity';
import { Lao } from '../lao/lao.entity';
import { Project } from '../project/project.entity';
import { Province } from '../geo/province.entity';
import { Account } from '../account/account.entity';
import { ExtensionBatch } from './extension-batch.entity';
import { Report, ReportRevision } from './report.entity';
import { RoundKind } from './report.enums';
import {
  DecideExtensionInput,
  ExtensionBatchesArgs,
  GrantExtensionBatchInput,
  GrantExtensionInput,
  ImplementationArgs,
  ReportsArgs,
  RequestExtensionInput,
  RevokeExtensionBatchInput,
  RoundExtensionsArgs,
  SubmitReportInput,
  UpdateRoundInput,
} from './report.inputs';
import { DistrictCoverage, ImplementationRow, LevelThresholds } from './report.types';
import { ReportingRound } from './reporting-round.entity';
import { RoundExtension } from './round-extension.entity';
import { levelThresholds, roundKinds, roundStateAt } from './reporting-rules';

const optionalId = (id: string | null | undefined, field: string) => (id ? parseId(id, field) : undefined);

export const ReportConnection = connectionOf('Report', Report);
export const RoundExtensionConnection = connectionOf('RoundExtension', RoundExtension);
export const ImplementationRowConnection = connectionOf('ImplementationRow', ImplementationRow);

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => [LevelThresholds], {
    description: 'The implementation level thresholds of both rounds (the rulebook: reporting-rules.ts).',
  })
  levelThresholds(): LevelThresholds[] {
    return roundKinds.map((round) => ({ round, ...levelThresholds[round] }));
  }

  @Query(() => [ReportingRound], { description: 'The reporting rounds of a fiscal year.' })
  reportingRounds(
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<ReportingRound[]> {
    return ctx.services.rounds.list(fiscalYear);
  }

  @Query(() => ReportConnection, {
    description:
      'Progress reports within the caller’s reach (an LAO its own), by id; with `updatedSince`, by change (partner sync).',
  })
  reports(@Args() args: ReportsArgs, @Ctx() ctx: Context) {
    return ctx.services.reports.list(ctx.viewer, {
      ...args,
      laoId: optionalId(args.laoId, 'laoId'),
      provinceId: optionalId(args.provinceId, 'provinceId'),
    });
  }

  @Query(() => ImplementationRowConnection, {
    description:
      'Implementation percentage and level per LAO (one SQL statement for a province or the country), highest percentage first (not reported last), then by LAO.',
  })
  implementation(@Args() args: ImplementationArgs, @Ctx() ctx: Context) {
    return ctx.services.implementation.page(ctx.viewer, {
      ...args,
      provinceId: optionalId(args.provinceId, 'provinceId'),
      districtId: optionalId(args.districtId, 'districtId'),
      laoId: optionalId(args.laoId, 'laoId'),
    });
  }

  @Query(() => [DistrictCoverage], {
    description: 'Per district: LAOs that reported fully, partly, not at all (NACC).',
  })
  reportingCoverage(
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Arg('round', () => RoundKind, { description: 'Round.' }) round: RoundKind,
    @Ctx() ctx: Context,
    @Arg('provinceId', () => ID, { nullable: true, description: 'Only this province.' }) provinceId?: string,
  ): Promise<DistrictCoverage[]> {
    return ctx.services.implementation.coverage(ctx.viewer, {
      fiscalYear,
      round,
      provinceId: optionalId(provinceId, 'provinceId'),
    });
  }

  @Query(() => RoundExtensionConnection, {
    description: 'Deadline extensions within reach: an LAO its own, NACC by province; newest first.',
  })
  roundExtensions(@Args() args: RoundExtensionsArgs, @Ctx() ctx: Context) {
    return ctx.services.rounds.extensions(ctx.viewer, args);
  }

  @Mutation(() => Report, {
    description:
      'The LAO reports (or corrects) a project’s progress; enforced: owner, plan passed, not rejected, runs that year, round open. Idempotent by key.',
  })
  submitReport(
    @Arg('input', { description: 'What to submit.' }) input: SubmitReportInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.reports.submit(ctx.viewer, input);
  }

  @Mutation(() => ReportingRound, { description: 'NACC central sets a round’s window.' })
  updateReportingRound(
    @Arg('input', { description: 'What to submit.' }) input: UpdateRoundInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.rounds.update(ctx.viewer, { ...input, id: parseId(input.id) });
  }

  @Mutation(() => RoundExtension, { description: 'The LAO asks NACC for more time in a round.' })
  requestRoundExtension(
    @Arg('input', { description: 'What to submit.' }) input: RequestExtensionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.rounds.requestExtension(ctx.viewer, {
      ...input,
      roundId: parseId(input.roundId, 'roundId'),
    });
  }

  @Mutation(() => RoundExtension, { description: 'NACC grants an LAO more time directly.' })
  grantRoundExtension(
    @Arg('input', { description: 'What to submit.' }) input: GrantExtensionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.rounds.grant(ctx.viewer, {
      ...input,
      roundId: parseId(input.roundId, 'roundId'),
      laoId: parseId(input.laoId, 'laoId'),
    });
  }

  @Mutation(() => RoundExtension, {
    description: 'NACC of the LAO’s province grants or refuses a requested extension.',
  })
  decideRoundExtension(
    @Arg('input', { description: 'What to submit.' }) input: DecideExtensionInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.rounds.decide(ctx.viewer, { ...input, id: parseId(input.id) });
  }

  @Mutation(() => ExtensionBatch, {
    description:
      'NACC in reach extends a round for a province, a district or a list of LAOs at once (all-or-nothing).',
  })
  grantExtensionBatch(
    @Arg('input', { description: 'What to submit.' }) input: GrantExtensionBatchInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.extensionBatches.grant(ctx.viewer, {
      ...input,
      roundId: parseId(input.roundId, 'roundId'),
      provinceId: optionalId(input.provinceId, 'provinceId'),
      districtId: optionalId(input.districtId, 'districtId'),
    });
  }

  @Mutation(() => ExtensionBatch, {
    description: 'NACC in reach revokes a batch: every extension it granted is revoked, together.',
  })
  revokeExtensionBatch(
    @Arg('input', { description: 'What to submit.' }) input: RevokeExtensionBatchInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.extensionBatches.revoke(ctx.viewer, { ...input, id: parseId(input.id) });
  }

  @Query(() => [ExtensionBatch], {
    description:
      'Batches of extensions within reach (NACC reaching every province a batch covers), newest first.',
  })
  extensionBatches(@Args() args: ExtensionBatchesArgs, @Ctx() ctx: Context) {
    return ctx.services.extensionBatches.list(ctx.viewer, {
      fiscalYear: args.fiscalYear,
      roundId: optionalId(args.roundId, 'roundId'),
    });
  }

  @FieldResolver(() => [ReportRevision], { description: 'Every submitted version, newest first.' })
  revisions(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportRevision[]> {
    return ctx.services.reports.revisions(ctx.viewer, report.id);
  }
}

@Resolver(() => Project)
export class ProjectReportResolver {
  @FieldResolver(() => Report, {
    nullable: true,
    description: 'This project’s report for a fiscal year and round, if any.',
  })
  report(
    @Root() project: Project,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Arg('round', () => RoundKind, { description: 'Round.' }) round: RoundKind,
    @Ctx() ctx: Context,
  ): Promise<Report | null> {
    return ctx.loaders.report.load(reportKey(project.id, fiscalYear, round));
  }
}

@Resolver(() => ReportingRound)
export class RoundResolver {
  @FieldResolver(() => Date, {
    nullable: true,
    description: 'For an LAO viewer: its own deadline in this round (a granted extension moves it).',
  })
  async viewerDeadline(@Root() round: ReportingRound, @Ctx() ctx: Context): Promise<Date | null> {
    if (ctx.viewer.kind !== 'account' || ctx.viewer.laoId === null) return null;
    return ctx.services.rounds.deadlineFor(ctx.services.manager, round, ctx.viewer.laoId);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the round accepts reports now (for an LAO: its own deadline).',
  })
  async isOpen(@Root() round: ReportingRound, @Ctx() ctx: Context): Promise<boolean> {
    const laoId = ctx.viewer.kind === 'account' ? ctx.viewer.laoId : null;
    const until =
      laoId === null ? null : await ctx.services.rounds.grantedUntil(ctx.services.manager, round, laoId);
    return roundStateAt(round, until, ctx.services.now()) === 'OPEN';
  }
}

@Resolver(() => RoundExtension)
export class RoundExtensionResolver {
  @FieldResolver(() => Lao, { description: 'The LAO.' })
  async lao(@Root() extension: RoundExtension, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(extension.laoId)) as Lao;
  }

  @FieldResolver(() => ReportingRound, { description: 'The round.' })
  async round(@Root() extension: RoundExtension, @Ctx() ctx: Context): Promise<ReportingRound> {
    return (await ctx.loaders.round.load(extension.roundId)) as ReportingRound;
  }
}

@Resolver(() => ExtensionBatch)
export class ExtensionBatchResolver {
  @FieldResolver(() => ReportingRound, { description: 'The round.' })
  async round(@Root() batch: ExtensionBatch, @Ctx() ctx: Context): Promise<ReportingRound> {
    return (await ctx.loaders.round.load(batch.roundId)) as ReportingRound;
  }

  @FieldResolver(() => Province, { nullable: true, description: 'The province (scope PROVINCE).' })
  province(@Root() batch: ExtensionBatch, @Ctx() ctx: Context): Promise<Province | null> | null {
    return batch.provinceId === null ? null : ctx.loaders.province.load(batch.provinceId);
  }

  @FieldResolver(() => District, { nullable: true, description: 'The district (scope DISTRICT).' })
  district(@Root() batch: ExtensionBatch, @Ctx() ctx: Context): Promise<District | null> | null {
    return batch.districtId === null ? null : ctx.loaders.district.load(batch.districtId);
  }

  @FieldResolver(() => String, { description: 'Who granted it (the NACC account’s name).' })
  async grantedByName(@Root() batch: ExtensionBatch, @Ctx() ctx: Context): Promise<string> {
    const account = await ctx.services.manager
      .getRepository(Account)
      .findOneBy({ id: batch.grantedByAccountId });
    return account?.displayName ?? '';
  }
}

@Resolver(() => ImplementationRow)
export class ImplementationRowResolver {
  @FieldResolver(() => Lao, { description: 'The LAO.' })
  async lao(@Root() row: ImplementationRow, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(row.laoId)) as Lao;
  }
}

@Resolver(() => DistrictCoverage)
export class DistrictCoverageResolver {
  @FieldResolver(() => District, { description: 'The district.' })
  async district(@Root() row: DistrictCoverage, @Ctx() ctx: Context): Promise<District> {
    return (await ctx.loaders.district.load(row.districtId)) as District;
  }
}
