import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  IssueActivationCodeMutation,
  IssueActivationCodeMutationVariables,
  IssueActivationCodesForProvinceMutation,
  IssueActivationCodesForProvinceMutationVariables,
} from '../generated';
import { LAO_ROW_FIELDS } from '../fragments/lao-row.fragment';

const ISSUED_CODE_FIELDS = gql`
  fragment IssuedCodeFields on IssuedActivationCode {
    code
    expiresAt
    lao {
      ...LaoRowFields
    }
  }
  ${LAO_ROW_FIELDS}
`;

export const ISSUE_ACTIVATION_CODE_MUTATION: TypedDocumentNode<
  IssueActivationCodeMutation,
  IssueActivationCodeMutationVariables
> = gql`
  mutation IssueActivationCode($laoId: ID!) {
    issueActivationCode(laoId: $laoId) {
      ...IssuedCodeFields
    }
  }
  ${ISSUED_CODE_FIELDS}
`;

export const ISSUE_PROVINCE_CODES_MUTATION: TypedDocumentNode<
  IssueActivationCodesForProvinceMutation,
  IssueActivationCodesForProvinceMutationVariables
> = gql`
  mutation IssueActivationCodesForProvince($input: IssueProvinceCodesInput!) {
    issueActivationCodesForProvince(input: $input) {
      ...IssuedCodeFields
    }
  }
  ${ISSUED_CODE_FIELDS}
`;
