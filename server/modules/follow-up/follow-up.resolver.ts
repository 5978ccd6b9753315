import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { can } from '../../auth/policy';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { Lao } from '../lao/lao.entity';
import { RoundKind } from '../report/report.enums';
import { ImplementationRow } from '../report/report.types';
import { SiteVisitStatus } from './follow-up.enums';
import {
  FileProblemReportInput,
  ProblemReportsArgs,
  SaveSiteVisitInput,
  SiteVisitsArgs,
} from './follow-up.inputs';
import { SiteVisitPlanRow } from './follow-up.types';
import { ProblemReport } from './problem-report.entity';
import { SiteVisit, SiteVisitFile } from './site-visit.entity';

const optionalId = (id: string | null | undefined, field: string) => (id ? parseId(id, field) : undefined);

export const SiteVisitPlanRowConnection = connectionOf('SiteVisitPlanRow', SiteVisitPlanRow);
export const ProblemReportConnection = connectionOf('ProblemReport', ProblemReport);

/** Site visits (นิเทศติดตาม) and problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ). */
@Resolver(() => SiteVisit)
export class SiteVisitResolver {
  @Query(() => SiteVisit, {
    nullable: true,
    description:
      'An LAO’s site visit of a fiscal year (null: none planned): the LAO itself and NACC in reach.',
  })
  siteVisit(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<SiteVisit | null> {
    return ctx.services.siteVisits.get(ctx.viewer, parseId(laoId, 'laoId'), fiscalYear);
  }

  @Query(() => SiteVisitPlanRowConnection, {
    description:
      'The site-visit planner (NACC): the LAOs in reach of a fiscal year with their visit and filed problems, by district and LAO code.',
  })
  siteVisits(@Args() args: SiteVisitsArgs, @Ctx() ctx: Context) {
    return ctx.services.siteVisits.planner(ctx.viewer, {
      ...args,
      provinceId: optionalId(args.provinceId, 'provinceId'),
      districtId: optionalId(args.districtId, 'districtId'),
    });
  }

  @Mutation(() => SiteVisit, {
    description:
      'NACC in reach plans a site visit of an LAO, or records it as done (day, officers, findings, recommendations). Files are uploaded with POST /files/site-visits/:id.',
  })
  saveSiteVisit(
    @Arg('input', { description: 'What to save.' }) input: SaveSiteVisitInput,
    @Ctx() ctx: Context,
  ): Promise<SiteVisit> {
    return ctx.services.siteVisits.save(ctx.viewer, { ...input, laoId: parseId(input.laoId, 'laoId') });
  }

  @Mutation(() => Boolean, { description: 'NACC in reach removes a file of a site visit.' })
  deleteSiteVisitFile(
    @Arg('id', () => ID, { description: 'The file.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.siteVisits.deleteFile(ctx.viewer, id);
  }

  @FieldResolver(() => Lao, { description: 'The LAO visited.' })
  async lao(@Root() visit: SiteVisit, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(visit.laoId)) as Lao;
  }

  @FieldResolver(() => [SiteVisitFile], { description: 'Files attached, oldest first.' })
  files(@Root() visit: SiteVisit, @Ctx() ctx: Context): Promise<SiteVisitFile[]> {
    return ctx.loaders.siteVisitFiles.load(visit.id);
  }
}

@Resolver(() => SiteVisitFile)
export class SiteVisitFileResolver {
  @FieldResolver(() => String, {
    description: 'Where to download it (GET, with the session’s bearer token): /files/<id>.',
  })
  downloadUrl(@Root() file: SiteVisitFile): string {
    return `/files/${file.id}`;
  }
}

@Resolver(() => ProblemReport)
export class ProblemReportResolver {
  @Query(() => ProblemReport, {
    nullable: true,
    description: 'What an LAO filed with a round (null: nothing yet): the LAO itself and NACC in reach.',
  })
  problemReport(
    @Arg('laoId', () => ID, { description: 'The LAO.' }) laoId: string,
    @Arg('fiscalYear', () => Int, { description: 'Fiscal year (พ.ศ.).' }) fiscalYear: number,
    @Arg('round', () => RoundKind, { description: 'Round.' }) round: RoundKind,
    @Ctx() ctx: Context,
  ): Promise<ProblemReport | null> {
    return ctx.services.problemReports.get(ctx.viewer, parseId(laoId, 'laoId'), fiscalYear, round);
  }

  @Query(() => ProblemReportConnection, {
    description:
      'What the LAOs in reach filed with a round (NACC), by district and LAO code. Export: /exports/problem-reports.xlsx|csv.',
  })
  problemReports(@Args() args: ProblemReportsArgs, @Ctx() ctx: Context) {
    return ctx.services.problemReports.list(ctx.viewer, {
      ...args,
      provinceId: optionalId(args.provinceId, 'provinceId'),
    });
  }

  @Mutation(() => ProblemReport, {
    description:
      'The LAO files (or corrects) its problems, obstacles and suggestions with a round, while the round is open for it (extensions included).',
  })
  fileProblemReport(
    @Arg('input', { description: 'What to file.' }) input: FileProblemReportInput,
    @Ctx() ctx: Context,
  ): Promise<ProblemReport> {
    return ctx.services.problemReports.file(ctx.viewer, input);
  }

  @FieldResolver(() => Lao, { description: 'The LAO.' })
  async lao(@Root() report: ProblemReport, @Ctx() ctx: Context): Promise<Lao> {
    return (await ctx.loaders.lao.load(report.laoId)) as Lao;
  }
}

@Resolver(() => ImplementationRow)
export class ImplementationVisitResolver {
  @FieldResolver(() => SiteVisitStatus, {
    nullable: true,
    description:
      'The LAO’s site visit of the table’s year (planned or done); null when none, or when the viewer may not read its visits (only the LAO itself and NACC in reach may).',
  })
  async siteVisitStatus(
    @Root() row: ImplementationRow,
    @Ctx() ctx: Context,
  ): Promise<SiteVisitStatus | null> {
    if (row.fiscalYear === undefined) return null;
    if (!can(ctx.viewer, 'siteVisit.read', { id: row.laoId, provinceId: row.provinceId })) return null;
    return ctx.loaders.siteVisitStatus.load(`${row.laoId}:${row.fiscalYear}`);
  }
}
