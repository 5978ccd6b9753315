import { gql } from 'graphql-tag';

export const PROJECT_FIELDS = gql`
  fragment ProjectFields on Project {
    id
    version
    name
    workType
    fiscalYears
    quarters
    primaryDimension
    additionalDimensions
    essence
    usesBudget
    antiCorruptionBudget
    localDevelopmentBudget
    targetGroups
    otherTargetGroup
    objectives
    remarks
    reviewStatus
    counted
    reviewReason
    reviewedAt
    withdrawnAt
    withdrawalReason
    updatedAt
    lao {
      id
      code
      nameTh
    }
    viewerCan {
      edit
      delete
      withdraw
      review
    }
  }
`;
