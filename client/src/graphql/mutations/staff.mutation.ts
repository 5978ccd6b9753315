import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  AcceptStaffInvitationMutation,
  AcceptStaffInvitationMutationVariables,
  AssignProvinceRegionMutation,
  AssignProvinceRegionMutationVariables,
  DisableStaffAccountMutation,
  DisableStaffAccountMutationVariables,
  EnableStaffAccountMutation,
  EnableStaffAccountMutationVariables,
  InviteStaffMutation,
  InviteStaffMutationVariables,
  ResendStaffInvitationMutation,
  ResendStaffInvitationMutationVariables,
  ResetStaffSecondFactorMutation,
  ResetStaffSecondFactorMutationVariables,
  UpdateStaffAccountMutation,
  UpdateStaffAccountMutationVariables,
} from '../generated';
import { STAFF_ACCOUNT_FIELDS } from '../fragments/staff.fragment';

export const INVITE_STAFF_MUTATION: TypedDocumentNode<InviteStaffMutation, InviteStaffMutationVariables> =
  gql`
    mutation InviteStaff($input: InviteStaffInput!) {
      inviteStaff(input: $input) {
        ...StaffAccountFields
      }
    }
    ${STAFF_ACCOUNT_FIELDS}
  `;

export const UPDATE_STAFF_ACCOUNT_MUTATION: TypedDocumentNode<
  UpdateStaffAccountMutation,
  UpdateStaffAccountMutationVariables
> = gql`
  mutation UpdateStaffAccount($input: UpdateStaffAccountInput!) {
    updateStaffAccount(input: $input) {
      ...StaffAccountFields
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const RESEND_STAFF_INVITATION_MUTATION: TypedDocumentNode<
  ResendStaffInvitationMutation,
  ResendStaffInvitationMutationVariables
> = gql`
  mutation ResendStaffInvitation($accountId: ID!) {
    resendStaffInvitation(accountId: $accountId) {
      ...StaffAccountFields
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const DISABLE_STAFF_ACCOUNT_MUTATION: TypedDocumentNode<
  DisableStaffAccountMutation,
  DisableStaffAccountMutationVariables
> = gql`
  mutation DisableStaffAccount($accountId: ID!) {
    disableStaffAccount(accountId: $accountId) {
      ...StaffAccountFields
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const ENABLE_STAFF_ACCOUNT_MUTATION: TypedDocumentNode<
  EnableStaffAccountMutation,
  EnableStaffAccountMutationVariables
> = gql`
  mutation EnableStaffAccount($accountId: ID!) {
    enableStaffAccount(accountId: $accountId) {
      ...StaffAccountFields
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const RESET_STAFF_SECOND_FACTOR_MUTATION: TypedDocumentNode<
  ResetStaffSecondFactorMutation,
  ResetStaffSecondFactorMutationVariables
> = gql`
  mutation ResetStaffSecondFactor($accountId: ID!) {
    resetStaffSecondFactor(accountId: $accountId) {
      ...StaffAccountFields
    }
  }
  ${STAFF_ACCOUNT_FIELDS}
`;

export const ACCEPT_STAFF_INVITATION_MUTATION: TypedDocumentNode<
  AcceptStaffInvitationMutation,
  AcceptStaffInvitationMutationVariables
> = gql`
  mutation AcceptStaffInvitation($input: AcceptStaffInvitationInput!) {
    acceptStaffInvitation(input: $input)
  }
`;

export const ASSIGN_PROVINCE_REGION_MUTATION: TypedDocumentNode<
  AssignProvinceRegionMutation,
  AssignProvinceRegionMutationVariables
> = gql`
  mutation AssignProvinceRegion($input: AssignProvinceRegionInput!) {
    assignProvinceRegion(input: $input) {
      id
    }
  }
`;
