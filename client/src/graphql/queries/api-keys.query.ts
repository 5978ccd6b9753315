import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ApiKeysQuery, ApiKeysQueryVariables } from '../generated';
import { API_KEY_FIELDS } from '../fragments/api-key.fragment';

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
