import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { LaosQuery, LaosQueryVariables } from '../generated';
import { LAO_ROW_FIELDS } from '../fragments/lao-row.fragment';

export const LAOS_QUERY: TypedDocumentNode<LaosQuery, LaosQueryVariables> = gql`
  query Laos(
    $first: Int!
    $after: String
    $provinceId: ID
    $districtId: ID
    $type: LaoType
    $search: String
  ) {
    laos(
      first: $first
      after: $after
      provinceId: $provinceId
      districtId: $districtId
      type: $type
      search: $search
    ) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...LaoRowFields
        }
      }
    }
  }
  ${LAO_ROW_FIELDS}
`;
