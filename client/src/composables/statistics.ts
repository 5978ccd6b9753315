import type { StatisticsQuery } from '../graphql/generated';

/*
 * The statistics tables' columns and sums without Vue (tested in test/client/statistics.test.ts);
 * use-statistics-table.ts adds the translations and the chart.
 */

/** The numeric columns of a statistics row (StatisticsRow of analytics.query.ts). */
export type Counts = Omit<StatisticsQuery['statistics'][number], 'province' | 'district' | 'laoTypes'>;

/** Column groups of the statistics table header, in the order of the cells. */
export const columnGroups: { key: string; columns: { key: keyof Counts; label: string }[] }[] = [
  {
    key: 'statistics.groupPlans',
    columns: [
      { key: 'plansPassed', label: 'statistics.colPassed' },
      { key: 'plansIncomplete', label: 'statistics.colIncomplete' },
      { key: 'plansSubmitted', label: 'statistics.colSubmitted' },
      { key: 'plansNotSubmitted', label: 'statistics.colNotSubmitted' },
    ],
  },
  {
    key: 'statistics.groupReporting',
    columns: [
      { key: 'noPassedPlan', label: 'statistics.colNoPlan' },
      { key: 'fullyReported', label: 'statistics.colFully' },
      { key: 'partlyReported', label: 'statistics.colPartly' },
      { key: 'notReported', label: 'statistics.colNone' },
    ],
  },
  {
    key: 'statistics.groupLevels',
    columns: [
      { key: 'levelHigh', label: 'statistics.colHigh' },
      { key: 'levelMedium', label: 'statistics.colMedium' },
      { key: 'levelLow', label: 'statistics.colLow' },
    ],
  },
];

const countKeys: (keyof Counts)[] = [
  'laoCount',
  ...columnGroups.flatMap((group) => group.columns.map((c) => c.key)),
];

/** The totals row: every count summed over the rows (zeros when there are none). */
export const statisticsTotals = (rows: readonly Counts[]): Counts => {
  const sum = Object.fromEntries(countKeys.map((key) => [key, 0])) as Counts;
  for (const row of rows) for (const key of countKeys) sum[key] += row[key];
  return sum;
};

/** The height of the stacked chart: a bar per row, never below 14rem. */
export const chartHeightOf = (rowCount: number): string => `${Math.max(14, rowCount * 1.6 + 5)}rem`;
