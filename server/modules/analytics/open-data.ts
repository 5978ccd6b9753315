import { Router } from 'express';
import type { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DatabaseTimeouts, OpenDataLimits } from '../../config';
import { raiseSession, resetSession } from '../../db/bounded-waits';
import { primaryPool } from '../../db/prepared';
import { databaseFailureOf } from '../../errors/database-errors';
import { ErrorCode } from '../../errors/error-codes';
import { Dimension, dimensionNumber } from '../plan/plan.enums';
import { workTypeLabels } from '../project/project.enums';
import { RoundKind, roundLabels } from '../report/report.enums';
import { countedProjectSql } from '../report/reporting-rules';
import type { Services } from '../../services';
import { turnstile } from '../../turnstile';
import { type Cell, sendTable, type Table } from '../../spreadsheet/table-file';
import { budgetUseLabel, reasonLabels, reviewLabels, statusLabels } from './table-labels';
import { log } from '../../request-scope';

/** Rows fetched from the cursor per round trip. */
const CURSOR_BATCH = 1000;

type Row = Record<string, string | null>;

/**
 * The rows of a query read through a cursor on one pooled connection, released when the
 * reader is done or stops early (a caller who closed the download), each made into the cells
 * of a table row: a national year (some 270,000 reports) never sits in memory.
 */
async function* cursorRows(
  pool: Pool,
  timeouts: DatabaseTimeouts,
  sql: string,
  params: unknown[],
  cells: (row: Row) => Cell[],
): AsyncGenerator<Cell[]> {
  const client = await pool.connect();
  let failure: Error | undefined;
  let reset = false;
  try {
    // The cursor's statement lasts the whole download (PostgreSQL's statement_timeout runs on while
    // the cursor waits for the caller): the long bounds, put back before the connection is.
    const restore = await raiseSession(client, timeouts);
    try {
      const stream = client.query(new QueryStream(sql, params, { batchSize: CURSOR_BATCH }));
      for await (const row of stream) yield cells(row as Row);
    } finally {
      restore();
    }
    await resetSession(client);
    reset = true;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // A caller who stopped the download early leaves the session's bounds raised: the connection goes.
    client.release(failure ?? !reset);
  }
}

/** How long a refused caller is asked to wait before trying again, seconds. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Open data: every project and report of a fiscal year (public fields only) and the year's ITA
 * scores at stable URLs, GET /open-data/<projects|reports|ita>-<year>.<xlsx|csv>, streamed from a cursor.
 */
