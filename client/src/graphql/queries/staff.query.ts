import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  RegionsQuery,
  RegionsQueryVariables,
  StaffAccountsQuery,
  StaffAccountsQueryVariables,
} from '../generated';
import { STAFF_ACCOUNT_FIELDS } from '../fragments/staff.fragment';

export const STAFF_ACCOUNTS_QUERY: TypedDocumentNode<StaffAccountsQuery, StaffAccountsQueryVariables> = gql`
  query StaffAccounts(
    $first: Int!
    $after: String
    $staffRole: StaffRole
    $provinceId: ID
    $regionId: ID
    $disabled: Boolean
    $search: String
  ) {
    staffAccounts(
      first: $first
      after: $after
      staffRole: $staffRole
      provinceId: $provinceId
      regionId: $regionId
      disabled: $disabled
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
          ...StaffAccountFields
        }
      }
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const REGIONS_QUERY: TypedDocumentNode<RegionsQuery, RegionsQueryVariables> = gql`
  query Regions {
    regions {
      id
      nameTh
      provinces {
        id
        nameTh
      }
    }
  }
`;
