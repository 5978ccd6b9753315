import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { LAO_PROFILE_FIELDS } from '../fragments/lao-profile.fragment';
import type { LaoProfile } from '../types';

export type ProfileQuery = {
  viewer: { account: { id: string }; lao: (LaoProfile & { planYears: number[] }) | null } | null;
};

export const PROFILE_QUERY: TypedDocumentNode<ProfileQuery, Record<string, never>> = gql`
  query Profile {
    viewer {
      account {
        id
      }
      lao {
        ...LaoProfileFields
        planYears
      }
    }
  }
  ${LAO_PROFILE_FIELDS}
`;
