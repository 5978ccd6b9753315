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
    level
    passMark
    computedVerdict
    overrideReason
    overridden
  }
`;

const PLAN_SCORE_SET_FIELDS = gql`
  fragment PlanScoreSetFields on PlanScoreSet {
    level
    scoreSociety
    scoreAdministration
    scoreParticipation
    scoreOversight
    totalScore
    at
  }
`;

/** The plan's L, P and M scores, the effective one, the pass mark and what it gives (server: assessment-rules.ts). */
export const PLAN_SCORES_FIELDS = gql`
  fragment PlanScoresFields on PlanScores {
    self {
      ...PlanScoreSetFields
    }
    provincial {
      ...PlanScoreSetFields
    }
    central {
      ...PlanScoreSetFields
    }
    effective {
      ...PlanScoreSetFields
    }
    passMark
    verdictByPassMark
  }
  ${PLAN_SCORE_SET_FIELDS}
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
      selfAssess
    }
  }
`;
