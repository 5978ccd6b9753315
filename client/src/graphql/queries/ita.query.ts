import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ItaScoresQuery, ItaScoresQueryVariables } from '../generated';

export type ItaLaoRow = ItaScoresQuery['laos']['edges'][number]['node'];

/** The LAOs of a province with their ITA score of a year (NACC central's entry screen). */
export const ITA_SCORES_QUERY: TypedDocumentNode<ItaScoresQuery, ItaScoresQueryVariables> = gql`
  query ItaScores($provinceId: ID!, $fiscalYear: Int!) {
    laos(provinceId: $provinceId, first: 500) {
      totalCount
      edges {
        node {
          id
          code
          nameTh
          district {
            id
            nameTh
          }
          itaScore(fiscalYear: $fiscalYear) {
            fiscalYear
            score
            updatedAt
          }
        }
      }
    }
  }
`;
