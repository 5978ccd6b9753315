import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  GrantExtensionBatchMutation,
  GrantExtensionBatchMutationVariables,
  RevokeExtensionBatchMutation,
  RevokeExtensionBatchMutationVariables,
} from '../generated';
import { EXTENSION_BATCH_FIELDS } from '../queries/extension-batch.query';

export const GRANT_EXTENSION_BATCH_MUTATION: TypedDocumentNode<
  GrantExtensionBatchMutation,
  GrantExtensionBatchMutationVariables
> = gql`
  mutation GrantExtensionBatch($input: GrantExtensionBatchInput!) {
    grantExtensionBatch(input: $input) {
      ...ExtensionBatchFields
    }
  }
  ${EXTENSION_BATCH_FIELDS}
`;

export const REVOKE_EXTENSION_BATCH_MUTATION: TypedDocumentNode<
  RevokeExtensionBatchMutation,
  RevokeExtensionBatchMutationVariables
> = gql`
  mutation RevokeExtensionBatch($input: RevokeExtensionBatchInput!) {
    revokeExtensionBatch(input: $input) {
      ...ExtensionBatchFields
    }
  }
  ${EXTENSION_BATCH_FIELDS}
`;
