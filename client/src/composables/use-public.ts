import { useQuery } from '@vue/apollo-composable';
import { computed, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { PUBLIC_CYCLES_QUERY, PUBLIC_ROUNDS_QUERY } from '../graphql/queries/public.query';
import type { RoundKind } from '../graphql/generated';
import { currentFiscalYear, replaceQuery, yearFromQuery, yearsOfCycles } from './use-fiscal-year';
import { publicDefaultRound, roundFromQuery, roundKinds } from './use-rounds';

// The year and round of the public pages, kept in the URL (?year=, ?round=) so links share well.
// Anonymous callers read only the public fields of cycles and rounds (no version, no isOpen).

/** The plan cycles and their fiscal years (newest first), public fields only. */
export const usePublicCycles = () => {
  const { result, loading, error, refetch } = useQuery(
    PUBLIC_CYCLES_QUERY,
    {},
    { fetchPolicy: 'cache-first' },
  );
  const cycles = computed(() => result.value?.planCycles ?? []);
  const years = computed(() => yearsOfCycles(cycles.value));
  return { cycles, years, loading, error, refetch, loaded: computed(() => result.value !== undefined) };
};

/**
 * The fiscal year shown: `?year=` when a cycle holds it, else `preferred` (e.g. the LAO's latest
 * plan year) once known, else the current fiscal year (or the latest year of any cycle).
 */
export const usePublicFiscalYear = (preferred?: Ref<number | null | undefined>) => {
  const route = useRoute();
  const router = useRouter();
  const ownRoute = route.name;
  const { cycles, years, loaded, loading, error, refetch } = usePublicCycles();

  const year = computed<number | null>(() => {
    const asked = yearFromQuery(route.query.year);
    if (asked !== null && years.value.includes(asked)) return asked;
    // While the preferred year is still being worked out (undefined), nothing is chosen.
    if (preferred && preferred.value === undefined) return null;
    if (preferred?.value && years.value.includes(preferred.value)) return preferred.value;
    const current = currentFiscalYear();
    return years.value.includes(current) ? current : (years.value[0] ?? null);
  });

  const setYear = (value: number | string): void => replaceQuery(router, { year: String(value) });

  watch(
    year,
    (value) => {
      if (value !== null && route.name === ownRoute && route.query.year !== String(value)) setYear(value);
    },
    { immediate: true },
  );

  const yearOptions = computed(() =>
    years.value.map((value) => ({ value: String(value), label: String(value) })),
  );
  return { cycles, years, yearOptions, year, setYear, loaded, loading, error, refetch };
};

/** The round a public table shows (`?round=`), defaulting as publicDefaultRound (rounds.ts) once the year's rounds are known. */
export const usePublicRound = (year: Ref<number | null>) => {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const ownRoute = route.name;
  const { result, error } = useQuery(
    PUBLIC_ROUNDS_QUERY,
    () => ({ fiscalYear: year.value ?? 0 }),
    () => ({ enabled: year.value !== null, fetchPolicy: 'cache-first' }),
  );
  const round = computed<RoundKind | null>(() => {
    const asked = roundFromQuery(route.query.round);
    if (asked) return asked;
    if (error.value) return 'SIX_MONTH';
    return result.value ? publicDefaultRound(result.value.reportingRounds) : null;
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
  const roundOptions = computed(() => roundKinds.map((kind) => ({ value: kind, label: t(`round.${kind}`) })));
  const roundLabel = computed(() => (round.value ? t(`round.${round.value}`) : ''));
  return { round, setRound, roundOptions, roundLabel };
};
