import { registerEnumType } from 'type-graphql';

/** รอบรายงาน */
export enum RoundKind {
  SIX_MONTH = 'SIX_MONTH',
  TWELVE_MONTH = 'TWELVE_MONTH',
}

/** สถานะการดำเนินงาน */
export enum ReportStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  UNABLE = 'UNABLE',
}

/** เหตุที่ไม่สามารถดำเนินการได้ */
export enum UnableReason {
  NO_BUDGET = 'NO_BUDGET',
  POLICY_CHANGED = 'POLICY_CHANGED',
  INSUFFICIENT_PERSONNEL = 'INSUFFICIENT_PERSONNEL',
  OTHER = 'OTHER',
}

/** ระดับการนำแผนไปปฏิบัติ */
export enum ImplementationLevel {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
  NOT_REPORTED = 'NOT_REPORTED',
}

/**
 * Where an LAO stands in a round (the "who has not reported" worklist and coverage tables).
 * Every LAO is in exactly one state; see `reportingStateSql`.
 */
export enum ReportingState {
  NO_PASSED_PLAN = 'NO_PASSED_PLAN',
  NOT_REPORTED = 'NOT_REPORTED',
  PARTLY_REPORTED = 'PARTLY_REPORTED',
  FULLY_REPORTED = 'FULLY_REPORTED',
}

export enum ExtensionStatus {
  REQUESTED = 'REQUESTED',
  GRANTED = 'GRANTED',
  REFUSED = 'REFUSED',
  REVOKED = 'REVOKED',
}

export const roundLabels: Record<RoundKind, string> = {
  SIX_MONTH: 'รอบ 6 เดือน',
  TWELVE_MONTH: 'รอบ 12 เดือน',
};

registerEnumType(RoundKind, {
  name: 'RoundKind',
  description: 'Reporting round (รอบรายงาน).',
  valuesConfig: {
    SIX_MONTH: { description: 'รอบ 6 เดือน (October–March), due within April by default.' },
    TWELVE_MONTH: { description: 'รอบ 12 เดือน (the whole fiscal year), due within October by default.' },
  },
});
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Progress of a project (สถานะ).',
  valuesConfig: {
    IN_PROGRESS: { description: 'อยู่ระหว่างดำเนินการ — under way, or planned this fiscal year.' },
    COMPLETED: { description: 'ดำเนินการแล้วเสร็จ — finished, or running continuously all year.' },
    UNABLE: { description: 'ไม่สามารถดำเนินการได้ — with a reason.' },
  },
});
registerEnumType(UnableReason, {
  name: 'UnableReason',
  description: 'Why a project could not be carried out.',
  valuesConfig: {
    NO_BUDGET: { description: 'ไม่ได้รับงบประมาณ' },
    POLICY_CHANGED: { description: 'นโยบายผู้บริหารเปลี่ยนแปลง' },
    INSUFFICIENT_PERSONNEL: { description: 'บุคลากรไม่เพียงพอ' },
    OTHER: { description: 'อื่นๆ (with text)' },
  },
});
registerEnumType(ImplementationLevel, {
  name: 'ImplementationLevel',
  description:
    'Implementation level (ระดับการนำแผนไปปฏิบัติ); the thresholds differ per round: `Query.levelThresholds`.',
  valuesConfig: {
    HIGH: { description: 'มาก: the percentage is at least the round’s `high`.' },
    MEDIUM: { description: 'ปานกลาง: at least the round’s `medium`, below `high`.' },
    LOW: { description: 'น้อย: below the round’s `medium`.' },
    NOT_REPORTED: { description: 'ยังไม่รายงานผล: no report in the round.' },
  },
});
registerEnumType(ReportingState, {
  name: 'ReportingState',
  description:
    'Where an LAO stands in a round. Every LAO of a table is in exactly one state, so the coverage counts and the worklist agree.',
  valuesConfig: {
    NO_PASSED_PLAN: {
      description:
        'ยังไม่มีแผน/แผนยังไม่ผ่าน: no plan of the fiscal year passed the standard, so the LAO cannot report (manual FAQ 5).',
    },
    NOT_REPORTED: {
      description:
        'ยังไม่รายงานผล: the plan passed, but no counted project is reported in the round (including an LAO that recorded no project).',
    },
    PARTLY_REPORTED: { description: 'รายงานผลบางส่วน: some counted projects reported, not all.' },
    FULLY_REPORTED: { description: 'รายงานผลครบ: every counted project reported (at least one).' },
  },
});
registerEnumType(ExtensionStatus, {
  name: 'ExtensionStatus',
  description: 'State of a deadline extension.',
  valuesConfig: {
    REQUESTED: { description: 'Requested by the LAO, awaiting NACC.' },
    GRANTED: { description: 'Granted by NACC: the LAO may report until `until`.' },
    REFUSED: { description: 'Refused by NACC.' },
    REVOKED: { description: 'Granted in a batch, then revoked with it.' },
  },
});
