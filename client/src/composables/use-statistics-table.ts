import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { chartColors } from '../charts/setup';
import { chartHeightOf, statisticsTotals, type Counts } from './statistics';
import { useFormat } from './use-format';

export * from './statistics';

/**
 * What the national/provincial statistics tables derive from their rows (signed-in and
 * public pages alike): the totals row and the stacked chart of levels with its label.
 */
export const useStatisticsTable = (rows: Ref<Counts[]>, where: Ref<string>, roundLabel: Ref<string>) => {
  const { t } = useI18n();
  const { number } = useFormat();
  const totals = computed(() => statisticsTotals(rows.value));
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
  const chartHeight = computed(() => chartHeightOf(rows.value.length));
  return { totals, chartLabel, chartSeries, chartHeight };
};
