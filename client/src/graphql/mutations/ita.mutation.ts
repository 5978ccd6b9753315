import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  ImportItaScoresMutation,
  ImportItaScoresMutationVariables,
  PreviewItaImportMutation,
  PreviewItaImportMutationVariables,
  SetItaScoreMutation,
  SetItaScoreMutationVariables,
} from '../generated';

export const SET_ITA_SCORE_MUTATION: TypedDocumentNode<SetItaScoreMutation, SetItaScoreMutationVariables> =
  gql`
    mutation SetItaScore($input: SetItaScoreInput!) {
      setItaScore(input: $input) {
        fiscalYear
        score
        updatedAt
      }
    }
  `;

export const PREVIEW_ITA_IMPORT_MUTATION: TypedDocumentNode<
  PreviewItaImportMutation,
  PreviewItaImportMutationVariables
> = gql`
  mutation PreviewItaImport($input: ItaImportInput!) {
    previewItaImport(input: $input) {
      rowCount
      valid
      errorCount
      errors {
        rowNumber
        column
        message
      }
      rows {
        rowNumber
        code
        laoNameTh
        fiscalYear
        score
        previousScore
      }
    }
  }
`;

export const IMPORT_ITA_SCORES_MUTATION: TypedDocumentNode<
  ImportItaScoresMutation,
  ImportItaScoresMutationVariables
> = gql`
  mutation ImportItaScores($input: ItaImportInput!) {
    importItaScores(input: $input) {
      rowCount
      createdCount
      updatedCount
      unchangedCount
    }
  }
`;
