import { useQuery } from '@vue/apollo-composable';
import { computed, watch } from 'vue';
import { useRoute, useRouter, type LocationQuery, type Router } from 'vue-router';
import { PLAN_CYCLES_QUERY } from '../graphql/queries/plan-cycles.query';
import { defaultFiscalYear, yearFromQuery, yearsOfCycles } from './fiscal-year';

export { currentFiscalYear, cycleOf, defaultFiscalYear, yearFromQuery, yearsOfCycles } from './fiscal-year';

// Two filters may write the URL in the same tick (e.g. ?year= then ?round=); a later replace
// cancels a pending one, so the writes are merged into the query of the pending navigation.
let pendingQuery: LocationQuery | null = null;

/** Sets some query parameters of the current page, keeping the others. */
export const replaceQuery = (router: Router, patch: Record<string, string>): void => {
  const query: LocationQuery = { ...(pendingQuery ?? router.currentRoute.value.query), ...patch };
  pendingQuery = query;
  void router.replace({ query }).finally(() => {
    if (pendingQuery === query) pendingQuery = null;
  });
};

/** The plan cycles, loaded once per page (they change a few times a decade). */
export const usePlanCycles = () => {
  const { result, loading, error, refetch } = useQuery(PLAN_CYCLES_QUERY, {}, { fetchPolicy: 'cache-first' });
  const cycles = computed(() => result.value?.planCycles ?? []);
  const years = computed(() => yearsOfCycles(cycles.value));
  return { cycles, years, loading, error, refetch, loaded: computed(() => result.value !== undefined) };
};

/**
 * The fiscal year a page shows, kept in the URL (`?year=2566`) so it survives reloads and links;
 * without one, the current fiscal year (or the latest year of any cycle). `writeDefault: false`
 * leaves a bare address alone (a home page) until the year is chosen.
 */
export const useFiscalYear = (
  options: { writeDefault?: boolean; yearsWithData?: () => readonly number[] | null } = {},
) => {
  const writeDefault = options.writeDefault ?? true;
  const route = useRoute();
  const router = useRouter();
  const plan = usePlanCycles();
  const ownRoute = route.name;

  const year = computed<number | null>(() => {
    const asked = yearFromQuery(route.query.year);
    if (asked !== null && plan.years.value.includes(asked)) return asked;
    return defaultFiscalYear(plan.cycles.value, options.yearsWithData?.() ?? null);
  });

  const setYear = (value: number | string): void => {
    replaceQuery(router, { year: String(value) });
  };

  // Write the default into the URL once known, so the address always names the year shown.
  watch(
    year,
    (value) => {
      // Only while this page is the one shown (not during the navigation away from it).
      if (!writeDefault) return;
      if (value !== null && route.name === ownRoute && route.query.year !== String(value)) setYear(value);
    },
    { immediate: true },
  );

  return { ...plan, year, setYear };
};
