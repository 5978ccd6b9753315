import { registerEnumType } from 'type-graphql';

/** The four dimensions (มิติ) of the national anti-corruption strategy, phase 3. */
export enum Dimension {
  SOCIETY = 'SOCIETY',
  ADMINISTRATION = 'ADMINISTRATION',
  PARTICIPATION = 'PARTICIPATION',
  OVERSIGHT = 'OVERSIGHT',
}

export const dimensionNumber: Record<Dimension, number> = {
  [Dimension.SOCIETY]: 1,
  [Dimension.ADMINISTRATION]: 2,
  [Dimension.PARTICIPATION]: 3,
  [Dimension.OVERSIGHT]: 4,
};

export const dimensionsInOrder = [
  Dimension.SOCIETY,
  Dimension.ADMINISTRATION,
  Dimension.PARTICIPATION,
  Dimension.OVERSIGHT,
];

export enum PlanStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PASSED = 'PASSED',
  INCOMPLETE = 'INCOMPLETE',
}

export enum AssessmentVerdict {
  PASSED = 'PASSED',
  INCOMPLETE = 'INCOMPLETE',
}

registerEnumType(Dimension, {
  name: 'Dimension',
  description: 'Dimension (มิติ) of the anti-corruption strategy.',
  valuesConfig: {
    SOCIETY: { description: 'มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต' },
    ADMINISTRATION: { description: 'มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต' },
    PARTICIPATION: { description: 'มิติที่ 3 การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน' },
    OVERSIGHT: { description: 'มิติที่ 4 การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการ' },
  },
});

registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: 'State of an LAO’s plan for one fiscal year.',
  valuesConfig: {
    DRAFT: { description: 'Being recorded (ร่าง).' },
    SUBMITTED: { description: 'Submitted to NACC, awaiting assessment (ส่งแผนแล้ว รอการประเมิน).' },
    PASSED: { description: 'Assessed: passed the standard (ผ่านเกณฑ์).' },
    INCOMPLETE: { description: 'Assessed: incomplete (ไม่สมบูรณ์); revise and resubmit.' },
  },
});

registerEnumType(AssessmentVerdict, {
  name: 'AssessmentVerdict',
  description: 'Outcome of a plan assessment.',
  valuesConfig: {
    PASSED: { description: 'ผ่านเกณฑ์ (passed the standard).' },
    INCOMPLETE: { description: 'ไม่สมบูรณ์ (incomplete).' },
  },
});

/**
 * Who gave a set of plan scores (legacy `scoresar` rows l, p and m, LEGACY.md §1.8): the LAO's
 * self-assessment, NACC's provincial office, or NACC central. The effective score is central's
 * if given, else the provincial office's, else the self-assessment (`assessment-rules.ts`).
 */
export enum ScoreLevel {
  SELF = 'SELF',
  PROVINCIAL = 'PROVINCIAL',
  CENTRAL = 'CENTRAL',
}

registerEnumType(ScoreLevel, {
  name: 'ScoreLevel',
  description: 'Who gave a set of plan scores (L, P, M in the legacy system).',
  valuesConfig: {
    SELF: { description: 'The LAO’s self-assessment (คะแนนประเมินตนเอง, legacy "คะแนน SAR", L).' },
    PROVINCIAL: { description: 'NACC’s provincial office (สำนักงาน ป.ป.ช. ประจำจังหวัด, legacy P).' },
    CENTRAL: { description: 'NACC central (ส่วนกลาง, legacy M); overrides the others.' },
  },
});
