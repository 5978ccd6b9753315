import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  PerformanceReportQuery,
  PerformanceReportQueryVariables,
  ReportLaoQuery,
  ReportLaoQueryVariables,
  StatusReportQuery,
  StatusReportQueryVariables,
} from '../generated';

/** A project row of the printed performance summary, with its report in the round. */
export type PerformanceProject = PerformanceReportQuery['projects']['edges'][number]['node'];
/** A project row of the printed status table, with its report in both rounds. */
export type StatusProject = StatusReportQuery['projects']['edges'][number]['node'];
/** The part of a report the printed summaries show. */
export type ReportLine = NonNullable<StatusProject['six']>;

/** The LAO a printed report is about (its name, and the coordinator who signs it). */
export const REPORT_LAO_QUERY: TypedDocumentNode<ReportLaoQuery, ReportLaoQueryVariables> = gql`
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

/** สรุปผลการดำเนินงานตามแผน: the year's projects by dimension with one round's report. */
export const PERFORMANCE_QUERY: TypedDocumentNode<PerformanceReportQuery, PerformanceReportQueryVariables> =
  gql`
    query PerformanceReport(
      $laoId: ID!
      $fiscalYear: Int!
      $round: RoundKind!
      $first: Int!
      $after: String
    ) {
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
            usesBudget
            antiCorruptionBudget
            reviewStatus
            counted
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

/** รายงานสถานะโครงการ/กิจกรรม/มาตรการ: every project of the year with both rounds' reports. */
export const STATUS_QUERY: TypedDocumentNode<StatusReportQuery, StatusReportQueryVariables> = gql`
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
          usesBudget
          reviewStatus
          counted
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
