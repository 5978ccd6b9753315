import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { API_KEY_FIELDS, type ApiKey, type ApiScope } from '../fragments/api-key.fragment';

export type CreateApiKeyInput = {
  name: string;
  organisation: string;
  scopes: ApiScope[];
  /** null: every province. */
  provinceIds: string[] | null;
  /** 1–730 days. */
  validDays: number;
};

/** The secret is in this answer only: the server keeps its digest, never the key itself. */
export type CreatedApiKey = { secret: string; apiKey: ApiKey };

export const CREATE_API_KEY_MUTATION: TypedDocumentNode<
  { createApiKey: CreatedApiKey },
  { input: CreateApiKeyInput }
> = gql`
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

export const REVOKE_API_KEY_MUTATION: TypedDocumentNode<{ revokeApiKey: ApiKey }, { id: string }> = gql`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
  ${API_KEY_FIELDS}
`;
