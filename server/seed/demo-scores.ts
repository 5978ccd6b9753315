import type { EntityManager } from 'typeorm';
import { ItaScore } from '../modules/ita/ita-score.entity';
import { Lao } from '../modules/lao/lao.entity';
import { AssessmentPassMark } from '../modules/plan/pass-mark.entity';
import { Plan } from '../modules/plan/plan.entity';
import { SelfAssessment } from '../modules/plan/self-assessment.entity';
import { sumScores } from '../modules/plan/plan-rules';
import { Account } from '../modules/account/account.entity';
import { fiscalYearOf } from '../modules/report/round-defaults';

const days = (count: number) => count * 24 * 3600 * 1000;

/** Self-assessments (L) of the current year's plans, per LAO code: scores of the four dimensions. */
const selfScores: Record<string, [string, string, string, string]> = {
  '5650802': ['23.00', '24.00', '21.00', '22.00'],
  '5650104': ['18.00', '17.00', '15.00', '16.00'],
  '5200402': ['20.00', '22.00', '18.00', '20.00'],
};

/** ITA scores of last year and the current year, per LAO code (Phitsanulok's table shows them). */
const itaScores: Record<string, [string, string]> = {
  '5650802': ['90.15', '92.45'],
  '3650801': ['85.00', '88.10'],
  '5650804': ['71.20', '76.30'],
  '2650101': ['94.50', '95.00'],
  '5650103': ['66.00', '68.75'],
};

/**
 * The demo's assessment scores beyond NACC's assessments: NACC central's pass mark of last year and
 * of the current year (60 of 100), some LAOs' self-assessments of the current year (ดินทอง's among
 * them: its "ผลการประเมิน" shows L beside NACC's M) and ITA scores of Phitsanulok's LAOs.
 */
export const seedDemoScores = async (
  manager: EntityManager,
  options: { now: Date; naccAccountId: string },
): Promise<void> => {
  const { now, naccAccountId } = options;
  const year = fiscalYearOf(now);
  await manager
    .createQueryBuilder()
    .insert()
    .into(AssessmentPassMark)
    .values(
      [year - 1, year].map((fiscalYear) => ({ fiscalYear, score: '60.00', setByAccountId: naccAccountId })),
    )
    .orIgnore()
    .execute();
  const laos = new Map(
    (await manager.getRepository(Lao).find()).map((lao): [string, Lao] => [lao.code, lao]),
  );
  for (const [code, scores] of Object.entries(selfScores)) {
    const lao = laos.get(code);
    const plan = lao && (await manager.getRepository(Plan).findOneBy({ laoId: lao.id, fiscalYear: year }));
    const account = lao && (await manager.getRepository(Account).findOneBy({ laoId: lao.id }));
    if (!plan || !account || (await manager.getRepository(SelfAssessment).existsBy({ planId: plan.id })))
      continue;
    await manager.getRepository(SelfAssessment).insert({
      planId: plan.id,
      scoreSociety: scores[0],
      scoreAdministration: scores[1],
      scoreParticipation: scores[2],
      scoreOversight: scores[3],
      totalScore: sumScores(scores),
      accountId: account.id,
      enteredAt: new Date(now.getTime() - days(50)),
    });
  }
  for (const [code, [last, current]] of Object.entries(itaScores)) {
    const lao = laos.get(code);
    if (!lao) continue;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ItaScore)
      .values([
        { laoId: lao.id, fiscalYear: year - 1, score: last, recordedByAccountId: naccAccountId },
        { laoId: lao.id, fiscalYear: year, score: current, recordedByAccountId: naccAccountId },
      ])
      .orIgnore()
      .execute();
  }
};
