import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ExtensionBatchesQuery, ExtensionBatchesQueryVariables } from '../generated';

export const EXTENSION_BATCH_FIELDS = gql`
  fragment ExtensionBatchFields on ExtensionBatch {
    id
    version
    scope
    reason
    until
    laoCount
    grantedAt
    grantedByName
    revokedAt
    province {
      id
      nameTh
    }
    district {
      id
      nameTh
    }
    round {
      id
      kind
      fiscalYear
      closesAt
    }
  }
`;

export const EXTENSION_BATCHES_QUERY: TypedDocumentNode<
  ExtensionBatchesQuery,
  ExtensionBatchesQueryVariables
> = gql`
  query ExtensionBatches($fiscalYear: Int) {
    extensionBatches(fiscalYear: $fiscalYear) {
      ...ExtensionBatchFields
    }
  }
  ${EXTENSION_BATCH_FIELDS}
`;
