import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ChangeEvent, Connection } from '../types';

export type PlanHistoryQuery = { planHistory: Connection<ChangeEvent> };

export type PlanHistoryQueryVariables = {
  laoId: string;
  projectId?: string | null;
  first: number;
  after?: string | null;
};

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
        }
      }
    }
  }
`;
