import { useQuery } from '@vue/apollo-composable';
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import type { RoundFieldsFragment as ReportingRound, RoundKind } from '../graphql/generated';
import { LEVEL_THRESHOLDS_QUERY, REPORTING_ROUNDS_QUERY } from '../graphql/queries/report.query';
import {
  defaultRound,
  extensionStatuses,
  levels,
  reportStatuses,
  roundFromQuery,
  roundKinds,
  unableReasons,
} from './rounds';
import { defaultFiscalYear, replaceQuery, usePlanCycles } from './use-fiscal-year';
import { useFormat } from './use-format';

export * from './rounds';

/**
 * The level thresholds of a round (high from, medium from) as the server's rulebook has them
 * (`levelThresholds`); null until loaded.
 */
export const useLevelThresholds = () => {
  const { result } = useQuery(LEVEL_THRESHOLDS_QUERY, {}, { fetchPolicy: 'cache-first' });
  return (round: RoundKind | null): { high: number; medium: number } | null =>
    result.value?.levelThresholds.find((item) => item.round === round) ?? null;
};

/**
 * The round a page shows, kept in the URL (`?round=SIX_MONTH`); without one, the round
 * open now (written into the URL once the rounds are known).
 */
export const useRoundKind = (rounds: Ref<readonly ReportingRound[]>, roundsKnown: Ref<boolean>) => {
  const route = useRoute();
  const router = useRouter();
  const ownRoute = route.name;

  const round = computed<RoundKind | null>(() => {
    const asked = roundFromQuery(route.query.round);
    if (asked) return asked;
    return roundsKnown.value ? defaultRound(rounds.value) : null;
  });

  const setRound = (value: string): void => {
    const kind = roundFromQuery(value);
    if (kind) replaceQuery(router, { round: kind });
  };

  watch(
    round,
    (value) => {
      if (value !== null && route.name === ownRoute && route.query.round !== value) setRound(value);
    },
    { immediate: true },
  );

  return { round, setRound };
};

/**
 * The round a report of a fiscal year shows (see useRoundKind), its select's value and its label;
 * the rounds of the year decide the default.
 */
export const useReportRound = (year: Ref<number | null>) => {
  const { t } = useI18n();
  const { result, error: roundsError } = useQuery(
    REPORTING_ROUNDS_QUERY,
    () => ({ fiscalYear: year.value ?? 0 }),
    () => ({ enabled: year.value !== null, fetchPolicy: 'cache-and-network' }),
  );
  const { round, setRound } = useRoundKind(
    computed(() => result.value?.reportingRounds ?? []),
    computed(() => result.value !== undefined || !!roundsError.value),
  );
  const roundLabel = computed(() => (round.value ? t(`round.${round.value}`) : ''));
  return { round, setRound, roundLabel, roundsError };
};

/** The current time, refreshed every half minute (countdowns, deadlines passing). */
export const useNow = (intervalMs = 30000) => {
  const now = ref(new Date());
  const timer = setInterval(() => (now.value = new Date()), intervalMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
};

/** Translated option lists of the report enums. */
export const useRoundOptions = () => {
  const { t } = useI18n();
  const of = <T extends string>(values: readonly T[], key: string) =>
    computed(() => values.map((value) => ({ value: value as string, label: t(`${key}.${value}`) })));
  return {
    roundOptions: of(roundKinds, 'round'),
    reportStatusOptions: of(reportStatuses, 'reportStatus'),
    unableReasonOptions: of(unableReasons, 'unableReason'),
    extensionStatusOptions: of(extensionStatuses, 'extensionStatus'),
    levelOptions: of(levels, 'level'),
  };
};

/**
 * The fiscal year and round pickers of a form that grants an extension (one LAO's, or a batch):
 * the year starts at the current plan cycle's, the rounds are the year's (six-month first, each
 * with its deadline), and changing the year clears the chosen round.
 */
export const useExtensionRoundChoice = (form: Ref<{ fiscalYear: string; roundId: string }>) => {
  const { t } = useI18n();
  const { deadline } = useFormat();
  const { cycles, years } = usePlanCycles();
  watch(
    cycles,
    () => {
      if (!form.value.fiscalYear) {
        const year = defaultFiscalYear(cycles.value);
        if (year !== null) form.value.fiscalYear = String(year);
      }
    },
    { immediate: true },
  );
  const { result } = useQuery(
    REPORTING_ROUNDS_QUERY,
    () => ({ fiscalYear: Number(form.value.fiscalYear) || 0 }),
    () => ({ enabled: form.value.fiscalYear !== '', fetchPolicy: 'cache-and-network' }),
  );
  const roundOptions = computed(() =>
    [...(result.value?.reportingRounds ?? [])]
      .filter((round) => String(round.fiscalYear) === form.value.fiscalYear)
      .sort((a, b) => roundKinds.indexOf(a.kind) - roundKinds.indexOf(b.kind))
      .map((round) => ({
        value: round.id,
        label: t('extensions.roundOption', {
          round: t(`round.${round.kind}`),
          deadline: deadline(round.closesAt),
        }),
      })),
  );
  watch(
    () => form.value.fiscalYear,
    () => {
      form.value.roundId = '';
    },
  );
  return { years, roundOptions };
};
