import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import { PROJECT_FIELDS } from '../fragments/project.fragment';
import type { Dimension, Project, ProjectImportPreview, ReviewStatus, TargetGroup, WorkType } from '../types';

export type ProjectFieldsInput = {
  name: string;
  workType: WorkType;
  fiscalYears: number[];
  quarters: number[];
  primaryDimension: Dimension;
  additionalDimensions: Dimension[];
  essence: string | null;
  antiCorruptionBudget: string;
  localDevelopmentBudget: string;
  targetGroups: TargetGroup[];
  objectives: string | null;
  remarks: string | null;
};

export type UpdateProjectInput = ProjectFieldsInput & { id: string; version: number };

export const CREATE_PROJECT_MUTATION: TypedDocumentNode<
  { createProject: Project },
  { input: ProjectFieldsInput }
> = gql`
  mutation CreateProject($input: ProjectFieldsInput!) {
    createProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const UPDATE_PROJECT_MUTATION: TypedDocumentNode<
  { updateProject: Project },
  { input: UpdateProjectInput }
> = gql`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export const DELETE_PROJECT_MUTATION: TypedDocumentNode<
  { deleteProject: boolean },
  { id: string; version: number }
> = gql`
  mutation DeleteProject($id: ID!, $version: Int!) {
    deleteProject(id: $id, version: $version)
  }
`;

export type ReviewProjectsInput = {
  projects: { id: string; version: number }[];
  decision: ReviewStatus;
  reason?: string | null;
};

export const REVIEW_PROJECTS_MUTATION: TypedDocumentNode<
  { reviewProjects: Project[] },
  { input: ReviewProjectsInput }
> = gql`
  mutation ReviewProjects($input: ReviewProjectsInput!) {
    reviewProjects(input: $input) {
      ...ProjectFields
    }
  }
  ${PROJECT_FIELDS}
`;

export type ProjectImportInput = { fileName: string; contentBase64: string };

export const PREVIEW_PROJECT_IMPORT_MUTATION: TypedDocumentNode<
  { previewProjectImport: ProjectImportPreview },
  { input: ProjectImportInput }
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
        antiCorruptionBudget
        localDevelopmentBudget
      }
    }
  }
`;

export const IMPORT_PROJECTS_MUTATION: TypedDocumentNode<
  { importProjects: { createdCount: number } },
  { input: ProjectImportInput }
> = gql`
  mutation ImportProjects($input: ProjectImportInput!) {
    importProjects(input: $input) {
      createdCount
    }
  }
`;
