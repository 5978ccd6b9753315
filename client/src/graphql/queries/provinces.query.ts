import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ProvincesQuery, ProvincesQueryVariables } from '../generated';

/** A province or district as the tables and filters name it. */
export type PlaceRef = ProvincesQuery['provinces'][number]['districts'][number];

export const PROVINCES_QUERY: TypedDocumentNode<ProvincesQuery, ProvincesQueryVariables> = gql`
  query Provinces {
    provinces {
      id
      nameTh
      districts {
        id
        nameTh
      }
    }
  }
`;
