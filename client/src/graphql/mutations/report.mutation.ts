import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { EXTENSION_FIELDS, REPORT_FIELDS, REVISION_FIELDS, ROUND_FIELDS } from '../fragments/report.fragment';
import type {
  ReportingRound,
  ReportStatus,
  ReportWithRevisions,
  RoundExtension,
  RoundKind,
  UnableReason,
} from '../types';

export type SubmitReportInput = {
  projectId: string;
  fiscalYear: number;
  round: RoundKind;
  inOrdinance: boolean;
  ordinanceBudget: string;
  disbursed: string;
  status: ReportStatus;
  unableReason: UnableReason | null;
  unableReasonText: string | null;
  expectedVersion: number | null;
  idempotencyKey: string;
};

export const SUBMIT_REPORT_MUTATION: TypedDocumentNode<
  { submitReport: ReportWithRevisions },
  { input: SubmitReportInput }
> = gql`
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
  { updateReportingRound: ReportingRound },
  { input: { id: string; version: number; opensAt: string; closesAt: string } }
> = gql`
  mutation UpdateReportingRound($input: UpdateRoundInput!) {
    updateReportingRound(input: $input) {
      ...RoundFields
    }
  }
  ${ROUND_FIELDS}
`;

export const REQUEST_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  { requestRoundExtension: RoundExtension },
  { input: { roundId: string; until: string; reason: string } }
> = gql`
  mutation RequestRoundExtension($input: RequestExtensionInput!) {
    requestRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;

export const GRANT_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  { grantRoundExtension: RoundExtension },
  { input: { roundId: string; laoId: string; until: string; reason: string } }
> = gql`
  mutation GrantRoundExtension($input: GrantExtensionInput!) {
    grantRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;

export const DECIDE_ROUND_EXTENSION_MUTATION: TypedDocumentNode<
  { decideRoundExtension: RoundExtension },
  { input: { id: string; version: number; grant: boolean; note: string | null } }
> = gql`
  mutation DecideRoundExtension($input: DecideExtensionInput!) {
    decideRoundExtension(input: $input) {
      ...ExtensionFields
    }
  }
  ${EXTENSION_FIELDS}
`;
