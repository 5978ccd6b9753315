import { gql } from 'graphql-tag';

export const ROUND_FIELDS = gql`
  fragment RoundFields on ReportingRound {
    id
    version
    fiscalYear
    kind
    opensAt
    closesAt
    isOpen
    viewerDeadline
  }
`;

export const REPORT_FIELDS = gql`
  fragment ReportFields on Report {
    id
    version
    fiscalYear
    round
    inOrdinance
    ordinanceBudget
    disbursed
    status
    unableReason
    unableReasonText
    remark
    updatedAt
  }
`;

export const REVISION_FIELDS = gql`
  fragment RevisionFields on ReportRevision {
    id
    version
    inOrdinance
    ordinanceBudget
    disbursed
    status
    unableReason
    unableReasonText
    remark
    submittedAt
    submittedByName
  }
`;

export const LAO_PLACE_FIELDS = gql`
  fragment LaoPlaceFields on Lao {
    id
    code
    nameTh
    district {
      id
      nameTh
    }
    province {
      id
      nameTh
    }
  }
`;

export const EXTENSION_FIELDS = gql`
  fragment ExtensionFields on RoundExtension {
    id
    version
    status
    until
    reason
    decisionNote
    createdAt
    decidedAt
    lao {
      ...LaoPlaceFields
    }
    round {
      ...RoundFields
    }
  }
  ${LAO_PLACE_FIELDS}
  ${ROUND_FIELDS}
`;

/** A photo or document attached to a progress report (the LAO's form). */
export const REPORT_EVIDENCE_FIELDS = gql`
  fragment ReportEvidenceFields on ReportEvidence {
    id
    fileName
    contentType
    sizeBytes
    isPublic
    downloadUrl
    thumbnailUrl
  }
`;
