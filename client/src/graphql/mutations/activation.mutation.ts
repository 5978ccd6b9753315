import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { LAO_ROW_FIELDS } from '../fragments/lao-row.fragment';
import type { IssuedActivationCode } from '../types';

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
  { issueActivationCode: IssuedActivationCode },
  { laoId: string }
> = gql`
  mutation IssueActivationCode($laoId: ID!) {
    issueActivationCode(laoId: $laoId) {
      ...IssuedCodeFields
    }
  }
  ${ISSUED_CODE_FIELDS}
`;

export const ISSUE_PROVINCE_CODES_MUTATION: TypedDocumentNode<
  { issueActivationCodesForProvince: IssuedActivationCode[] },
  { input: { provinceId: string } }
> = gql`
  mutation IssueActivationCodesForProvince($input: IssueProvinceCodesInput!) {
    issueActivationCodesForProvince(input: $input) {
      ...IssuedCodeFields
    }
  }
  ${ISSUED_CODE_FIELDS}
`;
