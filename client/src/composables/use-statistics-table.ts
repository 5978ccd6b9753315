import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { chartColors } from '../charts/setup';
import type { StatisticsRow } from '../graphql/queries/analytics.query';
import { useFormat } from './use-format';

/** The numeric columns of a statistics row. */
export type Counts = Omit<StatisticsRow, 'province' | 'district' | 'laoTypes'>;

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

/**
 * What the national/provincial statistics tables derive from their rows (signed-in and
 * public pages alike): the totals row and the stacked chart of levels with its label.
 */
export const useStatisticsTable = (rows: Ref<Counts[]>, where: Ref<string>, roundLabel: Ref<string>) => {
  const { t } = useI18n();
  const { number } = useFormat();
  const totals = computed(() => {
    const sum = Object.fromEntries(countKeys.map((key) => [key, 0])) as Counts;
    for (const row of rows.value) for (const key of countKeys) sum[key] += row[key];
    return sum;
  });
  const chartLabel = computed(() =>
    t('statistics.chartLabel', {
      where: where.value,
      round: roundLabel.value,
      high: number(totals.value.levelHigh),
      medium: number(totals.value.levelMedium),
      low: number(totals.value.levelLow),
      none: number(totals.value.notReported),
      noPlan: number(totals.value.noPassedPlan),
    }),
  );
  const chartSeries = computed(() => [
    { label: t('level.HIGH'), data: rows.value.map((row) => row.levelHigh), color: chartColors.high },
    { label: t('level.MEDIUM'), data: rows.value.map((row) => row.levelMedium), color: chartColors.medium },
    { label: t('level.LOW'), data: rows.value.map((row) => row.levelLow), color: chartColors.low },
    {
      label: t('level.NOT_REPORTED'),
      data: rows.value.map((row) => row.notReported),
      color: chartColors.notReported,
    },
    {
      label: t('reportingState.NO_PASSED_PLAN'),
      data: rows.value.map((row) => row.noPassedPlan),
      color: chartColors.noPassedPlan,
    },
  ]);
  const chartHeight = computed(() => `${Math.max(14, rows.value.length * 1.6 + 5)}rem`);
  return { totals, chartLabel, chartSeries, chartHeight };
};
