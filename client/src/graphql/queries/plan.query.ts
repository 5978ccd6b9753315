import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  AssessmentPassMarksQuery,
  AssessmentPassMarksQueryVariables,
  AssessmentScaleQuery,
  AssessmentScaleQueryVariables,
  PlanQuery,
  PlanQueryVariables,
  PlansQuery,
  PlansQueryVariables,
} from '../generated';
import { ASSESSMENT_FIELDS, PLAN_FIELDS, PLAN_SCORES_FIELDS } from '../fragments/plan.fragment';

/** The assessment scale: the most points per dimension and in total (server: assessment-scale.ts). */
export const ASSESSMENT_SCALE_QUERY: TypedDocumentNode<AssessmentScaleQuery, AssessmentScaleQueryVariables> =
  gql`
    query AssessmentScale {
      assessmentScale {
        dimensionMax
        totalMax
      }
    }
  `;

export const PLAN_QUERY: TypedDocumentNode<PlanQuery, PlanQueryVariables> = gql`
  query Plan($laoId: ID!, $fiscalYear: Int!) {
    plan(laoId: $laoId, fiscalYear: $fiscalYear) {
      ...PlanFields
      assessments {
        ...AssessmentFields
      }
      scores {
        ...PlanScoresFields
      }
    }
    yearProjects: projects(laoId: $laoId, fiscalYear: $fiscalYear, first: 1) {
      totalCount
    }
  }
  ${PLAN_FIELDS}
  ${ASSESSMENT_FIELDS}
  ${PLAN_SCORES_FIELDS}
`;

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

/** NACC central's pass mark of each fiscal year (เกณฑ์คะแนนผ่าน). */
export const ASSESSMENT_PASS_MARKS_QUERY: TypedDocumentNode<
  AssessmentPassMarksQuery,
  AssessmentPassMarksQueryVariables
> = gql`
  query AssessmentPassMarks {
    assessmentPassMarks {
      fiscalYear
      score
      version
      updatedAt
    }
  }
`;
