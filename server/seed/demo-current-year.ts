import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hashPassword, type HashCost } from '../auth/password';
import { isPositiveAmount } from '../graphql/decimal.scalar';
import { Role } from '../auth/role';
import { Account } from '../modules/account/account.entity';
import { Lao } from '../modules/lao/lao.entity';
import { Assessment } from '../modules/plan/assessment.entity';
import { PlanCycle } from '../modules/plan/plan-cycle.entity';
import { Plan } from '../modules/plan/plan.entity';
import { AssessmentVerdict, PlanStatus, ScoreLevel } from '../modules/plan/plan.enums';
import { Project } from '../modules/project/project.entity';
import { ReviewStatus, TargetGroup } from '../modules/project/project.enums';
import { Report, ReportRevision } from '../modules/report/report.entity';
import { ExtensionStatus, ReportStatus, RoundKind, UnableReason } from '../modules/report/report.enums';
import { ReportingRound } from '../modules/report/reporting-round.entity';
import { RoundExtension } from '../modules/report/round-extension.entity';
import { defaultRoundWindows, ensureDefaultRounds, fiscalYearOf } from '../modules/report/round-defaults';
import { demoPlanRows } from './demo-plan';
import { seedDemoFollowUp } from './demo-follow-up';

/**
 * The round of the current fiscal year that the default windows keep open at `now` (the 6-month
 * one while both are, in April). The default windows always keep one open.
 */
export const openRoundOf = (now: Date): RoundKind =>
  defaultRoundWindows(fiscalYearOf(now)).find((window) => window.opensAt <= now && now < window.closesAt)
    ?.kind ?? RoundKind.SIX_MONTH;

type Outcome = ReportStatus | null;
type Scenario = {
  code: string;
  status: PlanStatus;
  /** Per project, what it reported in the open round (null: nothing yet); the list's length is the project count. */
  outcomes: Outcome[];
  pendingReview?: number;
  /** The plan was revised: its last project withdrawn from the plan with this reason (issue 23). */
  withdrawLast?: string;
};

const { COMPLETED: DONE, IN_PROGRESS: GOING, UNABLE } = ReportStatus;

/**
 * The current year's work, so that every core flow can be tried on a fresh demo database:
 * Phitsanulok's LAOs in every reporting state (the worklist and the province table have
 * something to show), ดินทอง with a passed plan and projects still to report in the open
 * round, a plan waiting for assessment and projects waiting for review in Chon Buri and
 * Phrae (so the e2e journeys' Phitsanulok queues stay their own), and a deadline extension
 * waiting for NACC. วังพิกุล (5650803) is left alone: the journeys start it from nothing.
 */
const scenarios: Scenario[] = [
  // วังทอง district
  { code: '5650802', status: PlanStatus.PASSED, outcomes: [DONE, DONE, DONE, GOING, UNABLE, ...nulls(7)] },
  { code: '3650801', status: PlanStatus.PASSED, outcomes: [DONE, DONE, DONE, GOING, DONE, DONE] },
  {
    code: '5650804',
    status: PlanStatus.PASSED,
    outcomes: nulls(5),
    withdrawLast: 'สภา อบต. มีมติให้กองช่างดำเนินการแทนตามแผนพัฒนาท้องถิ่น จึงถอนออกจากแผนปฏิบัติการป้องกันการทุจริต',
  },
  { code: '5650805', status: PlanStatus.DRAFT, outcomes: nulls(3) },
  // เมืองพิษณุโลก district
  { code: '2650101', status: PlanStatus.PASSED, outcomes: [DONE, DONE, GOING, DONE] },
  { code: '5650103', status: PlanStatus.PASSED, outcomes: [GOING, DONE, ...nulls(3)] },
  { code: '5650104', status: PlanStatus.INCOMPLETE, outcomes: nulls(4) },
  // Work waiting for NACC central.
  { code: '5200402', status: PlanStatus.SUBMITTED, outcomes: nulls(6), pendingReview: 2 },
  { code: '5540102', status: PlanStatus.DRAFT, outcomes: nulls(4), pendingReview: 4 },
];

function nulls(count: number): null[] {
  return Array.from({ length: count }, () => null);
}

/** The cycle holding `year`, created (five years, as NACC's) when the demo outlives the seeded ones. */
const cycleFor = async (manager: EntityManager, year: number): Promise<PlanCycle> => {
  const cycles = await manager.getRepository(PlanCycle).find();
  const found = cycles.find((cycle) => cycle.startYear <= year && year <= cycle.endYear);
  if (found) return found;
  const latest = Math.max(...cycles.map((cycle) => cycle.endYear));
  const startYear = latest + 1 + Math.floor((year - latest - 1) / 5) * 5;
  const cycle = manager.getRepository(PlanCycle).create({
    nameTh: `แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ${startYear}–${startYear + 4}`,
    startYear,
    endYear: startYear + 4,
  });
  return manager.getRepository(PlanCycle).save(cycle);
};

const days = (count: number) => count * 24 * 3600 * 1000;

