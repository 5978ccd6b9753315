import { gql } from 'graphql-tag';

export const LAO_PROFILE_FIELDS = gql`
  fragment LaoProfileFields on Lao {
    id
    version
    code
    nameTh
    type
    size
    address
    province {
      id
      nameTh
    }
    district {
      id
      nameTh
    }
    areaKm2
    population
    revenueExcludingSubsidies
    revenueFromSubsidies
    chiefExecutiveName
    permanentSecretaryName
    website
    coordinator {
      fullName
      position
      unit
      phone
      mobile
      fax
      email
    }
    incompleteProfileTabs
    profileCompletedAt
  }
`;
