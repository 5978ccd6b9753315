import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  UpdateLaoAreaMutation,
  UpdateLaoAreaMutationVariables,
  UpdateLaoCoordinatorMutation,
  UpdateLaoCoordinatorMutationVariables,
  UpdateLaoLocationMutation,
  UpdateLaoLocationMutationVariables,
} from '../generated';
import { LAO_PROFILE_FIELDS } from '../fragments/lao-profile.fragment';

export const UPDATE_LAO_LOCATION_MUTATION: TypedDocumentNode<
  UpdateLaoLocationMutation,
  UpdateLaoLocationMutationVariables
> = gql`
  mutation UpdateLaoLocation($input: LaoLocationInput!) {
    updateLaoLocation(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;

export const UPDATE_LAO_AREA_MUTATION: TypedDocumentNode<
  UpdateLaoAreaMutation,
  UpdateLaoAreaMutationVariables
> = gql`
  mutation UpdateLaoArea($input: LaoAreaInput!) {
    updateLaoArea(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;

export const UPDATE_LAO_COORDINATOR_MUTATION: TypedDocumentNode<
  UpdateLaoCoordinatorMutation,
  UpdateLaoCoordinatorMutationVariables
> = gql`
  mutation UpdateLaoCoordinator($input: LaoCoordinatorInput!) {
    updateLaoCoordinator(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;
