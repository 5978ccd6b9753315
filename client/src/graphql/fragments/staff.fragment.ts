import { gql } from 'graphql-tag';
import type { StaffAccountFieldsFragment } from '../generated';

export type StaffAccountRow = StaffAccountFieldsFragment;

export const STAFF_ACCOUNT_FIELDS = gql`
  fragment StaffAccountFields on StaffAccount {
    id
    username
    displayName
    email
    staffRole
    usesDirectory
    secondFactorEnabled
    disabledAt
    activatedAt
    invitationExpiresAt
    lastLoginAt
    province {
      id
      nameTh
    }
    region {
      id
      nameTh
    }
  }
`;
