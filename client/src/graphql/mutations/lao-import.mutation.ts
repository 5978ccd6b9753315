import type { TypedDocumentNode } from '@apollo/client/core';
import { gql } from 'graphql-tag';
import type { LaoSize, LaoType } from '../types';

export type LaoImportInput = { fileName: string; contentBase64: string };

/** One row of the file that adds or changes an LAO; previous* is what the database holds now. */
export type LaoImportChange = {
  rowNumber: number;
  laoId: string | null;
  code: string;
  nameTh: string;
  previousNameTh: string | null;
  type: LaoType;
  previousType: LaoType | null;
  size: LaoSize | null;
  previousSize: LaoSize | null;
  provinceNameTh: string;
  previousProvinceNameTh: string | null;
  districtNameTh: string;
  previousDistrictNameTh: string | null;
};

/** An LAO of the database the file does not list. */
export type LaoImportMissing = {
  laoId: string;
  code: string;
  nameTh: string;
  provinceNameTh: string;
  districtNameTh: string;
  hasData: boolean;
  dataKinds: string[];
};

export type LaoImportPreview = {
  rowCount: number;
  valid: boolean;
  errorCount: number;
  errors: { rowNumber: number; column: string; message: string }[];
  listLimit: number;
  createdCount: number;
  renamedCount: number;
  movedCount: number;
  retypedCount: number;
  unchangedCount: number;
  missingCount: number;
  missingWithDataCount: number;
  created: LaoImportChange[];
  renamed: LaoImportChange[];
  moved: LaoImportChange[];
  retyped: LaoImportChange[];
  missing: LaoImportMissing[];
};

export type LaoImportResult = {
  rowCount: number;
  createdCount: number;
  updatedCount: number;
  renamedCount: number;
  movedCount: number;
  retypedCount: number;
  unchangedCount: number;
  missingCount: number;
  deletedCount: number;
  keptCount: number;
  listLimit: number;
  deleted: LaoImportMissing[];
  kept: LaoImportMissing[];
};

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
  { previewLaoImport: LaoImportPreview },
  { input: LaoImportInput }
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

export const IMPORT_LAOS_MUTATION: TypedDocumentNode<
  { importLaos: LaoImportResult },
  { input: LaoImportInput; deleteMissing: boolean }
> = gql`
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
