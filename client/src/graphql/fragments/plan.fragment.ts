import { gql } from 'graphql-tag';

export const ASSESSMENT_FIELDS = gql`
  fragment AssessmentFields on Assessment {
    id
    assessedAt
    assessorName
    verdict
    scoreSociety
    scoreAdministration
    scoreParticipation
    scoreOversight
    totalScore
    comments
  }
`;

export const PLAN_FIELDS = gql`
  fragment PlanFields on Plan {
    id
    version
    fiscalYear
    status
    submittedAt
    updatedAt
    projectCount
    cycle {
      id
      nameTh
      startYear
      endYear
    }
    lao {
      id
      code
      nameTh
      province {
        id
        nameTh
      }
      district {
        id
        nameTh
      }
    }
    viewerCan {
      recordProjects
      submit
      assess
    }
  }
`;
