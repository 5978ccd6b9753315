import { gql } from 'graphql-tag';
import type { PlaceRef } from '../types';

/** What a partner API key may read. */
export type ApiScope = 'MASTER_DATA' | 'PLANS' | 'REPORTS' | 'AGGREGATES';

/** The scopes in the schema's order (also the order of the form's checkboxes). */
export const apiScopes: readonly ApiScope[] = ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'];

/** A partner API key as NACC central sees it: never the secret, only its first characters. */
export type ApiKey = {
  id: string;
  name: string;
  organisation: string;
  scopes: ApiScope[];
  /** null: every province. */
  provinces: PlaceRef[] | null;
  prefix: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  /** Neither revoked nor expired. */
  active: boolean;
};

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
