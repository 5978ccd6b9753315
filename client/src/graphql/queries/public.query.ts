import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { LAO_SUMMARY_FIELDS } from './analytics.query';
import type {
  AssessmentVerdict,
  Connection,
  Dimension,
  ImplementationRow,
  LaoSize,
  LaoSummary,
  LaoType,
  PlaceRef,
  PlanStatus,
  ReportStatus,
  ReviewStatus,
  RoundKind,
  StatisticsRow,
  TargetGroup,
  UnableReason,
  WorkType,
} from '../types';

// The anonymous (public) API: only the fields the server lists as public are selected here;
// anything else (coordinator, account status, viewerCan, assessor…) is refused with FORBIDDEN.

export type PublicCycle = { id: string; nameTh: string; startYear: number; endYear: number };

export const PUBLIC_CYCLES_QUERY: TypedDocumentNode<
  { planCycles: PublicCycle[] },
  Record<string, never>
> = gql`
  query PublicPlanCycles {
    planCycles {
      id
      nameTh
      startYear
      endYear
    }
  }
`;

export type PublicRound = {
  id: string;
  fiscalYear: number;
  kind: RoundKind;
  opensAt: string;
  closesAt: string;
};

export const PUBLIC_ROUNDS_QUERY: TypedDocumentNode<
  { reportingRounds: PublicRound[] },
  { fiscalYear: number }
> = gql`
  query PublicReportingRounds($fiscalYear: Int!) {
    reportingRounds(fiscalYear: $fiscalYear) {
      id
      fiscalYear
      kind
      opensAt
      closesAt
    }
  }
`;

export type PublicLaoRow = {
  id: string;
  code: string;
  nameTh: string;
  type: LaoType;
  size: LaoSize | null;
  province: PlaceRef;
  district: PlaceRef;
};

export type PublicLaoSearchQuery = { publicLaoSearch: Connection<PublicLaoRow> };
export type PublicLaoSearchVariables = {
  search?: string | null;
  provinceId?: string | null;
  districtId?: string | null;
  first: number;
  after?: string | null;
};

export const PUBLIC_LAO_SEARCH_QUERY: TypedDocumentNode<PublicLaoSearchQuery, PublicLaoSearchVariables> = gql`
  query PublicLaoSearch($search: String, $provinceId: ID, $districtId: ID, $first: Int!, $after: String) {
    publicLaoSearch(
      search: $search
      provinceId: $provinceId
      districtId: $districtId
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          nameTh
          type
          size
          province {
            id
            nameTh
          }
          district {
            id
            nameTh
          }
        }
      }
    }
  }
`;

export type PublicLao = PublicLaoRow & {
  address: string | null;
  areaKm2: string | null;
  population: number | null;
  revenueExcludingSubsidies: string | null;
  revenueFromSubsidies: string | null;
  chiefExecutiveName: string | null;
  permanentSecretaryName: string | null;
  website: string | null;
};

export const PUBLIC_LAO_QUERY: TypedDocumentNode<{ publicLao: PublicLao }, { code: string }> = gql`
  query PublicLao($code: String!) {
    publicLao(code: $code) {
      id
      code
      nameTh
      type
      size
      province {
        id
        nameTh
      }
      district {
        id
        nameTh
      }
      address
      areaKm2
      population
      revenueExcludingSubsidies
      revenueFromSubsidies
      chiefExecutiveName
      permanentSecretaryName
      website
    }
  }
`;

export type PublicAssessment = {
  id: string;
  verdict: AssessmentVerdict;
  scoreSociety: string;
  scoreAdministration: string;
  scoreParticipation: string;
  scoreOversight: string;
  totalScore: string;
  comments: string | null;
  assessedAt: string;
};

export type PublicPlan = {
  id: string;
  fiscalYear: number;
  status: PlanStatus;
  submittedAt: string | null;
  projectCount: number;
  cycle: { id: string; nameTh: string; startYear: number; endYear: number };
  latestAssessment: PublicAssessment | null;
};

export type PublicPlanQuery = { publicPlan: PublicPlan | null; publicLaoSummary: LaoSummary };

