import type { LaoType } from '../lao/lao.enums';

/** Thai labels of the downloadable tables (exports and open data). */
export const statusLabels: Record<string, string> = {
  IN_PROGRESS: 'อยู่ระหว่างดำเนินการ',
  COMPLETED: 'ดำเนินการแล้วเสร็จ',
  UNABLE: 'ไม่สามารถดำเนินการได้',
};
export const reasonLabels: Record<string, string> = {
  NO_BUDGET: 'ไม่ได้รับงบประมาณ',
  POLICY_CHANGED: 'นโยบายผู้บริหารเปลี่ยนแปลง',
  INSUFFICIENT_PERSONNEL: 'บุคลากรไม่เพียงพอ',
  OTHER: 'อื่นๆ',
};
/** A project's budget use (seed 000 p.32), and what stands in place of its amount without budget. */
export const withoutBudgetLabel = 'ไม่ใช้งบประมาณ';
export const budgetUseLabel = (usesBudget: boolean): string =>
  usesBudget ? 'ใช้งบประมาณ' : withoutBudgetLabel;
export const reviewLabels: Record<string, string> = {
  PENDING: 'รอการตรวจสอบ',
  APPROVED: 'รับรอง',
  REJECTED: 'ปฏิเสธ',
};
export const levelLabels: Record<string, string> = {
  HIGH: 'มาก',
  MEDIUM: 'ปานกลาง',
  LOW: 'น้อย',
  NOT_REPORTED: 'ยังไม่รายงานผล',
};
/** An LAO without a passed plan of the year, in place of its level (it cannot report). */
export const noPassedPlanLabel = 'ยังไม่มีแผน/แผนยังไม่ผ่าน';
export const typeLabels: Record<LaoType, string> = {
  PAO: 'อบจ.',
  CITY_MUNICIPALITY: 'เทศบาลนคร',
  TOWN_MUNICIPALITY: 'เทศบาลเมือง',
  SUBDISTRICT_MUNICIPALITY: 'เทศบาลตำบล',
  SAO: 'อบต.',
  PATTAYA: 'เมืองพัทยา',
  BANGKOK: 'กรุงเทพมหานคร',
};
