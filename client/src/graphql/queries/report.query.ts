import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import {
  EXTENSION_FIELDS,
  LAO_PLACE_FIELDS,
  REPORT_FIELDS,
  REVISION_FIELDS,
  ROUND_FIELDS,
} from '../fragments/report.fragment';
import type {
  Connection,
  DistrictCoverage,
  ExtensionStatus,
  ImplementationRow,
  PageInfo,
  ReportingRound,
  ReportProject,
  ReportWithRevisions,
  RoundExtension,
  RoundKind,
} from '../types';

export type ReportingRoundsQuery = { reportingRounds: ReportingRound[] };

export const REPORTING_ROUNDS_QUERY: TypedDocumentNode<ReportingRoundsQuery, { fiscalYear: number }> = gql`
  query ReportingRounds($fiscalYear: Int!) {
    reportingRounds(fiscalYear: $fiscalYear) {
      ...RoundFields
    }
  }
  ${ROUND_FIELDS}
`;

export type ReportProjectsQuery = { projects: Connection<ReportProject> };

export type ReportProjectsQueryVariables = {
  laoId: string;
  fiscalYear: number;
  first: number;
  after?: string | null;
};

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
            antiCorruptionBudget
            reviewStatus
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

export type ProjectReportQuery = {
  project: { id: string; name: string; report: ReportWithRevisions | null };
};

/** One project's report in one round, with every submitted version (the form's history). */
export const PROJECT_REPORT_QUERY: TypedDocumentNode<
  ProjectReportQuery,
  { id: string; fiscalYear: number; round: RoundKind }
> = gql`
  query ProjectReport($id: ID!, $fiscalYear: Int!, $round: RoundKind!) {
    project(id: $id) {
      id
      name
      report(fiscalYear: $fiscalYear, round: $round) {
        ...ReportFields
        revisions {
          ...RevisionFields
        }
      }
    }
  }
  ${REPORT_FIELDS}
  ${REVISION_FIELDS}
`;

export type ImplementationQuery = {
  implementation: { totalCount: number; pageInfo: PageInfo; edges: { node: ImplementationRow }[] };
};

export type ImplementationQueryVariables = {
  fiscalYear: number;
  round: RoundKind;
  provinceId?: string | null;
  districtId?: string | null;
  laoId?: string | null;
  onlyIncomplete?: boolean;
  first?: number;
  after?: string | null;
};

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
          lao {
            ...LaoPlaceFields
          }
        }
      }
    }
  }
  ${LAO_PLACE_FIELDS}
`;

export type ReportingCoverageQuery = { reportingCoverage: DistrictCoverage[] };

export const REPORTING_COVERAGE_QUERY: TypedDocumentNode<
  ReportingCoverageQuery,
  { fiscalYear: number; round: RoundKind; provinceId?: string | null }
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

export type RoundExtensionsQuery = { roundExtensions: Connection<RoundExtension> };

export type RoundExtensionsQueryVariables = {
  status?: ExtensionStatus | null;
  fiscalYear?: number | null;
  first: number;
  after?: string | null;
};

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
