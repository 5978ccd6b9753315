import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  ProjectQuery,
  ProjectQueryVariables,
  ProjectsQuery,
  ProjectsQueryVariables,
} from '../generated';
import { PROJECT_FIELDS } from '../fragments/project.fragment';

export const PROJECTS_QUERY: TypedDocumentNode<ProjectsQuery, ProjectsQueryVariables> = gql`
  query Projects(
    $first: Int!
    $after: String
    $laoId: ID
    $provinceId: ID
    $districtId: ID
    $fiscalYear: Int
    $dimension: Dimension
    $workType: WorkType
    $reviewStatus: ReviewStatus
    $search: String
    $orderBy: ProjectOrder! = RECORDED
  ) {
    projects(
      first: $first
      after: $after
      laoId: $laoId
      provinceId: $provinceId
      districtId: $districtId
      fiscalYear: $fiscalYear
      dimension: $dimension
      workType: $workType
      reviewStatus: $reviewStatus
      search: $search
      orderBy: $orderBy
    ) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...ProjectFields
        }
      }
    }
  }
  ${PROJECT_FIELDS}
`;

export const PROJECT_QUERY: TypedDocumentNode<ProjectQuery, ProjectQueryVariables> = gql`
  query Project($id: ID!) {
    project(id: $id) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;
