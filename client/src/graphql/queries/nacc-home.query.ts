import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';

export type NaccWaitingWorkQuery = {
  projects: { totalCount: number };
  plans: { totalCount: number };
  roundExtensions: { totalCount: number };
};

/** What waits for NACC within the viewer's reach: projects to review, plans to assess, extension requests. */
export const NACC_WAITING_WORK_QUERY: TypedDocumentNode<NaccWaitingWorkQuery, Record<string, never>> = gql`
  query NaccWaitingWork {
    projects(reviewStatus: PENDING, first: 1) {
      totalCount
    }
    plans(status: SUBMITTED, first: 1) {
      totalCount
    }
    roundExtensions(status: REQUESTED, first: 1) {
      totalCount
    }
  }
`;