/** An LAO's plan of a year with its latest assessment, and the year's summary (both rounds). */
export const PUBLIC_PLAN_QUERY: TypedDocumentNode<PublicPlanQuery, { laoId: string; fiscalYear: number }> =
  gql`
    query PublicPlan($laoId: ID!, $fiscalYear: Int!) {
      publicPlan(laoId: $laoId, fiscalYear: $fiscalYear) {
        id
        fiscalYear
        status
        submittedAt
        projectCount
        cycle {
          id
          nameTh
          startYear
          endYear
        }
        latestAssessment {
          id
          verdict
          scoreSociety
          scoreAdministration
          scoreParticipation
          scoreOversight
          totalScore
          comments
          assessedAt
        }
      }
      publicLaoSummary(laoId: $laoId, fiscalYear: $fiscalYear) {
        ...LaoSummaryFields
      }
    }
    ${LAO_SUMMARY_FIELDS}
  `;

/** Which fiscal years an LAO has a plan in: one aliased `publicPlan` per year, in one request. */
export const publicPlanYearsQuery = (asked: readonly number[]) => {
  // A document must select something: with no years yet (never sent) a placeholder year.
  const years = asked.length > 0 ? asked : [0];
  return gql`
    query PublicPlanYears($laoId: ID!) {
      ${years.map((year) => `y${year}: publicPlan(laoId: $laoId, fiscalYear: ${year}) { id fiscalYear status }`).join('\n')}
    }
  ` as TypedDocumentNode<
    Record<string, { id: string; fiscalYear: number; status: PlanStatus } | null>,
    { laoId: string }
  >;
};

export type PublicReport = {
  id: string;
  status: ReportStatus;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
  disbursed: string | null;
  ordinanceBudget: string | null;
};

export type PublicProject = {
  id: string;
  name: string;
  workType: WorkType;
  fiscalYears: number[];
  quarters: number[];
  primaryDimension: Dimension;
  additionalDimensions: Dimension[];
  antiCorruptionBudget: string;
  localDevelopmentBudget: string;
  targetGroups: TargetGroup[];
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  six: PublicReport | null;
  twelve: PublicReport | null;
};

export type PublicProjectsQuery = { projects: Connection<PublicProject> };

/** The projects of an LAO's plan of a year, with their report in both rounds (aliased `projects`). */
export const PUBLIC_PROJECTS_QUERY: TypedDocumentNode<
  PublicProjectsQuery,
  { laoId: string; fiscalYear: number; first: number; after?: string | null }
> = gql`
  query PublicProjects($laoId: ID!, $fiscalYear: Int!, $first: Int!, $after: String) {
    projects: publicProjects(laoId: $laoId, fiscalYear: $fiscalYear, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          workType
          fiscalYears
          quarters
          primaryDimension
          additionalDimensions
          antiCorruptionBudget
          localDevelopmentBudget
          targetGroups
          reviewStatus
          reviewReason
          six: report(fiscalYear: $fiscalYear, round: SIX_MONTH) {
            id
            status
            unableReason
            unableReasonText
            disbursed
            ordinanceBudget
          }
          twelve: report(fiscalYear: $fiscalYear, round: TWELVE_MONTH) {
            id
            status
            unableReason
            unableReasonText
            disbursed
            ordinanceBudget
          }
        }
      }
    }
  }
`;

export type PublicImplementationQuery = { publicImplementation: ImplementationRow[] };

export const PUBLIC_IMPLEMENTATION_QUERY: TypedDocumentNode<
  PublicImplementationQuery,
  { fiscalYear: number; round: RoundKind; provinceId: string }
> = gql`
  query PublicImplementation($fiscalYear: Int!, $round: RoundKind!, $provinceId: ID!) {
    publicImplementation(fiscalYear: $fiscalYear, round: $round, provinceId: $provinceId) {
      lao {
        id
        code
        nameTh
        district {
          id
          nameTh
        }
        province {
          id
          nameTh
        }
      }
      eligibleCount
      reportedCount
      inProgressCount
      completedCount
      unableCount
      percentage
      level
    }
  }
`;

export type PublicStatisticsQuery = { publicStatistics: StatisticsRow[] };

export const PUBLIC_STATISTICS_QUERY: TypedDocumentNode<
  PublicStatisticsQuery,
  { fiscalYear: number; round: RoundKind; provinceId?: string | null }
> = gql`
  query PublicStatistics($fiscalYear: Int!, $round: RoundKind!, $provinceId: ID) {
    publicStatistics(fiscalYear: $fiscalYear, round: $round, provinceId: $provinceId) {
      province {
        id
        nameTh
      }
      district {
        id
        nameTh
      }
      laoCount
      laoTypes {
        type
        count
      }
      plansPassed
      plansIncomplete
      plansSubmitted
      plansNotSubmitted
      noPassedPlan
      fullyReported
      partlyReported
      notReported
      levelHigh
      levelMedium
      levelLow
    }
  }
`;
