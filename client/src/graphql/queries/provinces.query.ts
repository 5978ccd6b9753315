import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ProvinceWithDistricts } from '../types';

export type ProvincesQuery = { provinces: ProvinceWithDistricts[] };

export const PROVINCES_QUERY: TypedDocumentNode<ProvincesQuery, Record<string, never>> = gql`
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
