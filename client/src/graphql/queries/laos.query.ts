import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { LAO_ROW_FIELDS } from '../fragments/lao-row.fragment';
import type { LaoRow, LaoType } from '../types';

export type LaosQuery = {
  laos: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: { cursor: string; node: LaoRow }[];
  };
};

export type LaosQueryVariables = {
  first: number;
  after?: string | null;
  provinceId?: string | null;
  districtId?: string | null;
  type?: LaoType | null;
  search?: string | null;
};

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
