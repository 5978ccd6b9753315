import { gql } from 'graphql-tag';
import type { ApiKeyFieldsFragment, ApiScope } from '../generated';

/** A partner API key as NACC central sees it: never the secret, only its first characters. */
export type ApiKey = ApiKeyFieldsFragment;

/** The scopes in the schema's order (also the order of the form's checkboxes). */
export const apiScopes: readonly ApiScope[] = ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'];

export const API_KEY_FIELDS = gql`
  fragment ApiKeyFields on ApiKey {
    id
    name
    organisation
    scopes
    provinces {
      id
      nameTh
    }
    prefix
    expiresAt
    revokedAt
    lastUsedAt
    createdAt
    active
  }
`;
