import { type Request, Router } from 'express';
import { publicReader, type Viewer } from '../../auth/viewer';
import { AppError } from '../../errors/app-error';
import { databaseFailureOf } from '../../errors/database-errors';
import { ErrorCode } from '../../errors/error-codes';
import { LaoSize, LaoType } from '../lao/lao.enums';
import { Dimension, dimensionNumber } from '../plan/plan.enums';
import { workTypeLabels } from '../project/project.enums';
import { ReportingState, RoundKind, roundLabels } from '../report/report.enums';
import { countsTowardPercentage } from '../report/reporting-rules';
import type { Services } from '../../services';

import { sendTable, type Table } from '../../spreadsheet/table-file';
import {
  budgetUseLabel,
  levelLabels,
  noPassedPlanLabel,
  reasonLabels,
  reviewLabels,
  statusLabels,
  typeLabels,
} from './table-labels';
import { log } from '../../request-scope';

const int = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/** Years and province ids are smallint columns: a larger number is a bad request, not a failed query. */
const smallint = (value: unknown): number | undefined => {
  const number = int(value);
  return number !== undefined && number <= 32767 ? number : undefined;
};

/** Thai dictionary order, as the app's tables sort (`Intl.Collator('th')` in the client). */
const thai = new Intl.Collator('th');

/** Places (provinces, districts) as the web tables list them: by Thai name, then id. */
const byThaiName = <T>(rows: T[], name: (row: T) => string, id: (row: T) => number): T[] =>
  [...rows].sort((a, b) => thai.compare(name(a), name(b)) || id(a) - id(b));

/**
 * GET /exports/<table>.<xlsx|csv>: statistics and implementation take ?fiscalYear=&round=
 * (required) and &provinceId=; plan-table and project-status take ?laoId=&fiscalYear=.
 * Every column of these tables is public (publicFields), as the /public pages show them: anyone
 * may download them without a token, and every caller gets the public's view. A signed-in
 * caller's reach would only narrow the same numbers (a provincial office asking for another
 * province got an empty file), so it is not applied; the token only keeps the file out of
 * shared caches.
 */
