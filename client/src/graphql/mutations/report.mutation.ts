import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  DeleteReportEvidenceMutation,
  DeleteReportEvidenceMutationVariables,
  SetReportEvidencePublicMutation,
  SetReportEvidencePublicMutationVariables,
  DecideRoundExtensionMutation,
  DecideRoundExtensionMutationVariables,
  GrantRoundExtensionMutation,
  GrantRoundExtensionMutationVariables,
  RequestRoundExtensionMutation,
  RequestRoundExtensionMutationVariables,
  SubmitReportMutation,
  SubmitReportMutationVariables,
  UpdateReportingRoundMutation,
  UpdateReportingRoundMutationVariables,
} from '../generated';
import {
  EXTENSION_FIELDS,
  REPORT_EVIDENCE_FIELDS,
  REPORT_FIELDS,
  REVISION_FIELDS,
  ROUND_FIELDS,
} from '../fragments/report.fragment';

export const SUBMIT_REPORT_MUTATION: TypedDocumentNode<SubmitReportMutation, SubmitReportMutationVariables> =
  gql`
    mutation SubmitReport($input: SubmitReportInput!) {
      submitReport(input: $input) {
        ...ReportFields
        revisions {
          ...RevisionFields
        }
      }
    }
    ${REPORT_FIELDS}
    ${REVISION_FIELDS}
  `;

export const UPDATE_REPORTING_ROUND_MUTATION: TypedDocumentNode<
  UpdateReportingRoundMutation,
  UpdateReportingRoundMutationVariables
> = gql`
  mutation UpdateReportingRound($input: UpdateRoundInput!) {
    updateReportingRound(input: $input) {
      ...RoundFields
    }
  }
  ${ROUND_FIELDS}
`;

export const REQUEST_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  RequestRoundExtensionMutation,
  RequestRoundExtensionMutationVariables
> = gql`
  mutation RequestRoundExtension($input: RequestExtensionInput!) {
    requestRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;

export const GRANT_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  GrantRoundExtensionMutation,
  GrantRoundExtensionMutationVariables
> = gql`
  mutation GrantRoundExtension($input: GrantExtensionInput!) {
    grantRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;

export const DECIDE_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  DecideRoundExtensionMutation,
  DecideRoundExtensionMutationVariables
> = gql`
  mutation DecideRoundExtension($input: DecideExtensionInput!) {
    decideRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;

export const DELETE_REPORT_EVIDENCE_MUTATION: TypedDocumentNode<
  DeleteReportEvidenceMutation,
  DeleteReportEvidenceMutationVariables
> = gql`
  mutation DeleteReportEvidence($id: ID!) {
    deleteReportEvidence(id: $id)
  }
`;

export const SET_REPORT_EVIDENCE_PUBLIC_MUTATION: TypedDocumentNode<
  SetReportEvidencePublicMutation,
  SetReportEvidencePublicMutationVariables
> = gql`
  mutation SetReportEvidencePublic($id: ID!, $isPublic: Boolean!) {
    setReportEvidencePublic(id: $id, isPublic: $isPublic) {
      ...ReportEvidenceFields
    }
  }
  ${REPORT_EVIDENCE_FIELDS}
`;
