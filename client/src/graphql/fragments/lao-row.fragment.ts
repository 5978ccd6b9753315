import { gql } from 'graphql-tag';

export const LAO_ROW_FIELDS = gql`
  fragment LaoRowFields on Lao {
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
    accountStatus {
      activated
      activatedAt
      lastLoginAt
      pendingCodeExpiresAt
    }
  }
`;
