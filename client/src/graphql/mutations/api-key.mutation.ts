import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  CreateApiKeyMutation,
  CreateApiKeyMutationVariables,
  RevokeApiKeyMutation,
  RevokeApiKeyMutationVariables,
} from '../generated';
import { API_KEY_FIELDS } from '../fragments/api-key.fragment';

/** The secret is in this answer only: the server keeps its digest, never the key itself. */
export type CreatedApiKey = CreateApiKeyMutation['createApiKey'];

export const CREATE_API_KEY_MUTATION: TypedDocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables> =
  gql`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
      createApiKey(input: $input) {
        secret
        apiKey {
          ...ApiKeyFields
        }
      }
    }
    ${API_KEY_FIELDS}
  `;

export const REVOKE_API_KEY_MUTATION: TypedDocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables> =
  gql`
    mutation RevokeApiKey($id: ID!) {
      revokeApiKey(id: $id) {
        ...ApiKeyFields
      }
    }
    ${API_KEY_FIELDS}
  `;
