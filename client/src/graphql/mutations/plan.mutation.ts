import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  AssessPlanMutation,
  AssessPlanMutationVariables,
  SelfAssessPlanMutation,
  SelfAssessPlanMutationVariables,
  SetAssessmentPassMarkMutation,
  SetAssessmentPassMarkMutationVariables,
  CreatePlanCycleMutation,
  CreatePlanCycleMutationVariables,
  SubmitPlanMutation,
  SubmitPlanMutationVariables,
  UpdatePlanCycleMutation,
  UpdatePlanCycleMutationVariables,
} from '../generated';
import { ASSESSMENT_FIELDS, PLAN_FIELDS } from '../fragments/plan.fragment';

export const SUBMIT_PLAN_MUTATION: TypedDocumentNode<SubmitPlanMutation, SubmitPlanMutationVariables> = gql`
  mutation SubmitPlan($planId: ID!, $version: Int!) {
    submitPlan(planId: $planId, version: $version) {
      ...PlanFields
    }
  }
  ${PLAN_FIELDS}
`;

export const ASSESS_PLAN_MUTATION: TypedDocumentNode<AssessPlanMutation, AssessPlanMutationVariables> = gql`
  mutation AssessPlan($input: AssessPlanInput!) {
    assessPlan(input: $input) {
      ...AssessmentFields
    }
  }
  ${ASSESSMENT_FIELDS}
`;

const PLAN_CYCLE_FIELDS = gql`
  fragment PlanCycleFields on PlanCycle {
    id
    version
    nameTh
    startYear
    endYear
  }
`;

export const CREATE_PLAN_CYCLE_MUTATION: TypedDocumentNode<
  CreatePlanCycleMutation,
  CreatePlanCycleMutationVariables
> = gql`
  mutation CreatePlanCycle($input: CreatePlanCycleInput!) {
    createPlanCycle(input: $input) {
      ...PlanCycleFields
    }
  }
  ${PLAN_CYCLE_FIELDS}
`;

export const UPDATE_PLAN_CYCLE_MUTATION: TypedDocumentNode<
  UpdatePlanCycleMutation,
  UpdatePlanCycleMutationVariables
> = gql`
  mutation UpdatePlanCycle($input: UpdatePlanCycleInput!) {
    updatePlanCycle(input: $input) {
      ...PlanCycleFields
    }
  }
  ${PLAN_CYCLE_FIELDS}
`;

export const SELF_ASSESS_PLAN_MUTATION: TypedDocumentNode<
  SelfAssessPlanMutation,
  SelfAssessPlanMutationVariables
> = gql`
  mutation SelfAssessPlan($input: SelfAssessPlanInput!) {
    selfAssessPlan(input: $input) {
      id
      totalScore
    }
  }
`;

export const SET_ASSESSMENT_PASS_MARK_MUTATION: TypedDocumentNode<
  SetAssessmentPassMarkMutation,
  SetAssessmentPassMarkMutationVariables
> = gql`
  mutation SetAssessmentPassMark($input: SetPassMarkInput!) {
    setAssessmentPassMark(input: $input) {
      fiscalYear
      score
      version
      updatedAt
    }
  }
`;
