import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  CreateProjectMutation,
  CreateProjectMutationVariables,
  DeleteProjectMutation,
  DeleteProjectMutationVariables,
  ImportProjectsMutation,
  ImportProjectsMutationVariables,
  PreviewProjectImportMutation,
  PreviewProjectImportMutationVariables,
  ReviewProjectsMutation,
  ReviewProjectsMutationVariables,
  RestoreProjectMutation,
  RestoreProjectMutationVariables,
  UpdateProjectMutation,
  UpdateProjectMutationVariables,
  WithdrawProjectMutation,
  WithdrawProjectMutationVariables,
} from '../generated';
import { PROJECT_FIELDS } from '../fragments/project.fragment';

export type ProjectImportPreview = PreviewProjectImportMutation['previewProjectImport'];

export const CREATE_PROJECT_MUTATION: TypedDocumentNode<
  CreateProjectMutation,
  CreateProjectMutationVariables
> = gql`
  mutation CreateProject($input: ProjectFieldsInput!) {
    createProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const UPDATE_PROJECT_MUTATION: TypedDocumentNode<
  UpdateProjectMutation,
  UpdateProjectMutationVariables
> = gql`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const DELETE_PROJECT_MUTATION: TypedDocumentNode<
  DeleteProjectMutation,
  DeleteProjectMutationVariables
> = gql`
  mutation DeleteProject($id: ID!, $version: Int!) {
    deleteProject(id: $id, version: $version)
  }
`;

export const REVIEW_PROJECTS_MUTATION: TypedDocumentNode<
  ReviewProjectsMutation,
  ReviewProjectsMutationVariables
> = gql`
  mutation ReviewProjects($input: ReviewProjectsInput!) {
    reviewProjects(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const PREVIEW_PROJECT_IMPORT_MUTATION: TypedDocumentNode<
  PreviewProjectImportMutation,
  PreviewProjectImportMutationVariables
> = gql`
  mutation PreviewProjectImport($input: ProjectImportInput!) {
    previewProjectImport(input: $input) {
      valid
      rowCount
      errors {
        rowNumber
        column
        message
      }
      rows {
        rowNumber
        name
        workType
        primaryDimension
        fiscalYears
        quarters
        usesBudget
        antiCorruptionBudget
        localDevelopmentBudget
      }
    }
  }
`;

export const IMPORT_PROJECTS_MUTATION: TypedDocumentNode<
  ImportProjectsMutation,
  ImportProjectsMutationVariables
> = gql`
  mutation ImportProjects($input: ProjectImportInput!) {
    importProjects(input: $input) {
      createdCount
    }
  }
`;

export const WITHDRAW_PROJECT_MUTATION: TypedDocumentNode<
  WithdrawProjectMutation,
  WithdrawProjectMutationVariables
> = gql`
  mutation WithdrawProject($input: WithdrawProjectInput!) {
    withdrawProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const RESTORE_PROJECT_MUTATION: TypedDocumentNode<
  RestoreProjectMutation,
  RestoreProjectMutationVariables
> = gql`
  mutation RestoreProject($projectId: ID!) {
    restoreProject(projectId: $projectId) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;
