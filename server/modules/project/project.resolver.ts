import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { connectionOf } from '../../graphql/connection';
import { parseId } from '../../graphql/ids';
import { reportKey } from '../../graphql/loaders';
import { selectedAt } from '../../graphql/selection';
import { RoundKind } from '../report/report.enums';
import { Lao } from '../lao/lao.entity';
import { countsTowardPercentage } from '../report/reporting-rules';
import { ProjectPermissions } from '../plan/plan.types';
import { isPlanFrozen } from '../plan/plan-rules';
import type { PlanStatus } from '../plan/plan.enums';
import { projectPermissions } from './project-rules';
import { ProjectImportInput, ProjectImportPreview, ProjectImportResult } from './project-import.types';
import { Project } from './project.entity';
import {
  ProjectFieldsInput,
  ProjectsArgs,
  ReviewProjectsInput,
  UpdateProjectInput,
  WithdrawProjectInput,
} from './project.inputs';
import { type ReportKey, reportOf } from './project.service';

export const ProjectConnection = connectionOf('Project', Project);

/** At most this many (year, round) reports are read with a page (the report table shows two). */
const maxPrefetchedReports = 2;

/**
 * The (year, round)s of the `report` fields selected on a page's nodes, when they can be read
 * with the page: literal or variable arguments a smallint year holds (anything else, e.g. a
 * year out of range, is left to the field's own loader and its own error).
 */
const reportsSelected = (info: GraphQLResolveInfo): ReportKey[] => {
  const field = (info.schema.getType('Project') as GraphQLObjectType | undefined)?.getFields().report;
  if (!field) return [];
  const keys = new Map<string, ReportKey>();
  for (const node of selectedAt(info, ['edges', 'node', 'report'])) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, info.variableValues);
    } catch {
      return [];
    }
    const { fiscalYear, round } = args as { fiscalYear: unknown; round: unknown };
    if (!Number.isInteger(fiscalYear) || (fiscalYear as number) < 1 || (fiscalYear as number) > 32767)
      return [];
    if (!Object.values(RoundKind).includes(round as RoundKind)) return [];
    keys.set(`${fiscalYear as number}:${round as string}`, {
      fiscalYear: fiscalYear as number,
      round: round as RoundKind,
    });
  }
  return keys.size <= maxPrefetchedReports ? [...keys.values()] : [];
};

