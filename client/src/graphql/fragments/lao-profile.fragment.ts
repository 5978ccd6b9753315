import { gql } from 'graphql-tag';

/** The tabs of the profile form; `incompleteProfileTabs` names them (a String list in the schema). */
export type ProfileTab = 'LOCATION' | 'AREA' | 'COORDINATOR';

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
