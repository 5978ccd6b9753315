import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { PlanCycle } from '../types';

export type PlanCyclesQuery = { planCycles: PlanCycle[] };

export const PLAN_CYCLES_QUERY: TypedDocumentNode<PlanCyclesQuery, Record<string, never>> = gql`
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
