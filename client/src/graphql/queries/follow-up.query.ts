import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  SiteVisitPageQuery,
  SiteVisitPageQueryVariables,
  DeleteSiteVisitFileMutation,
  DeleteSiteVisitFileMutationVariables,
  FileProblemReportMutation,
  FileProblemReportMutationVariables,
  ProblemReportQuery,
  ProblemReportQueryVariables,
  SaveSiteVisitMutation,
  SaveSiteVisitMutationVariables,
  SiteVisitPlannerQuery,
  SiteVisitPlannerQueryVariables,
  SiteVisitQuery,
  SiteVisitQueryVariables,
} from '../generated';

/** Site visits (นิเทศติดตาม) and problems, obstacles and suggestions (ปัญหา อุปสรรคและข้อเสนอแนะ). */
export const SITE_VISIT_FIELDS = gql`
  fragment SiteVisitFields on SiteVisit {
    id
    laoId
    fiscalYear
    status
    plannedOn
    visitedOn
    officers
    findings
    recommendations
    updatedAt
    version
    files {
      id
      fileName
      contentType
      sizeBytes
      uploadedAt
      downloadUrl
    }
  }
`;

export const PROBLEM_REPORT_FIELDS = gql`
  fragment ProblemReportFields on ProblemReport {
    id
    laoId
    fiscalYear
    round
    problems
    suggestions
    updatedAt
    version
  }
`;

export const SITE_VISIT_QUERY: TypedDocumentNode<SiteVisitQuery, SiteVisitQueryVariables> = gql`
  query SiteVisit($laoId: ID!, $fiscalYear: Int!) {
    siteVisit(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...SiteVisitFields
    }
  }
  ${SITE_VISIT_FIELDS}
`;

/** The record page of one LAO's visit: the LAO, its visit of the year and what it filed in both rounds. */
export const SITE_VISIT_PAGE_QUERY: TypedDocumentNode<SiteVisitPageQuery, SiteVisitPageQueryVariables> = gql`
  query SiteVisitPage($laoId: ID!, $fiscalYear: Int!) {
    lao(id: $laoId) {
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
    siteVisit(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...SiteVisitFields
    }
    sixMonth: problemReport(laoId: $laoId, fiscalYear: $fiscalYear, round: SIX_MONTH) {
      ...ProblemReportFields
    }
    twelveMonth: problemReport(laoId: $laoId, fiscalYear: $fiscalYear, round: TWELVE_MONTH) {
      ...ProblemReportFields
    }
  }
  ${SITE_VISIT_FIELDS}
  ${PROBLEM_REPORT_FIELDS}
`;

export const SITE_VISIT_PLANNER_QUERY: TypedDocumentNode<
  SiteVisitPlannerQuery,
  SiteVisitPlannerQueryVariables
> = gql`
  query SiteVisitPlanner(
    $fiscalYear: Int!
    $provinceId: ID
    $districtId: ID
    $filter: SiteVisitFilter
    $first: Int! = 50
    $after: String
  ) {
    siteVisits(
      fiscalYear: $fiscalYear
      provinceId: $provinceId
      districtId: $districtId
      filter: $filter
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
          lao {
            id
            code
            nameTh
            district {
              id
              nameTh
            }
          }
          visit {
            id
            status
            plannedOn
            visitedOn
            version
          }
          problemReports {
            ...ProblemReportFields
          }
        }
      }
    }
  }
  ${PROBLEM_REPORT_FIELDS}
`;

export const PROBLEM_REPORT_QUERY: TypedDocumentNode<ProblemReportQuery, ProblemReportQueryVariables> = gql`
  query ProblemReport($laoId: ID!, $fiscalYear: Int!, $round: RoundKind!) {
    problemReport(laoId: $laoId, fiscalYear: $fiscalYear, round: $round) {
      ...ProblemReportFields
    }
  }
  ${PROBLEM_REPORT_FIELDS}
`;

export const SAVE_SITE_VISIT_MUTATION: TypedDocumentNode<
  SaveSiteVisitMutation,
  SaveSiteVisitMutationVariables
> = gql`
  mutation SaveSiteVisit($input: SaveSiteVisitInput!) {
    saveSiteVisit(input: $input) {
      ...SiteVisitFields
    }
  }
  ${SITE_VISIT_FIELDS}
`;

export const DELETE_SITE_VISIT_FILE_MUTATION: TypedDocumentNode<
  DeleteSiteVisitFileMutation,
  DeleteSiteVisitFileMutationVariables
> = gql`
  mutation DeleteSiteVisitFile($id: ID!) {
    deleteSiteVisitFile(id: $id)
  }
`;

export const FILE_PROBLEM_REPORT_MUTATION: TypedDocumentNode<
  FileProblemReportMutation,
  FileProblemReportMutationVariables
> = gql`
  mutation FileProblemReport($input: FileProblemReportInput!) {
    fileProblemReport(input: $input) {
      ...ProblemReportFields
    }
  }
  ${PROBLEM_REPORT_FIELDS}
`;

/** One LAO of the site-visit planner. */
export type SiteVisitPlanRow = SiteVisitPlannerQuery['siteVisits']['edges'][number]['node'];
/** A site visit with its files. */
export type SiteVisitRecord = NonNullable<SiteVisitQuery['siteVisit']>;
