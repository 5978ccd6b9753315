import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { PlanCyclesQuery, PlanCyclesQueryVariables } from '../generated';

export const PLAN_CYCLES_QUERY: TypedDocumentNode<PlanCyclesQuery, PlanCyclesQueryVariables> = gql`
  query PlanCycles {
    planCycles {
      id
      version
      nameTh
      startYear
      endYear
    }
  }
`;
