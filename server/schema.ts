import path from 'node:path';
import { type GraphQLFieldResolver, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { Context } from './context';
import { buildSchema } from 'type-graphql';
import { accessGuard } from './auth/access-rules';
import { AuthResolver } from './modules/account/auth.resolver';
import { GeoResolver } from './modules/geo/geo.resolver';
import { AnalyticsResolver, LaoSummaryResolver } from './modules/analytics/analytics.resolver';
import { auditMutations } from './modules/audit/audit.middleware';
import { AuditResolver } from './modules/audit/audit.resolver';
import { HistoryResolver } from './modules/history/history.resolver';
import { JobsResolver } from './modules/jobs/jobs.resolver';
import { LaoResolver } from './modules/lao/lao.resolver';
import { LaoImportResolver } from './modules/lao/lao-import.resolver';
import { AssessmentResolver, PlanResolver } from './modules/plan/plan.resolver';
import { ImplementationRowItaResolver, ItaResolver, LaoItaResolver } from './modules/ita/ita.resolver';
import { PartnerResolver } from './modules/partner/partner.resolver';
import { ProjectResolver } from './modules/project/project.resolver';
import { PublicResolver } from './modules/public/public.resolver';
import { ContactChannelsResolver } from './modules/help/contact-channels.resolver';
import {
  ImplementationVisitResolver,
  ProblemReportResolver,
  SiteVisitFileResolver,
  SiteVisitResolver,
} from './modules/follow-up/follow-up.resolver';
import {
  ReportEvidenceFieldResolver,
  ReportEvidenceResolver,
} from './modules/evidence/report-evidence.resolver';
import {
  DistrictCoverageResolver,
  ImplementationRowResolver,
  ProjectReportResolver,
  ReportResolver,
  RoundExtensionResolver,
  ExtensionBatchResolver,
  RoundResolver,
} from './modules/report/report.resolver';
import { RegionResolver, StaffResolver, ViewerReachResolver } from './modules/staff/staff.resolver';

export const resolvers = [
  AuthResolver,
  GeoResolver,
  LaoResolver,
  LaoImportResolver,
  PlanResolver,
  AssessmentResolver,
  ItaResolver,
  LaoItaResolver,
  ImplementationRowItaResolver,
  ProjectResolver,
  HistoryResolver,
  ReportResolver,
  ProjectReportResolver,
  RoundResolver,
  RoundExtensionResolver,
  ExtensionBatchResolver,
  ImplementationRowResolver,
  DistrictCoverageResolver,
  AnalyticsResolver,
  LaoSummaryResolver,
  PublicResolver,
  AuditResolver,
  JobsResolver,
  PartnerResolver,
  SiteVisitResolver,
  SiteVisitFileResolver,
  ReportEvidenceResolver,
  ReportEvidenceFieldResolver,
  ProblemReportResolver,
  ImplementationVisitResolver,
  ContactChannelsResolver,
  StaffResolver,
  RegionResolver,
  ViewerReachResolver,
] as const;

export const schemaFile = path.resolve(__dirname, '..', 'schema.graphql');

/** Builds the executable schema; class-validator runs on every input, the access guard on every root field. */
export const buildAppSchema = async (): Promise<GraphQLSchema> => {
  const schema = await buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
  });
  // Root fields only: the audit (first, so refused writes are logged too) and the role gate.
  // Fields below the root are checked once per document (fieldAccessPlugin), not per row.
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, Context>;
      field.resolve = (source, args, context, info) => {
        const data = { root: source, args, context, info };
        return auditMutations(data, () =>
          accessGuard(data, async () => resolve(source, args, context, info)),
        );
      };
    }
  }
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads. Each operation’s access rule is in server/auth/access-rules.ts.';
  if (mutation)
    mutation.description = 'Writes. Each operation’s access rule is in server/auth/access-rules.ts.';
  return schema;
};

/** The checked-in `schema.graphql` text: sorted so diffs stay readable. */
export const printAppSchema = (schema: GraphQLSchema): string =>
  `${printSchema(lexicographicSortSchema(schema))}\n`;
