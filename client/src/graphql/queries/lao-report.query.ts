import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  Connection,
  Dimension,
  ImplementationCounts,
  ReportStatus,
  ReviewStatus,
  RoundKind,
  UnableReason,
  WorkType,
} from '../types';

export type ReportLaoQuery = {
  lao: { id: string; code: string; nameTh: string; coordinator: { fullName: string | null } | null };
};

/** The LAO a printed report is about (its name, and the coordinator who signs it). */
export const REPORT_LAO_QUERY: TypedDocumentNode<ReportLaoQuery, { id: string }> = gql`
  query ReportLao($id: ID!) {
    lao(id: $id) {
      id
      code
      nameTh
      coordinator {
        fullName
      }
    }
  }
`;

/** The part of a report the printed summaries show. */
export type ReportLine = {
  id: string;
  status: ReportStatus;
  ordinanceBudget: string;
  disbursed: string;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
};

export type PerformanceProject = {
  id: string;
  name: string;
  primaryDimension: Dimension;
  antiCorruptionBudget: string;
  reviewStatus: ReviewStatus;
  report: ReportLine | null;
};

export type PerformanceQuery = {
  projects: Connection<PerformanceProject>;
  implementation: { edges: { node: ImplementationCounts }[] };
};

export type PerformanceQueryVariables = {
  laoId: string;
  fiscalYear: number;
  round: RoundKind;
  first: number;
  after?: string | null;
};

/** สรุปผลการดำเนินงานตามแผน: the year's projects by dimension with one round's report. */
export const PERFORMANCE_QUERY: TypedDocumentNode<PerformanceQuery, PerformanceQueryVariables> = gql`
  query PerformanceReport($laoId: ID!, $fiscalYear: Int!, $round: RoundKind!, $first: Int!, $after: String) {
    projects(laoId: $laoId, fiscalYear: $fiscalYear, first: $first, after: $after, orderBy: DIMENSION) {
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
          antiCorruptionBudget
          reviewStatus
          report(fiscalYear: $fiscalYear, round: $round) {
            id
            status
            ordinanceBudget
            disbursed
            unableReason
            unableReasonText
          }
        }
      }
    }
    implementation(fiscalYear: $fiscalYear, round: $round, laoId: $laoId, first: 1) {
      edges {
        node {
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
  }
`;

export type StatusProject = {
  id: string;
  name: string;
  workType: WorkType;
  primaryDimension: Dimension;
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  six: ReportLine | null;
  twelve: ReportLine | null;
};

export type StatusQuery = { projects: Connection<StatusProject> };

export type StatusQueryVariables = {
  laoId: string;
  fiscalYear: number;
  first: number;
  after?: string | null;
};

/** รายงานสถานะโครงการ/กิจกรรม/มาตรการ: every project of the year with both rounds' reports. */
export const STATUS_QUERY: TypedDocumentNode<StatusQuery, StatusQueryVariables> = gql`
  query StatusReport($laoId: ID!, $fiscalYear: Int!, $first: Int!, $after: String) {
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
          workType
          primaryDimension
          reviewStatus
          reviewReason
          six: report(fiscalYear: $fiscalYear, round: SIX_MONTH) {
            id
            status
            ordinanceBudget
            disbursed
            unableReason
            unableReasonText
          }
          twelve: report(fiscalYear: $fiscalYear, round: TWELVE_MONTH) {
            id
            status
            ordinanceBudget
            disbursed
            unableReason
            unableReasonText
          }
        }
      }
    }
  }
`;
