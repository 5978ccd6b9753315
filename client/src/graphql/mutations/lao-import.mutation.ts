import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type {
  ImportLaosMutation,
  ImportLaosMutationVariables,
  LaoImportChangeFieldsFragment,
  LaoImportMissingFieldsFragment,
  PreviewLaoImportMutation,
  PreviewLaoImportMutationVariables,
} from '../generated';

export type LaoImportPreview = PreviewLaoImportMutation['previewLaoImport'];
/** One row of the file that adds or changes an LAO; previous* is what the database holds now. */
export type LaoImportChange = LaoImportChangeFieldsFragment;
/** An LAO of the database the file does not list. */
export type LaoImportMissing = LaoImportMissingFieldsFragment;
export type LaoImportResult = ImportLaosMutation['importLaos'];

const CHANGE_FIELDS = gql`
  fragment LaoImportChangeFields on LaoImportChange {
    rowNumber
    laoId
    code
    nameTh
    previousNameTh
    type
    previousType
    size
    previousSize
    provinceNameTh
    previousProvinceNameTh
    districtNameTh
    previousDistrictNameTh
  }
`;

const MISSING_FIELDS = gql`
  fragment LaoImportMissingFields on LaoImportMissing {
    laoId
    code
    nameTh
    provinceNameTh
    districtNameTh
    hasData
    dataKinds
  }
`;

export const PREVIEW_LAO_IMPORT_MUTATION: TypedDocumentNode<
  PreviewLaoImportMutation,
  PreviewLaoImportMutationVariables
> = gql`
  mutation PreviewLaoImport($input: LaoImportInput!) {
    previewLaoImport(input: $input) {
      rowCount
      valid
      errorCount
      errors {
        rowNumber
        column
        message
      }
      listLimit
      createdCount
      renamedCount
      movedCount
      retypedCount
      unchangedCount
      missingCount
      missingWithDataCount
      created {
        ...LaoImportChangeFields
      }
      renamed {
        ...LaoImportChangeFields
      }
      moved {
        ...LaoImportChangeFields
      }
      retyped {
        ...LaoImportChangeFields
      }
      missing {
        ...LaoImportMissingFields
      }
    }
  }
  ${CHANGE_FIELDS}
  ${MISSING_FIELDS}
`;

export const IMPORT_LAOS_MUTATION: TypedDocumentNode<ImportLaosMutation, ImportLaosMutationVariables> = gql`
  mutation ImportLaos($input: LaoImportInput!, $deleteMissing: Boolean) {
    importLaos(input: $input, deleteMissing: $deleteMissing) {
      rowCount
      createdCount
      updatedCount
      renamedCount
      movedCount
      retypedCount
      unchangedCount
      missingCount
      deletedCount
      keptCount
      listLimit
      deleted {
        ...LaoImportMissingFields
      }
      kept {
        ...LaoImportMissingFields
      }
    }
  }
  ${MISSING_FIELDS}
`;