export const exportsRouter = (services: Services) => {
  const router = Router();
  const tables: Record<
    string,
    (viewer: Viewer, query: Request['query']) => Promise<{ name: string; table: Table }>
  > = {
    statistics: async (viewer, query) => {
      const fiscalYear = int(query.fiscalYear) as number;
      const round = query.round as RoundKind;
      const provinceId = int(query.provinceId);
      const type = Object.values(LaoType).find((value) => value === query.type);
      const size = Object.values(LaoSize).find((value) => value === query.size);
      const rows = await services.analytics.statistics(viewer, { fiscalYear, round, provinceId, type, size });
      const names = new Map<number, string>(
        provinceId === undefined
          ? (await services.geo.provinces()).map((p): [number, string] => [p.id, p.nameTh])
          : (
              await services.manager.query(`SELECT id, name_th FROM district WHERE province_id = $1`, [
                provinceId,
              ])
            ).map((d: { id: number; name_th: string }): [number, string] => [d.id, d.name_th]),
      );
      const placeOf = (row: (typeof rows)[number]) =>
        provinceId === undefined ? row.provinceId : (row.districtId as number);
      return {
        name: `statistics-${fiscalYear}-${round}${provinceId ? `-${provinceId}` : ''}`,
        table: {
          title: `สถิติการจัดทำแผนและการรายงานผล ปีงบประมาณ ${fiscalYear} ${roundLabels[round]}`,
          columns: [
            { header: provinceId === undefined ? 'จังหวัด' : 'อำเภอ', width: 24 },
            { header: 'จำนวน อปท.', width: 12 },
            ...Object.values(LaoType).map((type) => ({ header: typeLabels[type], width: 12 })),
            { header: 'แผนผ่านเกณฑ์', width: 14 },
            { header: 'แผนไม่สมบูรณ์', width: 14 },
            { header: 'ส่งแผนแล้ว รอประเมิน', width: 18 },
            { header: 'ยังไม่ส่งแผน', width: 14 },
            { header: 'ยังไม่มีแผน/แผนยังไม่ผ่าน', width: 20 },
            { header: 'รายงานครบ', width: 12 },
            { header: 'รายงานบางส่วน', width: 14 },
            { header: 'ยังไม่รายงาน', width: 14 },
            { header: 'ระดับมาก', width: 10 },
            { header: 'ระดับปานกลาง', width: 12 },
            { header: 'ระดับน้อย', width: 10 },
          ],
          rows: byThaiName(rows, (row) => names.get(placeOf(row)) ?? '', placeOf).map((row) => [
            names.get(placeOf(row)) ?? '',
            row.laoCount,
            ...Object.values(LaoType).map((type) => row.laoTypes.find((t) => t.type === type)?.count ?? 0),
            row.plansPassed,
            row.plansIncomplete,
            row.plansSubmitted,
            row.plansNotSubmitted,
            row.noPassedPlan,
            row.fullyReported,
            row.partlyReported,
            row.notReported,
            row.levelHigh,
            row.levelMedium,
            row.levelLow,
          ]),
        },
      };
    },
    implementation: async (viewer, query) => {
      const fiscalYear = int(query.fiscalYear) as number;
      const round = query.round as RoundKind;
      const provinceId = int(query.provinceId);
      const type = Object.values(LaoType).find((value) => value === query.type);
      const size = Object.values(LaoSize).find((value) => value === query.size);
      const rows = await services.implementation.rows(viewer, {
        fiscalYear,
        round,
        provinceId,
        type,
        size,
        limit: 10000,
      });
      const laos: { id: number; code: string; name_th: string; district: string; ita: string | null }[] =
        await services.manager.query(
          `SELECT l.id, l.code, l.name_th, d.name_th AS district, i.score::text AS ita
             FROM lao l JOIN district d ON d.id = l.district_id
             LEFT JOIN ita_score i ON i.lao_id = l.id AND i.fiscal_year = $2
            WHERE l.id = ANY($1)`,
          [rows.map((row) => row.laoId), fiscalYear],
        );
      const byId = new Map(laos.map((lao) => [lao.id, lao]));
      // As the province table on the web: districts in Thai order, in each the highest
      // percentage first (not reported last), then the LAO's name.
      const percent = (row: (typeof rows)[number]) => (row.percentage === null ? -1 : Number(row.percentage));
      const ordered = [...rows].sort(
        (a, b) =>
          thai.compare(byId.get(a.laoId)?.district ?? '', byId.get(b.laoId)?.district ?? '') ||
          a.districtId - b.districtId ||
          percent(b) - percent(a) ||
          thai.compare(byId.get(a.laoId)?.name_th ?? '', byId.get(b.laoId)?.name_th ?? '') ||
          a.laoId - b.laoId,
      );
      return {
        name: `implementation-${fiscalYear}-${round}${provinceId ? `-${provinceId}` : ''}`,
        table: {
          title: `ตารางสรุปผลการนำแผนไปปฏิบัติ ปีงบประมาณ ${fiscalYear} ${roundLabels[round]}`,
          columns: [
            { header: 'อำเภอ', width: 18 },
            { header: 'รหัส อปท.', width: 11 },
            { header: 'ชื่อ อปท.', width: 40 },
            { header: 'จำนวนโครงการ', width: 13 },
            { header: 'อยู่ระหว่างดำเนินการ', width: 16 },
            { header: 'ดำเนินการแล้วเสร็จ', width: 16 },
            { header: 'ไม่สามารถดำเนินการได้', width: 18 },
            { header: 'ร้อยละ', width: 10, percent: true },
            { header: 'ระดับ', width: 14 },
            { header: 'คะแนน ITA', width: 11 },
          ],
          rows: ordered.map((row) => {
            const lao = byId.get(row.laoId);
            return [
              lao?.district ?? '',
              lao?.code ?? '',
              lao?.name_th ?? '',
              row.eligibleCount,
              row.inProgressCount,
              row.completedCount,
              row.unableCount,
              row.percentage,
              row.reportingState === ReportingState.NO_PASSED_PLAN
                ? noPassedPlanLabel
                : levelLabels[row.level],
              lao?.ita ?? null,
            ];
          }),
        },
      };
    },
  };

  const laoName = async (laoId: number) =>
    ((await services.manager.query(`SELECT name_th FROM lao WHERE id = $1`, [laoId]))[0]
      ?.name_th as string) ?? '';
  const tick = (on: boolean) => (on ? '✓' : '');
  const statusText = (status: string | null, reason: string | null) =>
    status ? `${statusLabels[status]}${reason ? ` (${reasonLabels[reason]})` : ''}` : 'ยังไม่รายงาน';

  tables['plan-table'] = async (viewer, query) => {
    const laoId = int(query.laoId) as number;
    const fiscalYear = int(query.fiscalYear) as number;
    const rows = (await services.analytics.planRows(viewer, laoId, fiscalYear)).filter((row) =>
      countsTowardPercentage(row),
    );
    const totals = await services.analytics.planTableTotals(viewer, laoId, fiscalYear);
    return {
      name: `plan-table-${fiscalYear}-${laoId}`,
      table: {
        title: `แผนปฏิบัติการป้องกันการทุจริต พ.ศ. ${fiscalYear} ของ ${await laoName(laoId)}`,
        columns: [
          { header: 'ลำดับ', width: 7 },
          { header: 'รายการโครงการ', width: 60 },
          { header: 'มิติ', width: 6 },
          { header: 'งบประมาณ (บาท)', width: 16, money: true },
          { header: 'ไตรมาส 1', width: 9 },
          { header: 'ไตรมาส 2', width: 9 },
          { header: 'ไตรมาส 3', width: 9 },
          { header: 'ไตรมาส 4', width: 9 },
          { header: 'หมายเหตุ', width: 24 },
        ],
        rows: [
          ...rows.map((row, index) => [
            index + 1,
            row.name,
            dimensionNumber[row.dimension as Dimension],
            row.usesBudget ? row.budget : budgetUseLabel(false),
            ...[1, 2, 3, 4].map((q) => tick(row.quarters.includes(q))),
            row.remarks,
          ]),
          [
            'รวมทั้งสิ้น',
            null,
            null,
            totals.antiCorruptionBudget,
            ...totals.quarterCounts,
            totals.withoutBudgetCount > 0
              ? `ไม่รวมโครงการที่ไม่ใช้งบประมาณ ${totals.withoutBudgetCount} โครงการ`
              : null,
          ],
        ],
      },
    };
  };

  tables['project-status'] = async (viewer, query) => {
    const laoId = int(query.laoId) as number;
    const fiscalYear = int(query.fiscalYear) as number;
    const rows = await services.analytics.planRows(viewer, laoId, fiscalYear);
    return {
      name: `project-status-${fiscalYear}-${laoId}`,
      table: {
        title: `รายงานสถานะโครงการ/กิจกรรม/มาตรการ ปีงบประมาณ ${fiscalYear} ของ ${await laoName(laoId)}`,
        columns: [
          { header: 'ลำดับ', width: 7 },
          { header: 'ชื่อโครงการ/กิจกรรม/มาตรการ/แนวปฏิบัติงาน', width: 56 },
          { header: 'ประเภทงาน', width: 14 },
          { header: 'มิติ', width: 6 },
          { header: 'การตรวจสอบ', width: 14 },
          { header: 'สถานะ รอบ 6 เดือน', width: 30 },
          { header: 'สถานะ รอบ 12 เดือน', width: 30 },
          { header: 'เบิกจ่ายจริง (บาท)', width: 16, money: true },
          { header: 'หมายเหตุการรายงาน', width: 36 },
        ],
        rows: rows.map((row, index) => [
          index + 1,
          row.name,
          workTypeLabels[row.workType],
          dimensionNumber[row.dimension as Dimension],
          reviewLabels[row.reviewStatus],
          countsTowardPercentage(row) ? statusText(row.sixStatus, row.sixReason) : 'ไม่ต้องรายงาน',
          countsTowardPercentage(row) ? statusText(row.twelveStatus, row.twelveReason) : 'ไม่ต้องรายงาน',
          row.usesBudget ? (row.twelveDisbursed ?? row.sixDisbursed) : budgetUseLabel(false),
          // The latest round's remark (as the disbursed amount).
          row.twelveStatus ? row.twelveRemark : row.sixRemark,
        ]),
      },
    };
  };

  router.get('/exports/:file', async (req, res) => {
    const match = /^([\w-]+)\.(xlsx|csv)$/.exec(req.params.file);
    const table = match ? tables[match[1]] : undefined;
    if (!match || !table) {
      res.status(404).json({ code: ErrorCode.NOT_FOUND, message: 'ไม่พบรายงานที่ต้องการ' });
      return;
    }
    const perLao = match[1] === 'plan-table' || match[1] === 'project-status';
    const given = perLao
      ? int(req.query.laoId) !== undefined
      : Object.values(RoundKind).includes(req.query.round as RoundKind);
    if (!smallint(req.query.fiscalYear) || !given) {
      const message = perLao
        ? 'กรุณาระบุ อปท. (laoId) และปีงบประมาณ (fiscalYear)'
        : 'กรุณาระบุปีงบประมาณ (fiscalYear) และรอบรายงาน (round)';
      res.status(400).json({ code: ErrorCode.BAD_USER_INPUT, message });
      return;
    }
    if (req.query.provinceId !== undefined && !smallint(req.query.provinceId)) {
      res.status(400).json({ code: ErrorCode.BAD_USER_INPUT, message: 'รหัสจังหวัด (provinceId) ไม่ถูกต้อง' });
      return;
    }
    // The public's view for everyone (see above); a signed-in caller's copy is not cached by others.
    const signedIn = await services.sessions.resolveViewer(req.headers.authorization);
    res.set('Cache-Control', signedIn.kind === 'anonymous' ? 'public, max-age=300' : 'private, no-store');
    try {
      const { name, table: data } = await table(publicReader, req.query);
      await sendTable(res, match[2] as 'xlsx' | 'csv', name, data);
    } catch (error) {
      if (error instanceof AppError) {
        const code = error.extensions.code as string;
        res.status(code === ErrorCode.NOT_FOUND ? 404 : 403).json({ code, message: error.message });
        return;
      }
      const database = databaseFailureOf(error);
      if (database) {
        res.set('Cache-Control', 'no-store');
        res.status(database.status).json({ code: database.code, message: database.message });
        return;
      }
      log().error({ err: error }, 'Export failed');
      res.status(500).json({ code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง' });
    }
  });
  return router;
};
