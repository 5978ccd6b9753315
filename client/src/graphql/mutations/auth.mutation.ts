import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { VIEWER_FIELDS } from '../fragments/viewer.fragment';
import type { AuthPayload } from '../types';

const AUTH_PAYLOAD_FIELDS = gql`
  fragment AuthPayloadFields on AuthPayload {
    token
    expiresAt
    viewer {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

export const LOGIN_MUTATION: TypedDocumentNode<
  { login: AuthPayload },
  { input: { username: string; password: string } }
> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const ACTIVATE_ACCOUNT_MUTATION: TypedDocumentNode<
  { activateAccount: AuthPayload },
  { input: { laoCode: string; activationCode: string; password: string } }
> = gql`
  mutation ActivateAccount($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const CHANGE_PASSWORD_MUTATION: TypedDocumentNode<
  { changePassword: AuthPayload },
  { input: { currentPassword: string; newPassword: string } }
> = gql`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const LOGOUT_MUTATION: TypedDocumentNode<{ logout: boolean }, Record<string, never>> = gql`
  mutation Logout {
    logout
  }
`;

export const REQUEST_PASSWORD_RESET_MUTATION: TypedDocumentNode<
  { requestPasswordReset: boolean },
  { input: { username: string; email: string } }
> = gql`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`;

export const RESET_PASSWORD_MUTATION: TypedDocumentNode<
  { resetPassword: boolean },
  { input: { token: string; newPassword: string } }
> = gql`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`;
