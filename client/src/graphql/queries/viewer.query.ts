import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { VIEWER_FIELDS } from '../fragments/viewer.fragment';
import type { Viewer } from '../types';

export type ViewerQuery = { viewer: Viewer | null };

export const VIEWER_QUERY: TypedDocumentNode<ViewerQuery, Record<string, never>> = gql`
  query Viewer {
    viewer {
      ...ViewerFields
    }
  }
  ${VIEWER_FIELDS}
`;
