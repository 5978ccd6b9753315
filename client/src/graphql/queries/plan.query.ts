import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { ASSESSMENT_FIELDS, PLAN_FIELDS } from '../fragments/plan.fragment';
import type { Connection, Plan, PlanStatus, PlanWithAssessments } from '../types';

export type AssessmentScaleQuery = { assessmentScale: { dimensionMax: number; totalMax: number } };

/** The assessment scale: the most points per dimension and in total (server: assessment-scale.ts). */
export const ASSESSMENT_SCALE_QUERY: TypedDocumentNode<AssessmentScaleQuery, Record<string, never>> = gql`
  query AssessmentScale {
    assessmentScale {
      dimensionMax
      totalMax
    }
  }
`;

export type PlanQuery = {
  plan: PlanWithAssessments | null;
  /** Every project of the year, whatever the list's filters (the heading's count). */
  yearProjects: { totalCount: number };
};

export type PlanQueryVariables = { laoId: string; fiscalYear: number };

export const PLAN_QUERY: TypedDocumentNode<PlanQuery, PlanQueryVariables> = gql`
  query Plan($laoId: ID!, $fiscalYear: Int!) {
    plan(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...PlanFields
      assessments {
        ...AssessmentFields
      }
    }
    yearProjects: projects(laoId: $laoId, fiscalYear: $fiscalYear, first: 1) {
      totalCount
    }
  }
  ${PLAN_FIELDS}
  ${ASSESSMENT_FIELDS}
`;

export type PlansQuery = { plans: Connection<Plan> };

export type PlansQueryVariables = {
  first: number;
  after?: string | null;
  status?: PlanStatus | null;
  fiscalYear?: number | null;
  provinceId?: string | null;
};

export const PLANS_QUERY: TypedDocumentNode<PlansQuery, PlansQueryVariables> = gql`
  query Plans($first: Int!, $after: String, $status: PlanStatus, $fiscalYear: Int, $provinceId: ID) {
    plans(first: $first, after: $after, status: $status, fiscalYear: $fiscalYear, provinceId: $provinceId) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          ...PlanFields
        }
      }
    }
  }
  ${PLAN_FIELDS}
`;
