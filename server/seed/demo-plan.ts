import type { EntityManager } from 'typeorm';
import { isPositiveAmount } from '../graphql/decimal.scalar';
import { Assessment } from '../modules/plan/assessment.entity';
import { PlanCycle } from '../modules/plan/plan-cycle.entity';
import { Plan } from '../modules/plan/plan.entity';
import { AssessmentVerdict, Dimension, PlanStatus, ScoreLevel } from '../modules/plan/plan.enums';
import { Project } from '../modules/project/project.entity';
import { ensureDefaultRounds } from '../modules/report/round-defaults';
import { ReviewStatus, TargetGroup, WorkType } from '../modules/project/project.enums';

const { SOCIETY, ADMINISTRATION, PARTICIPATION, OVERSIGHT } = Dimension;
const { PROJECT, ACTIVITY, MEASURE } = WorkType;

/** Rows of a real plan table (seed 001), as ดินทอง's demo plan of 2566 (and the current year's demo plans). */
export const demoPlanRows: [string, WorkType, Dimension, string, number[]][] = [
  ['มาตรการ “ให้ความร่วมมือกับหน่วยงานตรวจสอบทั้งภาครัฐและองค์กรอิสระ”', MEASURE, ADMINISTRATION, '0.00', [1, 2, 3, 4]],
  [
    'โครงการส่งเสริมความรู้ด้านกฎ ระเบียบ และกฎหมายที่เกี่ยวข้องสำหรับผู้บริหารและสมาชิกสภาท้องถิ่น',
    PROJECT,
    SOCIETY,
    '0.00',
    [4],
  ],
  ['กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาองค์การบริหารส่วนตำบล', ACTIVITY, OVERSIGHT, '0.00', [4]],
  ['โครงการสร้างจิตสำนึกและความตระหนักในการต่อต้านการทุจริต', PROJECT, SOCIETY, '0.00', [2]],
  ['มาตรการ “จัดทำข้อตกลงการปฏิบัติราชการ”', MEASURE, PARTICIPATION, '0.00', [4]],
  ['กิจกรรมเชิดชูเกียรติบุคคลที่ช่วยเหลือกิจการสาธารณะหรือมีจิตสาธารณะ', ACTIVITY, ADMINISTRATION, '0.00', [3]],
  ['มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียน', MEASURE, PARTICIPATION, '0.00', [1, 2, 3, 4]],
  ['กิจกรรมติดตามประเมินผลการควบคุมภายใน', ACTIVITY, OVERSIGHT, '0.00', [4]],
  ['โครงการจัดเวทีประชาคม', PROJECT, PARTICIPATION, '0.00', [3]],
  ['โครงการอบรมบุคลากร อบต.ดินทองไร้ทุจริต', PROJECT, ADMINISTRATION, '16000.00', [3]],
  ['โครงการอบรมคุณธรรมจริยธรรมของคณะผู้บริหารและพนักงาน', PROJECT, ADMINISTRATION, '25000.00', [4]],
  ['โครงการป้องกันผลประโยชน์ทับซ้อน', PROJECT, SOCIETY, '0.00', [1]],
];

/** Plan cycles, and ดินทอง's plan of 2566: recorded, reviewed, submitted and assessed as passed. */
export const seedDemoPlans = async (
  manager: EntityManager,
  laoId: number,
  naccAccountId: string,
): Promise<void> => {
  await manager.getRepository(PlanCycle).insert([
    { nameTh: 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2561–2564 (ขยายถึง 2565)', startYear: 2561, endYear: 2565 },
    { nameTh: 'แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566–2570', startYear: 2566, endYear: 2570 },
  ]);
  await ensureDefaultRounds(
    manager,
    Array.from({ length: 10 }, (_, i) => 2561 + i),
  );
  const cycle = await manager.getRepository(PlanCycle).findOneByOrFail({ startYear: 2566 });
  const now = new Date();
  await manager.getRepository(Project).save(
    demoPlanRows.map(([name, workType, primaryDimension, budget, quarters], index) =>
      manager.getRepository(Project).create({
        laoId,
        cycleId: cycle.id,
        name,
        workType,
        fiscalYears: [2566, 2567],
        quarters,
        primaryDimension,
        additionalDimensions: [],
        essence: null,
        // The plan table's 0 is "no budget" (as the migration decided for rows recorded before).
        usesBudget: isPositiveAmount(budget),
        antiCorruptionBudget: budget,
        localDevelopmentBudget: budget,
        targetGroups: [TargetGroup.OFFICIALS, TargetGroup.PUBLIC],
        objectives: null,
        remarks: null,
        reviewStatus: index === 6 ? ReviewStatus.PENDING : ReviewStatus.APPROVED,
        reviewedByAccountId: index === 6 ? null : naccAccountId,
        reviewedAt: index === 6 ? null : now,
      }),
    ),
  );
  const plan = await manager
    .getRepository(Plan)
    .save(
      manager
        .getRepository(Plan)
        .create({ laoId, fiscalYear: 2566, cycleId: cycle.id, status: PlanStatus.PASSED, submittedAt: now }),
    );
  await manager
    .getRepository(Plan)
    .insert({ laoId, fiscalYear: 2567, cycleId: cycle.id, status: PlanStatus.DRAFT });
  await manager.getRepository(Assessment).insert({
    planId: plan.id,
    verdict: AssessmentVerdict.PASSED,
    scoreSociety: '22.50',
    scoreAdministration: '24.00',
    scoreParticipation: '20.00',
    scoreOversight: '21.00',
    totalScore: '87.50',
    comments: 'แผนครบทั้ง 4 มิติ โครงการสอดคล้องกับมิติที่กำหนด',
    assessorAccountId: naccAccountId,
    level: ScoreLevel.CENTRAL,
  });
};
