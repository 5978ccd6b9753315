import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  PublicImplementationQuery,
  PublicImplementationQueryVariables,
  PublicLaoItaQuery,
  PublicLaoItaQueryVariables,
  PublicLaoQuery,
  PublicLaoQueryVariables,
  PublicLaoSearchQuery,
  PublicLaoSearchQueryVariables,
  PublicPlanCyclesQuery,
  PublicPlanCyclesQueryVariables,
  PublicPlanQuery,
  PublicPlanQueryVariables,
  PublicPlanYearsQuery,
  PublicPlanYearsQueryVariables,
  PublicProjectsQuery,
  PublicProjectsQueryVariables,
  PublicReportingRoundsQuery,
  PublicReportingRoundsQueryVariables,
  PublicStatisticsQuery,
  PublicStatisticsQueryVariables,
} from '../generated';
import { LAO_SUMMARY_FIELDS } from './analytics.query';

export type PublicRound = PublicReportingRoundsQuery['reportingRounds'][number];
export type PublicLaoRow = PublicLaoSearchQuery['publicLaoSearch']['edges'][number]['node'];
export type PublicProject = PublicProjectsQuery['projects']['edges'][number]['node'];
export type PublicReport = NonNullable<PublicProject['six']>;
export type PublicImplementationRow = PublicImplementationQuery['publicImplementation'][number];

// The anonymous (public) API: only the fields the server lists as public are selected here;
// anything else (coordinator, account status, viewerCan, assessor…) is refused with FORBIDDEN.

export const PUBLIC_CYCLES_QUERY: TypedDocumentNode<PublicPlanCyclesQuery, PublicPlanCyclesQueryVariables> =
  gql`
    query PublicPlanCycles {
      planCycles {
        id
        nameTh
        startYear
        endYear
      }
    }
  `;

export const PUBLIC_ROUNDS_QUERY: TypedDocumentNode<
  PublicReportingRoundsQuery,
  PublicReportingRoundsQueryVariables
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

export const PUBLIC_LAO_SEARCH_QUERY: TypedDocumentNode<PublicLaoSearchQuery, PublicLaoSearchQueryVariables> =
  gql`
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

export const PUBLIC_LAO_QUERY: TypedDocumentNode<PublicLaoQuery, PublicLaoQueryVariables> = gql`
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

/** An LAO's ITA score of a fiscal year (public). */
export const PUBLIC_LAO_ITA_QUERY: TypedDocumentNode<PublicLaoItaQuery, PublicLaoItaQueryVariables> = gql`
  query PublicLaoIta($code: String!, $fiscalYear: Int!) {
    publicLao(code: $code) {
      id
      itaScore(fiscalYear: $fiscalYear) {
        fiscalYear
        score
      }
    }
  }
`;

/** An LAO's plan of a year with its latest assessment, and the year's summary (both rounds). */
export const PUBLIC_PLAN_QUERY: TypedDocumentNode<PublicPlanQuery, PublicPlanQueryVariables> = gql`
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

/** Every plan of an LAO, newest first: the page opens on the latest year with a submitted plan. */
export const PUBLIC_PLAN_YEARS_QUERY: TypedDocumentNode<PublicPlanYearsQuery, PublicPlanYearsQueryVariables> =
  gql`
    query PublicPlanYears($laoId: ID!) {
      publicPlans(laoId: $laoId) {
        id
        fiscalYear
        status
      }
    }
  `;

/** The projects of an LAO's plan of a year, with their report in both rounds (aliased `projects`). */
export const PUBLIC_PROJECTS_QUERY: TypedDocumentNode<PublicProjectsQuery, PublicProjectsQueryVariables> =
  gql`
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
            usesBudget
            antiCorruptionBudget
            localDevelopmentBudget
            targetGroups
            reviewStatus
            counted
            reviewReason
            withdrawnAt
            withdrawalReason
            six: report(fiscalYear: $fiscalYear, round: SIX_MONTH) {
              id
              publicPhotos {
                id
                fileName
                downloadUrl
                thumbnailUrl
              }
              status
              unableReason
              unableReasonText
              remark
              disbursed
              ordinanceBudget
            }
            twelve: report(fiscalYear: $fiscalYear, round: TWELVE_MONTH) {
              id
              publicPhotos {
                id
                fileName
                downloadUrl
                thumbnailUrl
              }
              status
              unableReason
              unableReasonText
              remark
              disbursed
              ordinanceBudget
            }
          }
        }
      }
    }
  `;

export const PUBLIC_IMPLEMENTATION_QUERY: TypedDocumentNode<
  PublicImplementationQuery,
  PublicImplementationQueryVariables
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
      itaScore
    }
  }
`;

export const PUBLIC_STATISTICS_QUERY: TypedDocumentNode<
  PublicStatisticsQuery,
  PublicStatisticsQueryVariables
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
