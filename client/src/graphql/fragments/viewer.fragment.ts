import { gql } from 'graphql-tag';

export const VIEWER_FIELDS = gql`
  fragment ViewerFields on Viewer {
    account {
      id
      username
      displayName
      role
      administrator
      lastLoginAt
    }
    mustCompleteProfile
    mustChangePassword
    sessionExpiresAt
    mustChangePassword
    passwordManagedByDirectory
    secondFactorEnabled
    secondFactorRequired
    secondFactorAvailable
    recoveryCodesLeft
    province {
      id
      nameTh
    }
    region {
      id
      nameTh
    }
    reachProvinces {
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
