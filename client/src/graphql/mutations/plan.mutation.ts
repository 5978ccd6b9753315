import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { ASSESSMENT_FIELDS, PLAN_FIELDS } from '../fragments/plan.fragment';
import type { Assessment, AssessmentVerdict, Plan, PlanCycle } from '../types';

export const SUBMIT_PLAN_MUTATION: TypedDocumentNode<
  { submitPlan: Plan },
  { planId: string; version: number }
> = gql`
  mutation SubmitPlan($planId: ID!, $version: Int!) {
    submitPlan(planId: $planId, version: $version) {
      ...PlanFields
    }
  }
  ${PLAN_FIELDS}
`;

export type AssessPlanInput = {
  planId: string;
  version: number;
  verdict: AssessmentVerdict;
  scoreSociety: string;
  scoreAdministration: string;
  scoreParticipation: string;
  scoreOversight: string;
  comments: string | null;
};

export const ASSESS_PLAN_MUTATION: TypedDocumentNode<{ assessPlan: Assessment }, { input: AssessPlanInput }> =
  gql`
    mutation AssessPlan($input: AssessPlanInput!) {
      assessPlan(input: $input) {
        ...AssessmentFields
      }
    }
    ${ASSESSMENT_FIELDS}
  `;

export type PlanCycleInput = { nameTh: string; startYear: number; endYear: number };

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
  { createPlanCycle: PlanCycle },
  { input: PlanCycleInput }
> = gql`
  mutation CreatePlanCycle($input: CreatePlanCycleInput!) {
    createPlanCycle(input: $input) {
      ...PlanCycleFields
    }
  }
  ${PLAN_CYCLE_FIELDS}
`;

export const UPDATE_PLAN_CYCLE_MUTATION: TypedDocumentNode<
  { updatePlanCycle: PlanCycle },
  { input: PlanCycleInput & { id: string; version: number } }
> = gql`
  mutation UpdatePlanCycle($input: UpdatePlanCycleInput!) {
    updatePlanCycle(input: $input) {
      ...PlanCycleFields
    }
  }
  ${PLAN_CYCLE_FIELDS}
`;
