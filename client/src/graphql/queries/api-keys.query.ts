import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { API_KEY_FIELDS, type ApiKey } from '../fragments/api-key.fragment';
import type { Connection } from '../types';

export type ApiKeysQuery = { apiKeys: Connection<ApiKey> };

export type ApiKeysQueryVariables = { includeInactive: boolean; first: number; after?: string | null };

export const API_KEYS_QUERY: TypedDocumentNode<ApiKeysQuery, ApiKeysQueryVariables> = gql`
  query ApiKeys($includeInactive: Boolean!, $first: Int!, $after: String) {
    apiKeys(includeInactive: $includeInactive, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...ApiKeyFields
        }
      }
    }
  }
  ${API_KEY_FIELDS}
`;