export const seedDemoCurrentYear = async (
  manager: EntityManager,
  options: { now: Date; naccAccountId: string; cost: HashCost },
): Promise<void> => {
  const { now, naccAccountId } = options;
  const year = fiscalYearOf(now);
  const round = openRoundOf(now);
  const cycle = await cycleFor(manager, year);
  await ensureDefaultRounds(
    manager,
    Array.from({ length: year - 2560 }, (_, i) => 2561 + i),
  );
  const laos = new Map(
    (await manager.getRepository(Lao).find()).map((lao): [string, Lao] => [lao.code, lao]),
  );

  // The LAOs with work of their own have activated (their passwords are random: sign in as ดินทอง).
  const unusable = await hashPassword(randomBytes(24).toString('base64url'), options.cost);
  const accounts = manager.getRepository(Account);
  const accountOf = async (lao: Lao): Promise<string> => {
    const existing = await accounts.findOneBy({ laoId: lao.id });
    if (existing) return existing.id;
    const created = accounts.create({
      username: lao.code,
      role: Role.LAO,
      laoId: lao.id,
      displayName: lao.nameTh,
      passwordHash: unusable,
      activatedAt: new Date(now.getTime() - days(60)),
      passwordChangedAt: new Date(now.getTime() - days(60)),
    });
    return (await accounts.save(created)).id;
  };

  /** Projects of one year from rows of the demo plan table; `reviewedAt` null: still waiting for NACC's review. */
  const saveProjects = (
    lao: Lao,
    cycleId: number,
    fiscalYear: number,
    rows: { row: (typeof demoPlanRows)[number]; reviewedAt: Date | null }[],
  ): Promise<Project[]> =>
    manager.getRepository(Project).save(
      rows.map(({ row: [name, workType, primaryDimension, budget, quarters], reviewedAt }) =>
        manager.getRepository(Project).create({
          laoId: lao.id,
          cycleId,
          name,
          workType,
          fiscalYears: [fiscalYear],
          quarters,
          primaryDimension,
          additionalDimensions: [],
          essence: `${name} ของ${lao.nameTh} ปีงบประมาณ ${fiscalYear}`,
          usesBudget: isPositiveAmount(budget),
          antiCorruptionBudget: budget,
          localDevelopmentBudget: budget,
          targetGroups: [TargetGroup.OFFICIALS, TargetGroup.PUBLIC],
          objectives: 'เพื่อป้องกันการทุจริตและส่งเสริมธรรมาภิบาลในองค์กร',
          remarks: null,
          reviewStatus: reviewedAt ? ReviewStatus.APPROVED : ReviewStatus.PENDING,
          reviewedByAccountId: reviewedAt ? naccAccountId : null,
          reviewedAt,
        }),
      ),
    );

  const roundRow = await manager
    .getRepository(ReportingRound)
    .findOneByOrFail({ fiscalYear: year, kind: round });
  const sixMonth = await manager
    .getRepository(ReportingRound)
    .findOneByOrFail({ fiscalYear: year, kind: RoundKind.SIX_MONTH });
  const reportedAt = (index: number) =>
    new Date(Math.max(roundRow.opensAt.getTime(), now.getTime() - days(1 + (index % 9))));

  const writeReports = async (
    lao: Lao,
    accountId: string,
    fiscalYear: number,
    kind: RoundKind,
    reported: { project: Project; status: ReportStatus; at: Date }[],
  ) => {
    for (const [index, { project, status, at }] of reported.entries()) {
      const budget = project.antiCorruptionBudget;
      const disbursed =
        status === DONE ? budget : status === GOING ? (Number(budget) / 2).toFixed(2) : '0.00';
      const fields = {
        inOrdinance: status !== UNABLE,
        ordinanceBudget: status === UNABLE ? '0.00' : budget,
        disbursed,
        status,
        unableReason: status === UNABLE ? UnableReason.NO_BUDGET : null,
        unableReasonText: null,
        // A remark (หมายเหตุ) on the first report of each LAO, as the legacy's report form asks.
        remark: index === 0 ? 'ดำเนินการร่วมกับสำนักงาน ป.ป.ช. ประจำจังหวัด และเผยแพร่ผลทางเว็บไซต์ของ อปท.' : null,
      };
      const report = await manager.getRepository(Report).save(
        manager.getRepository(Report).create({
          projectId: project.id,
          laoId: lao.id,
          fiscalYear,
          round: kind,
          ...fields,
        }),
      );
      await manager.getRepository(ReportRevision).insert({
        reportId: report.id,
        version: report.version,
        ...fields,
        submittedByName: index % 2 ? 'นายนิพนธ์ ทับไทร' : `ผู้ประสานงาน ${lao.nameTh}`,
        submittedByAccountId: accountId,
        submittedAt: at,
      });
    }
  };

  for (const scenario of scenarios) {
    const lao = laos.get(scenario.code);
    // A demo made on a date of the seeded years leaves the plans already there as they are.
    if (!lao || (await manager.getRepository(Plan).existsBy({ laoId: lao.id, fiscalYear: year }))) continue;
    const accountId = await accountOf(lao);
    const pending = scenario.pendingReview ?? 0;
    const projects = await saveProjects(
      lao,
      cycle.id,
      year,
      scenario.outcomes.map((_, index) => ({
        row: demoPlanRows[index % demoPlanRows.length],
        reviewedAt: index >= scenario.outcomes.length - pending ? null : new Date(now.getTime() - days(40)),
      })),
    );
    const plan = await manager.getRepository(Plan).save(
      manager.getRepository(Plan).create({
        laoId: lao.id,
        fiscalYear: year,
        cycleId: cycle.id,
        status: scenario.status,
        submittedAt: scenario.status === PlanStatus.DRAFT ? null : new Date(now.getTime() - days(45)),
      }),
    );
    if (scenario.status === PlanStatus.PASSED || scenario.status === PlanStatus.INCOMPLETE) {
      const passed = scenario.status === PlanStatus.PASSED;
      const scores = passed ? ['22.00', '23.50', '20.00', '21.50'] : ['15.00', '12.50', '10.00', '14.00'];
      await manager.getRepository(Assessment).insert({
        planId: plan.id,
        verdict: passed ? AssessmentVerdict.PASSED : AssessmentVerdict.INCOMPLETE,
        scoreSociety: scores[0],
        scoreAdministration: scores[1],
        scoreParticipation: scores[2],
        scoreOversight: scores[3],
        totalScore: scores.reduce((sum, score) => sum + Number(score), 0).toFixed(2),
        comments: passed
          ? 'แผนครบทั้ง 4 มิติ โครงการสอดคล้องกับมิติที่กำหนด'
          : 'มิติที่ 3 ยังไม่มีโครงการส่งเสริมการมีส่วนร่วมของภาคประชาชน กรุณาปรับปรุงแล้วส่งใหม่',
        assessorAccountId: naccAccountId,
        level: ScoreLevel.CENTRAL,
        assessedAt: new Date(now.getTime() - days(35)),
      });
    }
    if (scenario.withdrawLast) {
      // Revised after it passed: the last project left the plan (it counts nowhere now).
      const last = projects[projects.length - 1];
      await manager.getRepository(Project).update(last.id, {
        withdrawnAt: new Date(now.getTime() - days(10)),
        withdrawalReason: scenario.withdrawLast,
        withdrawnByAccountId: accountId,
      });
      projects.pop();
    }
    if (scenario.status !== PlanStatus.PASSED) continue;
    const reported = projects.flatMap((project, index) => {
      const status = scenario.outcomes[index];
      return status ? [{ project, status, at: reportedAt(index) }] : [];
    });
    await writeReports(lao, accountId, year, round, reported);
    // In the 12-month round, the 6-month round before it was reported in full.
    if (round === RoundKind.TWELVE_MONTH)
      await writeReports(
        lao,
        accountId,
        year,
        RoundKind.SIX_MONTH,
        projects.map((project, index) => ({
          project,
          status: index % 3 === 0 ? DONE : GOING,
          at: new Date(sixMonth.closesAt.getTime() - days(3 + (index % 5))),
        })),
      );
  }

  // เทศบาลเมืองชลบุรี missed last year's 12-month deadline and asks NACC for more time.
  const late = laos.get('2200101');
  if (late && year - 1 >= 2561) {
    const accountId = await accountOf(late);
    const lastYear = year - 1;
    const lastCycle = await cycleFor(manager, lastYear);
    const projects = await saveProjects(
      late,
      lastCycle.id,
      lastYear,
      demoPlanRows.slice(0, 4).map((row) => ({ row, reviewedAt: new Date(now.getTime() - days(400)) })),
    );
    await manager.getRepository(Plan).insert({
      laoId: late.id,
      fiscalYear: lastYear,
      cycleId: lastCycle.id,
      status: PlanStatus.PASSED,
      submittedAt: new Date(now.getTime() - days(420)),
    });
    const rounds = await manager.getRepository(ReportingRound).findBy({ fiscalYear: lastYear });
    const six = rounds.find((r) => r.kind === RoundKind.SIX_MONTH) as ReportingRound;
    const twelve = rounds.find((r) => r.kind === RoundKind.TWELVE_MONTH) as ReportingRound;
    await writeReports(
      late,
      accountId,
      lastYear,
      RoundKind.SIX_MONTH,
      projects.map((project) => ({ project, status: DONE, at: new Date(six.closesAt.getTime() - days(2)) })),
    );
    await writeReports(late, accountId, lastYear, RoundKind.TWELVE_MONTH, [
      { project: projects[0], status: DONE, at: new Date(twelve.closesAt.getTime() - days(1)) },
    ]);
    await manager.getRepository(RoundExtension).insert({
      roundId: twelve.id,
      laoId: late.id,
      status: ExtensionStatus.REQUESTED,
      until: new Date(Math.max(now.getTime(), twelve.closesAt.getTime()) + days(14)),
      reason: 'เจ้าหน้าที่ผู้รับผิดชอบย้ายหน่วยงาน ผู้รับงานใหม่ยังรวบรวมผลการดำเนินงานไม่ครบ ขอขยายเวลารายงานผลรอบ 12 เดือน',
      requestedByAccountId: accountId,
    });
  }

  await seedDemoFollowUp(manager, { now, year, fallbackAccountId: naccAccountId });
};
