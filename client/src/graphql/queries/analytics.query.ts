import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  AssessmentReportQuery,
  AssessmentReportQueryVariables,
  LaoSummaryQuery,
  LaoSummaryQueryVariables,
  PlanTableQuery,
  PlanTableQueryVariables,
  StatisticsQuery,
  StatisticsQueryVariables,
} from '../generated';
import { ASSESSMENT_FIELDS, PLAN_SCORES_FIELDS } from '../fragments/plan.fragment';

/** A project as the printed plan table shows it. */
export type PlanTableProject = PlanTableQuery['projects']['edges'][number]['node'];
/** A row of the statistics table: a province (or a district of one). */
export type StatisticsRow = StatisticsQuery['statistics'][number];

/** The LAO summary's fields; all public, so the public LAO page selects the same. */
export const LAO_SUMMARY_FIELDS = gql`
  fragment LaoSummaryFields on LaoSummary {
    fiscalYear
    projectCount
    rejectedCount
    dimensions {
      dimension
      projectCount
      antiCorruptionBudget
      localDevelopmentBudget
    }
    workTypes {
      workType
      projectCount
    }
    rounds {
      round
      ordinanceBudget
      disbursed
      implementation {
        eligibleCount
        reportedCount
        completedCount
        inProgressCount
        unableCount
        percentage
        level
      }
    }
  }
`;

/** The LAO summary of a fiscal year (ข้อมูลโดยสรุป): dimensions, work types, both rounds. */
export const LAO_SUMMARY_QUERY: TypedDocumentNode<LaoSummaryQuery, LaoSummaryQueryVariables> = gql`
  query LaoSummary($laoId: ID!, $fiscalYear: Int!) {
    laoSummary(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...LaoSummaryFields
    }
  }
  ${LAO_SUMMARY_FIELDS}
`;

/** The printed plan table (seed 001): the year's projects as recorded, and its totals row. */
export const PLAN_TABLE_QUERY: TypedDocumentNode<PlanTableQuery, PlanTableQueryVariables> = gql`
  query PlanTable($laoId: ID!, $fiscalYear: Int!, $first: Int!, $after: String) {
    projects(laoId: $laoId, fiscalYear: $fiscalYear, first: $first, after: $after, orderBy: RECORDED) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          name
          primaryDimension
          usesBudget
          antiCorruptionBudget
          quarters
          remarks
          reviewStatus
          counted
          withdrawnAt
          withdrawalReason
        }
      }
    }
    planTableTotals(laoId: $laoId, fiscalYear: $fiscalYear) {
      projectCount
      withoutBudgetCount
      antiCorruptionBudget
      quarterCounts
    }
  }
`;

/** Projects and budget per dimension beside the latest assessment's scores. */
export const ASSESSMENT_REPORT_QUERY: TypedDocumentNode<
  AssessmentReportQuery,
  AssessmentReportQueryVariables
> = gql`
  query AssessmentReport($laoId: ID!, $fiscalYear: Int!) {
    laoSummary(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...LaoSummaryFields
    }
    plan(laoId: $laoId, fiscalYear: $fiscalYear) {
      id
      fiscalYear
      status
      submittedAt
      projectCount
      latestAssessment {
        ...AssessmentFields
      }
      scores {
        ...PlanScoresFields
      }
    }
  }
  ${LAO_SUMMARY_FIELDS}
  ${ASSESSMENT_FIELDS}
  ${PLAN_SCORES_FIELDS}
`;

/** One row per province, or per district of one province (drill-down). */
export const STATISTICS_QUERY: TypedDocumentNode<StatisticsQuery, StatisticsQueryVariables> = gql`
  query Statistics($fiscalYear: Int!, $round: RoundKind!, $provinceId: ID, $type: LaoType, $size: LaoSize) {
    statistics(fiscalYear: $fiscalYear, round: $round, provinceId: $provinceId, type: $type, size: $size) {
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
