import { type DataSource, type EntityManager, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { updateVersioned } from '../../db/optimistic';
import { requireSignedIn } from '../../auth/policy';
import type { Viewer } from '../../auth/viewer';
import { AppError, badInput, notFound } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';
import type { HistoryService } from '../history/history.service';
import { ensureDefaultRounds } from '../report/round-defaults';
import { PlanCycle } from './plan-cycle.entity';

const yearsOf = (start: number, end: number) => Array.from({ length: end - start + 1 }, (_, i) => start + i);

/** Plan cycles are data: NACC creates them and extends them (e.g. 2561–2564 extended to 2565). */
export class PlanCycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryService,
  ) {}

  list(): Promise<PlanCycle[]> {
    return this.dataSource.getRepository(PlanCycle).find({ order: { startYear: 'DESC' } });
  }

  /** The cycle holding every one of `years`, or a BAD_USER_INPUT naming the field. */
  async cycleFor(manager: EntityManager, years: number[], field = 'fiscalYears'): Promise<PlanCycle> {
    const cycle = await manager.getRepository(PlanCycle).findOne({
      where: { startYear: LessThanOrEqual(Math.min(...years)), endYear: MoreThanOrEqual(Math.max(...years)) },
    });
    if (!cycle) {
      const cycles = await manager.getRepository(PlanCycle).find({ order: { startYear: 'ASC' } });
      const spans = cycles.map((c) => `${c.startYear}–${c.endYear}`).join(', ') || 'ยังไม่มีรอบแผน';
      throw badInput([
        {
          field,
          constraints: ['withinPlanCycle'],
          message: `ปีงบประมาณต้องอยู่ในรอบแผนเดียวกัน (รอบแผนที่มี: ${spans})`,
        },
      ]);
    }
    return cycle;
  }

  async create(
    viewer: Viewer,
    input: { nameTh: string; startYear: number; endYear: number },
  ): Promise<PlanCycle> {
    const actor = requireSignedIn(viewer);
    this.assertSpan(input.startYear, input.endYear);
    return this.dataSource.transaction(async (manager) => {
      await this.assertNoOverlap(manager, input.startYear, input.endYear, null);
      await ensureDefaultRounds(manager, yearsOf(input.startYear, input.endYear));
      const cycle = await manager
        .getRepository(PlanCycle)
        .save(manager.getRepository(PlanCycle).create({ ...input, nameTh: input.nameTh.trim() }));
      await this.history.record(manager, actor, [
        { entityType: 'PLAN_CYCLE', entityId: cycle.id, laoId: null, action: 'CREATE', after: cycle },
      ]);
      return cycle;
    });
  }

  /** Renames or moves the span (extension); years already used by projects must stay inside it. */
  async update(
    viewer: Viewer,
    input: { id: number; version: number; nameTh: string; startYear: number; endYear: number },
  ): Promise<PlanCycle> {
    const actor = requireSignedIn(viewer);
    this.assertSpan(input.startYear, input.endYear);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(PlanCycle).findOneBy({ id: input.id });
      if (!before) throw notFound('รอบแผน');
      await this.assertNoOverlap(manager, input.startYear, input.endYear, input.id);
      const [used] = await manager.query(
        `SELECT min(y)::int AS first, max(y)::int AS last FROM project, unnest(fiscal_years) AS y WHERE cycle_id = $1`,
        [input.id],
      );
      if (used.first !== null && (used.first < input.startYear || used.last > input.endYear)) {
        throw new AppError(
          ErrorCode.INVALID_STATE,
          `มีโครงการที่บันทึกไว้ในปีงบประมาณ ${used.first}–${used.last} จึงย่อรอบแผนให้ไม่ครอบคลุมปีดังกล่าวไม่ได้`,
        );
      }
      await updateVersioned(manager, PlanCycle, input.id, input.version, {
        nameTh: input.nameTh.trim(),
        startYear: input.startYear,
        endYear: input.endYear,
      });
      const after = await manager.getRepository(PlanCycle).findOneByOrFail({ id: input.id });
      await ensureDefaultRounds(manager, yearsOf(after.startYear, after.endYear));
      await this.history.record(manager, actor, [
        { entityType: 'PLAN_CYCLE', entityId: after.id, laoId: null, action: 'EXTEND', before, after },
      ]);
      return after;
    });
  }

  private assertSpan(startYear: number, endYear: number): void {
    if (!(startYear >= 2500 && endYear >= startYear && endYear - startYear < 10)) {
      throw badInput([
        {
          field: 'endYear',
          constraints: ['span'],
          message: 'ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น และรอบแผนยาวไม่เกิน 10 ปี (ปี พ.ศ.)',
        },
      ]);
    }
  }

  private async assertNoOverlap(
    manager: EntityManager,
    startYear: number,
    endYear: number,
    exceptId: number | null,
  ) {
    const overlapping = await manager
      .getRepository(PlanCycle)
      .createQueryBuilder('c')
      .where('c.start_year <= :endYear AND c.end_year >= :startYear', { startYear, endYear })
      .andWhere(exceptId === null ? 'TRUE' : 'c.id <> :exceptId', { exceptId })
      .getOne();
    if (overlapping) {
      throw badInput([
        {
          field: 'startYear',
          constraints: ['noOverlap'],
          message: `ช่วงปีซ้อนกับรอบแผน "${overlapping.nameTh}" (${overlapping.startYear}–${overlapping.endYear})`,
        },
      ]);
    }
  }
}
