import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { PlanHistoryQuery, PlanHistoryQueryVariables } from '../generated';

/** One change of a plan or its projects, as the history page lists it. */
export type ChangeEvent = PlanHistoryQuery['planHistory']['edges'][number]['node'];

export const PLAN_HISTORY_QUERY: TypedDocumentNode<PlanHistoryQuery, PlanHistoryQueryVariables> = gql`
  query PlanHistory($laoId: ID!, $projectId: ID, $first: Int!, $after: String) {
    planHistory(laoId: $laoId, projectId: $projectId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          at
          action
          actorName
          actorRole
          entityType
          entityId
          before
          after
          viewerCanRestore
        }
      }
    }
  }
`;
