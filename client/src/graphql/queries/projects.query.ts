import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { PROJECT_FIELDS } from '../fragments/project.fragment';
import type { Connection, Dimension, Project, ProjectOrder, ReviewStatus, WorkType } from '../types';

export type ProjectsQuery = { projects: Connection<Project> };

export type ProjectsQueryVariables = {
  first: number;
  after?: string | null;
  laoId?: string | null;
  provinceId?: string | null;
  districtId?: string | null;
  fiscalYear?: number | null;
  dimension?: Dimension | null;
  workType?: WorkType | null;
  reviewStatus?: ReviewStatus | null;
  search?: string | null;
  orderBy?: ProjectOrder;
};

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

export type ProjectQuery = { project: Project };

export const PROJECT_QUERY: TypedDocumentNode<ProjectQuery, { id: string }> = gql`
  query Project($id: ID!) {
    project(id: $id) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;
