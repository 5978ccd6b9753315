import { gql } from 'graphql-tag';

export const VIEWER_FIELDS = gql`
  fragment ViewerFields on Viewer {
    account {
      id
      username
      displayName
      role
      lastLoginAt
    }
    mustCompleteProfile
    mustChangePassword
    sessionExpiresAt
    province {
      id
      nameTh
    }
    lao {
      id
      code
      nameTh
      type
      province {
        id
        nameTh
      }
      district {
        id
        nameTh
      }
      incompleteProfileTabs
      profileCompletedAt
    }
  }
`;
