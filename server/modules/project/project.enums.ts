import { registerEnumType } from 'type-graphql';

/** ประเภทงาน */
export enum WorkType {
  PROJECT = 'PROJECT',
  ACTIVITY = 'ACTIVITY',
  MEASURE = 'MEASURE',
  GUIDELINE = 'GUIDELINE',
}

/**
 * กลุ่มเป้าหมาย: the nine of the legacy form (LEGACY.md §1.5, `target_group1`..`9`: 1 political
 * executives … 6 educational institutions, 7 government agencies, 8 state enterprises, 9 private
 * business) and the two more of the manual's entry form (seed 000 p.33: เยาวชนอาสา,
 * หน่วยงานภาครัฐท้องถิ่น), in the legacy's order. `Project.otherTargetGroup` holds "อื่น ๆ".
 */
export enum TargetGroup {
  POLITICAL_EXECUTIVES = 'POLITICAL_EXECUTIVES',
  LOCAL_COUNCIL_MEMBERS = 'LOCAL_COUNCIL_MEMBERS',
  OFFICIALS = 'OFFICIALS',
  CHILDREN_AND_YOUTH = 'CHILDREN_AND_YOUTH',
  PUBLIC = 'PUBLIC',
  EDUCATIONAL_INSTITUTIONS = 'EDUCATIONAL_INSTITUTIONS',
  GOVERNMENT_AGENCIES = 'GOVERNMENT_AGENCIES',
  STATE_ENTERPRISES = 'STATE_ENTERPRISES',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  YOUTH_VOLUNTEERS = 'YOUTH_VOLUNTEERS',
  LOCAL_GOVERNMENT_AGENCIES = 'LOCAL_GOVERNMENT_AGENCIES',
}

export enum ReviewStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export const workTypeLabels: Record<WorkType, string> = {
  PROJECT: 'โครงการ',
  ACTIVITY: 'กิจกรรม',
  MEASURE: 'มาตรการ',
  GUIDELINE: 'แนวปฏิบัติงาน',
};

export const targetGroupLabels: Record<TargetGroup, string> = {
  POLITICAL_EXECUTIVES: 'ข้าราชการการเมืองฝ่ายบริหาร',
  LOCAL_COUNCIL_MEMBERS: 'ข้าราชการการเมืองฝ่ายสภาท้องถิ่น',
  OFFICIALS: 'ข้าราชการ/พนักงาน/ลูกจ้าง',
  CHILDREN_AND_YOUTH: 'เด็กและเยาวชน',
  PUBLIC: 'ประชาชน/ภาคประชาสังคม',
  EDUCATIONAL_INSTITUTIONS: 'สถานศึกษา',
  GOVERNMENT_AGENCIES: 'หน่วยงานภาครัฐ',
  STATE_ENTERPRISES: 'หน่วยงานภาครัฐวิสาหกิจ',
  PRIVATE_SECTOR: 'ภาคเอกชน',
  YOUTH_VOLUNTEERS: 'เยาวชนอาสา',
  LOCAL_GOVERNMENT_AGENCIES: 'หน่วยงานภาครัฐท้องถิ่น',
};

registerEnumType(WorkType, {
  name: 'WorkType',
  description: 'Work type (ประเภทงาน).',
  valuesConfig: Object.fromEntries(
    Object.entries(workTypeLabels).map(([key, label]) => [key, { description: label }]),
  ) as Record<WorkType, { description: string }>,
});

registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'Target group (กลุ่มเป้าหมาย).',
  valuesConfig: Object.fromEntries(
    Object.entries(targetGroupLabels).map(([key, label]) => [key, { description: label }]),
  ) as Record<TargetGroup, { description: string }>,
});

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'NACC’s review of a project against its dimension.',
  valuesConfig: {
    PENDING: { description: 'Awaiting review (รอการตรวจสอบ).' },
    APPROVED: { description: 'Approved: consistent with its dimension (รับรอง).' },
    REJECTED: {
      description: 'Rejected: not consistent (ปฏิเสธ); needs no progress report and may be deleted.',
    },
  },
});
