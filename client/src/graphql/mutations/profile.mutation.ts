import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { LAO_PROFILE_FIELDS } from '../fragments/lao-profile.fragment';
import type { LaoProfile, LaoSize } from '../types';

type TabInput = { laoId: string; version: number };

export type LocationInput = TabInput & { size: LaoSize; address: string };

export type AreaInput = TabInput & {
  areaKm2: string;
  population: number;
  revenueExcludingSubsidies: string;
  revenueFromSubsidies: string;
  chiefExecutiveName: string;
  permanentSecretaryName: string;
};

export type CoordinatorInput = TabInput & {
  fullName: string;
  position: string;
  unit: string;
  phone: string | null;
  mobile: string;
  fax: string | null;
  email: string;
  website: string | null;
};

export const UPDATE_LAO_LOCATION_MUTATION: TypedDocumentNode<
  { updateLaoLocation: LaoProfile },
  { input: LocationInput }
> = gql`
  mutation UpdateLaoLocation($input: LaoLocationInput!) {
    updateLaoLocation(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;

export const UPDATE_LAO_AREA_MUTATION: TypedDocumentNode<
  { updateLaoArea: LaoProfile },
  { input: AreaInput }
> = gql`
  mutation UpdateLaoArea($input: LaoAreaInput!) {
    updateLaoArea(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;

export const UPDATE_LAO_COORDINATOR_MUTATION: TypedDocumentNode<
  { updateLaoCoordinator: LaoProfile },
  { input: CoordinatorInput }
> = gql`
  mutation UpdateLaoCoordinator($input: LaoCoordinatorInput!) {
    updateLaoCoordinator(input: $input) {
      ...LaoProfileFields
    }
  }
  ${LAO_PROFILE_FIELDS}
`;