/** The project's LAO: the one a list read on the same row (kept for the request's other fields), or loaded. */
const laoOf = async (project: Project, ctx: Context): Promise<Lao> => {
  if (project.lao) {
    ctx.loaders.lao.prime(project.laoId, project.lao);
    return project.lao;
  }
  return (await ctx.loaders.lao.load(project.laoId)) as Lao;
};

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: 'One project within the caller’s reach.' })
  project(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return ctx.services.projects.get(ctx.viewer, parseId(id));
  }

  @Query(() => ProjectConnection, {
    description:
      'Projects within the caller’s reach, filtered and sorted (reviewStatus PENDING: NACC’s review queue).',
  })
  async projects(@Args() args: ProjectsArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const reports = reportsSelected(info);
    const page = await ctx.services.projects.list(ctx.viewer, args, reports);
    // The reports read with the page answer the nodes' `report` fields without another statement.
    for (const { node } of page.edges)
      reports.forEach(({ fiscalYear, round }, i) =>
        ctx.loaders.report.prime(reportKey(node.id, fiscalYear, round), reportOf(node, i)),
      );
    return page;
  }

  @Mutation(() => Project, {
    description: 'The LAO records a project of its plan (it starts pending review).',
  })
  createProject(
    @Arg('input', { description: 'What to submit.' }) input: ProjectFieldsInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.projects.create(ctx.viewer, input);
  }

  @Mutation(() => Project, {
    description: 'The LAO edits a project; editing an approved project’s content sends it back to review.',
  })
  updateProject(
    @Arg('input', { description: 'What to submit.' }) input: UpdateProjectInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.projects.update(ctx.viewer, input);
  }

  @Mutation(() => Boolean, {
    description:
      'The LAO deletes a pending or rejected project, with its progress reports (tombstones for both).',
  })
  deleteProject(
    @Arg('id', () => ID, { description: 'The project.' }) id: string,
    @Arg('version', () => Int, { description: 'The version the LAO saw.' }) version: number,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return ctx.services.projects.delete(ctx.viewer, id, version);
  }

  @Mutation(() => Project, {
    description:
      'The LAO withdraws an approved project from its plan with a reason (ถอนออกจากแผน): it keeps its record and reports, and counts nowhere afterwards.',
  })
  withdrawProject(
    @Arg('input', { description: 'What to submit.' }) input: WithdrawProjectInput,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return ctx.services.projects.withdraw(ctx.viewer, input);
  }

  @Mutation(() => Project, {
    description:
      'Restores a deleted project from its history, with the progress reports deleted with it, under the same ids (the LAO itself, or NACC within its reach; while its plan cycle runs).',
  })
  restoreProject(
    @Arg('projectId', () => ID, { description: 'The deleted project (as its history names it).' })
    projectId: string,
    @Ctx() ctx: Context,
  ): Promise<Project> {
    return ctx.services.projects.restore(ctx.viewer, projectId);
  }

  @Mutation(() => [Project], {
    description: 'NACC approves (in bulk) or rejects with a reason; all listed projects change, or none.',
  })
  reviewProjects(
    @Arg('input', { description: 'What to submit.' }) input: ReviewProjectsInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.projects.review(ctx.viewer, input);
  }

  @Mutation(() => ProjectImportPreview, { description: 'Check a spreadsheet of projects; writes nothing.' })
  async previewProjectImport(
    @Arg('input', { description: 'What to submit.' }) input: ProjectImportInput,
    @Ctx() ctx: Context,
  ): Promise<ProjectImportPreview> {
    const { rows, errors } = await ctx.services.projectImport.check(
      ctx.viewer,
      input.fileName,
      input.contentBase64,
    );
    return {
      rowCount: rows.length,
      valid: errors.length === 0,
      errors,
      rows: rows.map(({ rowNumber, fields }) => ({
        rowNumber,
        name: fields.name,
        workType: fields.workType || null,
        primaryDimension: fields.primaryDimension || null,
        fiscalYears: fields.fiscalYears.filter(Number.isFinite),
        quarters: fields.quarters,
        usesBudget: fields.usesBudget,
        antiCorruptionBudget: fields.antiCorruptionBudget ?? '0',
        localDevelopmentBudget: fields.localDevelopmentBudget ?? '0',
      })),
    };
  }

  @Mutation(() => ProjectImportResult, {
    description:
      'Record every project of a spreadsheet in one transaction; nothing is written if any row is wrong.',
  })
  async importProjects(
    @Arg('input', { description: 'What to submit.' }) input: ProjectImportInput,
    @Ctx() ctx: Context,
  ): Promise<ProjectImportResult> {
    return {
      createdCount: await ctx.services.projectImport.import(ctx.viewer, input.fileName, input.contentBase64),
    };
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the project counts toward the implementation percentage and must be reported: neither rejected nor withdrawn (the reporting rulebook).',
  })
  counted(@Root() project: Project): boolean {
    return countsTowardPercentage(project);
  }

  @FieldResolver(() => Lao, { description: 'The LAO whose plan it belongs to.' })
  async lao(@Root() project: Project, @Ctx() ctx: Context): Promise<Lao> {
    return laoOf(project, ctx);
  }

  @FieldResolver(() => ProjectPermissions, { description: 'What the viewer may do with this project.' })
  async viewerCan(@Root() project: Project, @Ctx() ctx: Context): Promise<ProjectPermissions> {
    const lao = await laoOf(project, ctx);
    const statuses = await Promise.all(
      project.fiscalYears.map((year) => ctx.loaders.planStatus.load(`${project.laoId}:${year}`)),
    );
    const frozen = statuses.some(
      (status) => status !== null && isPlanFrozen({ status: status as PlanStatus }),
    );
    return projectPermissions(ctx.viewer, lao, project, frozen);
  }
}
