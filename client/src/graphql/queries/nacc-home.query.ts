import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { NaccWaitingWorkQuery, NaccWaitingWorkQueryVariables } from '../generated';

/** What waits for NACC within the viewer's reach: projects to review, plans to assess, extension requests. */
export const NACC_WAITING_WORK_QUERY: TypedDocumentNode<NaccWaitingWorkQuery, NaccWaitingWorkQueryVariables> =
  gql`
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