export const openDataRouter = (services: Services, limits: OpenDataLimits, timeouts: DatabaseTimeouts) => {
  const router = Router();
  const pool = primaryPool(services.manager.connection);
  const turns = turnstile(limits);

  router.get('/open-data/:file', async (req, res) => {
    const match = /^(projects|reports|ita)-(\d{4})\.(xlsx|csv)$/.exec(req.params.file);
    if (!match) {
      res.status(404).json({ code: ErrorCode.NOT_FOUND, message: 'ไม่พบไฟล์ข้อมูลเปิดที่ต้องการ' });
      return;
    }
    const [, kind, year, format] = match;
    const fiscalYear = Number(year);
    const turn = await turns.enter(res);
    // A caller who left while waiting for a turn gets nothing made.
    if (turn === 'gone') return;
    if (turn === 'refused') {
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({
        code: ErrorCode.RATE_LIMITED,
        message: 'ขณะนี้มีผู้ดาวน์โหลดข้อมูลเปิดจำนวนมาก กรุณาลองใหม่อีกครั้งในอีกสักครู่',
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
      return;
    }
    try {
      res.set('Cache-Control', 'public, max-age=300');
      const table =
        kind === 'projects'
          ? openProjects(pool, timeouts, fiscalYear)
          : kind === 'ita'
            ? openIta(pool, timeouts, fiscalYear)
            : openReports(pool, timeouts, fiscalYear);
      await sendTable(res, format as 'xlsx' | 'csv', `${kind}-${fiscalYear}`, table);
    } catch (error) {
      const database = databaseFailureOf(error);
      if (database && !res.headersSent) {
        res.set('Cache-Control', 'no-store');
        res.status(database.status).json({ code: database.code, message: database.message });
        return;
      }
      log().error({ err: error }, 'Open data failed');
      res.status(500).json({ code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' });
    } finally {
      turns.leave();
    }
  });
  return router;
};

const openProjects = (pool: Pool, timeouts: DatabaseTimeouts, fiscalYear: number): Table => ({
  title: `โครงการตามแผนปฏิบัติการป้องกันการทุจริตของ อปท. ปีงบประมาณ ${fiscalYear}`,
  columns: [
    { header: 'รหัส อปท.', width: 11 },
    { header: 'ชื่อ อปท.', width: 36 },
    { header: 'จังหวัด', width: 14 },
    { header: 'อำเภอ', width: 16 },
    { header: 'รหัสโครงการ', width: 11 },
    { header: 'ชื่อโครงการ', width: 56 },
    { header: 'ประเภทงาน', width: 12 },
    { header: 'มิติ', width: 6 },
    { header: 'มิติเพิ่มเติม', width: 10 },
    { header: 'ปีงบประมาณ', width: 14 },
    { header: 'ไตรมาส', width: 10 },
    { header: 'งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต', width: 18, money: true },
    { header: 'งบประมาณตามแผนพัฒนาท้องถิ่น', width: 18, money: true },
    { header: 'กลุ่มเป้าหมาย', width: 30 },
    { header: 'การตรวจสอบ', width: 12 },
    // Added later (issue 23), after the first columns so that readers of those keep working.
    { header: 'การใช้งบประมาณ', width: 16 },
    { header: 'กลุ่มเป้าหมายอื่น ๆ', width: 30 },
  ],
  rows: cursorRows(
    pool,
    timeouts,
    `SELECT l.code, l.name_th AS lao, pv.name_th AS province, d.name_th AS district, p.id::text AS id, p.name,
              p.work_type AS work_type, p.primary_dimension AS dimension, array_to_string(p.additional_dimensions, ' ') AS additional,
              array_to_string(p.fiscal_years, ' ') AS years, array_to_string(p.quarters, ' ') AS quarters,
              p.anti_corruption_budget::text AS anti, p.local_development_budget::text AS local,
              array_to_string(p.target_groups, ' ') AS targets, p.review_status AS review,
              p.uses_budget::text AS uses_budget, p.other_target_group AS other_targets
         FROM project p JOIN lao l ON l.id = p.lao_id JOIN province pv ON pv.id = l.province_id JOIN district d ON d.id = l.district_id
        WHERE p.fiscal_years @> ARRAY[$1::smallint]
        ORDER BY l.code, p.id`,
    [fiscalYear],
    (r) => [
      r.code,
      r.lao,
      r.province,
      r.district,
      r.id,
      r.name,
      workTypeLabels[r.work_type as keyof typeof workTypeLabels],
      dimensionNumber[r.dimension as Dimension],
      (r.additional ?? '')
        .split(' ')
        .filter(Boolean)
        .map((d) => dimensionNumber[d as Dimension])
        .join(' '),
      r.years,
      r.quarters,
      // Without budget there is no amount: empty, not 0.
      r.uses_budget === 'true' ? r.anti : null,
      r.uses_budget === 'true' ? r.local : null,
      r.targets,
      reviewLabels[r.review as string],
      budgetUseLabel(r.uses_budget === 'true'),
      r.other_targets,
    ],
  ),
});

const openReports = (pool: Pool, timeouts: DatabaseTimeouts, fiscalYear: number): Table => ({
  title: `รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตของ อปท. ปีงบประมาณ ${fiscalYear}`,
  columns: [
    { header: 'รหัส อปท.', width: 11 },
    { header: 'ชื่อ อปท.', width: 36 },
    { header: 'รหัสโครงการ', width: 11 },
    { header: 'ชื่อโครงการ', width: 56 },
    { header: 'รอบ', width: 12 },
    { header: 'สถานะ', width: 20 },
    { header: 'เหตุที่ไม่สามารถดำเนินการได้', width: 30 },
    { header: 'อยู่ในข้อบัญญัติ', width: 12 },
    { header: 'งบประมาณตามข้อบัญญัติ', width: 18, money: true },
    { header: 'เบิกจ่ายจริง', width: 16, money: true },
    { header: 'บันทึกล่าสุด (UTC)', width: 22 },
    // Added later (issue 23), after the first columns so that readers of those keep working.
    { header: 'หมายเหตุ', width: 40 },
  ],
  rows: cursorRows(
    pool,
    timeouts,
    `SELECT l.code, l.name_th AS lao, p.id::text AS id, p.name, r.round, r.status, r.unable_reason AS reason,
              r.unable_reason_text AS reason_text, r.in_ordinance::text AS in_ordinance, r.ordinance_budget::text AS ordinance,
              r.disbursed::text AS disbursed, p.uses_budget::text AS uses_budget, r.remark, to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated
         FROM report r JOIN project p ON p.id = r.project_id AND ${countedProjectSql('p')} JOIN lao l ON l.id = r.lao_id
        WHERE r.fiscal_year = $1
        ORDER BY l.code, p.id, r.round`,
    [fiscalYear],
    (r) => [
      r.code,
      r.lao,
      r.id,
      r.name,
      roundLabels[r.round as RoundKind],
      statusLabels[r.status as string],
      r.reason ? `${reasonLabels[r.reason]}${r.reason_text ? `: ${r.reason_text}` : ''}` : null,
      r.in_ordinance === 'true' ? 'ใช่' : 'ไม่ใช่',
      r.uses_budget === 'true' ? r.ordinance : null,
      r.uses_budget === 'true' ? r.disbursed : null,
      r.updated,
      r.remark,
    ],
  ),
});

/** Every LAO's ITA score of the year (LAOs without one are left out). */
const openIta = (pool: Pool, timeouts: DatabaseTimeouts, fiscalYear: number): Table => ({
  title: `คะแนนการประเมินคุณธรรมและความโปร่งใส (ITA) ของ อปท. ปีงบประมาณ ${fiscalYear}`,
  columns: [
    { header: 'รหัส อปท.', width: 11 },
    { header: 'ชื่อ อปท.', width: 36 },
    { header: 'จังหวัด', width: 14 },
    { header: 'อำเภอ', width: 16 },
    { header: 'ปีงบประมาณ', width: 11 },
    { header: 'คะแนน ITA', width: 11 },
  ],
  rows: cursorRows(
    pool,
    timeouts,
    `SELECT l.code, l.name_th AS lao, pv.name_th AS province, d.name_th AS district, i.fiscal_year::text AS year,
            i.score::text AS score
       FROM ita_score i JOIN lao l ON l.id = i.lao_id JOIN province pv ON pv.id = l.province_id
       JOIN district d ON d.id = l.district_id
      WHERE i.fiscal_year = $1
      ORDER BY l.code`,
    [fiscalYear],
    (r) => [r.code, r.lao, r.province, r.district, r.year, r.score],
  ),
});
