import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ProfileQuery, ProfileQueryVariables } from '../generated';
import { LAO_PROFILE_FIELDS } from '../fragments/lao-profile.fragment';

export const PROFILE_QUERY: TypedDocumentNode<ProfileQuery, ProfileQueryVariables> = gql`
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
