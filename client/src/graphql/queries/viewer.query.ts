import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { ViewerQuery, ViewerQueryVariables } from '../generated';
import { VIEWER_FIELDS } from '../fragments/viewer.fragment';

export const VIEWER_QUERY: TypedDocumentNode<ViewerQuery, ViewerQueryVariables> = gql`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;
