import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  ActivateAccountMutation,
  ActivateAccountMutationVariables,
  ChangePasswordMutation,
  ChangePasswordMutationVariables,
  CompleteSecondFactorSignInMutation,
  CompleteSecondFactorSignInMutationVariables,
  ConfirmSecondFactorEnrolmentMutation,
  ConfirmSecondFactorEnrolmentMutationVariables,
  DisableSecondFactorMutation,
  DisableSecondFactorMutationVariables,
  LoginMutation,
  LoginMutationVariables,
  StartSecondFactorEnrolmentMutation,
  StartSecondFactorEnrolmentMutationVariables,
  LogoutMutation,
  LogoutMutationVariables,
  RequestPasswordResetMutation,
  RequestPasswordResetMutationVariables,
  ResetPasswordMutation,
  ResetPasswordMutationVariables,
} from '../generated';
import { VIEWER_FIELDS } from '../fragments/viewer.fragment';

const AUTH_PAYLOAD_FIELDS = gql`
  fragment AuthPayloadFields on AuthPayload {
    token
    expiresAt
    deviceToken
    viewer {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

/** A session, or a second-factor challenge (staff with a second factor, or who must enrol one). */
export const LOGIN_MUTATION: TypedDocumentNode<LoginMutation, LoginMutationVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      deviceToken
      viewer {
        ...ViewerFields
      }
      secondFactor {
        token
        step
        expiresAt
      }
    }
  }
  ${VIEWER_FIELDS}
`;

export const COMPLETE_SECOND_FACTOR_SIGN_IN_MUTATION: TypedDocumentNode<
  CompleteSecondFactorSignInMutation,
  CompleteSecondFactorSignInMutationVariables
> = gql`
  mutation CompleteSecondFactorSignIn($input: CompleteSecondFactorSignInInput!) {
    completeSecondFactorSignIn(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const START_SECOND_FACTOR_ENROLMENT_MUTATION: TypedDocumentNode<
  StartSecondFactorEnrolmentMutation,
  StartSecondFactorEnrolmentMutationVariables
> = gql`
  mutation StartSecondFactorEnrolment($challengeToken: String) {
    startSecondFactorEnrolment(challengeToken: $challengeToken) {
      secret
      otpauthUri
      qrCodeDataUrl
    }
  }
`;

export const CONFIRM_SECOND_FACTOR_ENROLMENT_MUTATION: TypedDocumentNode<
  ConfirmSecondFactorEnrolmentMutation,
  ConfirmSecondFactorEnrolmentMutationVariables
> = gql`
  mutation ConfirmSecondFactorEnrolment($input: ConfirmSecondFactorEnrolmentInput!) {
    confirmSecondFactorEnrolment(input: $input) {
      recoveryCodes
      session {
        ...AuthPayloadFields
      }
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const DISABLE_SECOND_FACTOR_MUTATION: TypedDocumentNode<
  DisableSecondFactorMutation,
  DisableSecondFactorMutationVariables
> = gql`
  mutation DisableSecondFactor($input: DisableSecondFactorInput!) {
    disableSecondFactor(input: $input) {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;

export const ACTIVATE_ACCOUNT_MUTATION: TypedDocumentNode<
  ActivateAccountMutation,
  ActivateAccountMutationVariables
> = gql`
  mutation ActivateAccount($input: ActivateAccountInput!) {
    activateAccount(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const CHANGE_PASSWORD_MUTATION: TypedDocumentNode<
  ChangePasswordMutation,
  ChangePasswordMutationVariables
> = gql`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const LOGOUT_MUTATION: TypedDocumentNode<LogoutMutation, LogoutMutationVariables> = gql`
  mutation Logout {
    logout
  }
`;

export const REQUEST_PASSWORD_RESET_MUTATION: TypedDocumentNode<
  RequestPasswordResetMutation,
  RequestPasswordResetMutationVariables
> = gql`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`;

export const RESET_PASSWORD_MUTATION: TypedDocumentNode<
  ResetPasswordMutation,
  ResetPasswordMutationVariables
> = gql`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input)
  }
`;
