import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  ImplementationQuery,
  ImplementationQueryVariables,
  LevelThresholdsQuery,
  LevelThresholdsQueryVariables,
  ProjectReportQuery,
  ProjectReportQueryVariables,
  ReportProjectsQuery,
  ReportProjectsQueryVariables,
  ReportingCoverageQuery,
  ReportingCoverageQueryVariables,
  ReportingRoundsQuery,
  ReportingRoundsQueryVariables,
  RoundExtensionsQuery,
  RoundExtensionsQueryVariables,
} from '../generated';
import {
  EXTENSION_FIELDS,
  LAO_PLACE_FIELDS,
  REPORT_EVIDENCE_FIELDS,
  REPORT_FIELDS,
  REVISION_FIELDS,
  ROUND_FIELDS,
} from '../fragments/report.fragment';

/** A project row of the report table, with its report in each round. */
export type ReportProject = ReportProjectsQuery['projects']['edges'][number]['node'];
/** A row of the implementation table: one LAO's counts, percentage and level in a round. */
export type ImplementationRow = ImplementationQuery['implementation']['edges'][number]['node'];

/** The level thresholds of both rounds, as the server's rulebook has them (they change a few times a decade). */
export const LEVEL_THRESHOLDS_QUERY: TypedDocumentNode<LevelThresholdsQuery, LevelThresholdsQueryVariables> =
  gql`
    query LevelThresholds {
      levelThresholds {
        round
        high
        medium
      }
    }
  `;

export const REPORTING_ROUNDS_QUERY: TypedDocumentNode<ReportingRoundsQuery, ReportingRoundsQueryVariables> =
  gql`
    query ReportingRounds($fiscalYear: Int!) {
      reportingRounds(fiscalYear: $fiscalYear) {
        ...RoundFields
      }
    }
    ${ROUND_FIELDS}
  `;

/** The year's projects with their report in both rounds (the manual's report table). */
export const REPORT_PROJECTS_QUERY: TypedDocumentNode<ReportProjectsQuery, ReportProjectsQueryVariables> =
  gql`
    query ReportProjects($laoId: ID!, $fiscalYear: Int!, $first: Int!, $after: String) {
      projects(laoId: $laoId, fiscalYear: $fiscalYear, first: $first, after: $after) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          cursor
          node {
            id
            version
            name
            primaryDimension
            usesBudget
            antiCorruptionBudget
            reviewStatus
            counted
            withdrawnAt
            six: report(fiscalYear: $fiscalYear, round: SIX_MONTH) {
              ...ReportFields
            }
            twelve: report(fiscalYear: $fiscalYear, round: TWELVE_MONTH) {
              ...ReportFields
            }
          }
        }
      }
    }
    ${REPORT_FIELDS}
  `;

/** One project's report in one round, with every submitted version (the form's history). */
export const PROJECT_REPORT_QUERY: TypedDocumentNode<ProjectReportQuery, ProjectReportQueryVariables> = gql`
  query ProjectReport($id: ID!, $fiscalYear: Int!, $round: RoundKind!) {
    project(id: $id) {
      id
      name
      usesBudget
      report(fiscalYear: $fiscalYear, round: $round) {
        ...ReportFields
        revisions {
          ...RevisionFields
        }
        evidence {
          ...ReportEvidenceFields
        }
      }
    }
  }
  ${REPORT_FIELDS}
  ${REVISION_FIELDS}
  ${REPORT_EVIDENCE_FIELDS}
`;

export const IMPLEMENTATION_QUERY: TypedDocumentNode<ImplementationQuery, ImplementationQueryVariables> = gql`
  query Implementation(
    $fiscalYear: Int!
    $round: RoundKind!
    $provinceId: ID
    $districtId: ID
    $laoId: ID
    $onlyIncomplete: Boolean! = false
    $first: Int! = 10000
    $after: String
  ) {
    implementation(
      fiscalYear: $fiscalYear
      round: $round
      provinceId: $provinceId
      districtId: $districtId
      laoId: $laoId
      onlyIncomplete: $onlyIncomplete
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          eligibleCount
          reportedCount
          completedCount
          inProgressCount
          unableCount
          percentage
          level
          reportingState
          itaScore
          siteVisitStatus
          lao {
            ...LaoPlaceFields
          }
        }
      }
    }
  }
  ${LAO_PLACE_FIELDS}
`;

export const REPORTING_COVERAGE_QUERY: TypedDocumentNode<
  ReportingCoverageQuery,
  ReportingCoverageQueryVariables
> = gql`
  query ReportingCoverage($fiscalYear: Int!, $round: RoundKind!, $provinceId: ID) {
    reportingCoverage(fiscalYear: $fiscalYear, round: $round, provinceId: $provinceId) {
      laoCount
      noPassedPlan
      fullyReported
      partlyReported
      notReported
      district {
        id
        nameTh
      }
    }
  }
`;

/** Deadline extensions within the viewer's reach, newest first, a page at a time. */
export const ROUND_EXTENSIONS_QUERY: TypedDocumentNode<RoundExtensionsQuery, RoundExtensionsQueryVariables> =
  gql`
    query RoundExtensions($status: ExtensionStatus, $fiscalYear: Int, $first: Int!, $after: String) {
      roundExtensions(status: $status, fiscalYear: $fiscalYear, first: $first, after: $after) {
        totalCount
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          cursor
          node {
            ...ExtensionFields
          }
        }
      }
    }
    ${EXTENSION_FIELDS}
  `;
