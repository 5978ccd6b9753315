import { Field, Int, ObjectType } from 'type-graphql';
import { dimensionsInOrder } from './plan.enums';

/**
 * The plan assessment scale, written once. Each of the four dimensions is scored 0–25
 * points (two decimals at most) and the total is their sum, 0–100. The seeds say only
 * that the LAO sees "how many points" per dimension; the legacy keeps a two-digit score
 * per dimension and a pass mark of up to three digits (LEGACY.md §1.8), which fits
 * 25 × 4 = 100, as do the scores NACC's demo and national data were made with.
 * The database check `assessment_scores` (migration AssessmentScoreScale) says the same.
 */
export const DIMENSION_MAX_SCORE = 25;

/** The highest total: every dimension at its maximum. */
export const TOTAL_MAX_SCORE = DIMENSION_MAX_SCORE * dimensionsInOrder.length;

/** A score as submitted: 0 to the maximum, at most two decimals (a string, as the Decimal scalar gives it). */
export const isScore = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= DIMENSION_MAX_SCORE;

export const scoreMessage = `คะแนนต้องอยู่ระหว่าง 0 ถึง ${DIMENSION_MAX_SCORE} ทศนิยมไม่เกิน 2 ตำแหน่ง`;

@ObjectType({
  description:
    'The plan assessment scale: the most points per dimension and in total (the total is the sum of the four dimensions).',
})
export class AssessmentScale {
  @Field(() => Int, { description: 'Highest score of one dimension (0 to this, two decimals at most).' })
  dimensionMax: number;

  @Field(() => Int, { description: 'Highest total score: the four dimensions at their maximum.' })
  totalMax: number;
}

export const assessmentScale: AssessmentScale = {
  dimensionMax: DIMENSION_MAX_SCORE,
  totalMax: TOTAL_MAX_SCORE,
};
