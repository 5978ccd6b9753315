import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { useRoute, type RouteLocationRaw } from 'vue-router';
import { REPORT_LAO_QUERY } from '../graphql/queries/lao-report.query';
import { useAuth } from './use-auth';
import { laoReportPath, reportIssuer, type LaoReportKind } from './lao-report';
import { toErrorInfo } from './use-error-message';

export * from './lao-report';

/**
 * The LAO a report page shows: the signed-in LAO's own (/lao/exports/…), or the one named in
 * the address (/nacc/laos/:laoId/…, any LAO within the NACC viewer's reach). The LAO's
 * coordinator signs its own reports; a NACC officer signs the reports they print.
 */
export const useReportLao = () => {
  const route = useRoute();
  const { viewer } = useAuth();

  const explicitId = computed(() => {
    const param = route.params.laoId;
    return typeof param === 'string' && param !== '' ? param : null;
  });
  const naccMode = computed(() => explicitId.value !== null);
  const laoId = computed(() => explicitId.value ?? viewer.value?.lao?.id ?? '');

  const { result, error, refetch } = useQuery(
    REPORT_LAO_QUERY,
    () => ({ id: laoId.value }),
    () => ({ enabled: laoId.value !== '', fetchPolicy: 'cache-and-network' }),
  );
  const lao = computed(() => result.value?.lao ?? null);
  const laoName = computed(
    () => lao.value?.nameTh ?? (naccMode.value ? '' : (viewer.value?.lao?.nameTh ?? '')),
  );
  const issuer = computed(() =>
    reportIssuer(naccMode.value, viewer.value?.account.displayName ?? '', lao.value?.coordinator?.fullName),
  );
  // A provincial office asking for an LAO outside its province gets NOT_FOUND, like a wrong id.
  const notFound = computed(() => !!error.value && toErrorInfo(error.value).code === 'NOT_FOUND');

  /** The same report page for another report kind of this LAO. */
  const reportTo = (kind: LaoReportKind, query: Record<string, string> = {}): RouteLocationRaw => ({
    path: laoReportPath(kind, explicitId.value),
    query,
  });
  /** Back to the list of reports (the LAO's exports page, or the NACC list of LAOs). */
  const backTo = (year: number | null): RouteLocationRaw =>
    naccMode.value
      ? { path: '/nacc/laos' }
      : { path: '/lao/exports', query: year !== null ? { year: String(year) } : {} };

  const backLabel = computed(() => (naccMode.value ? 'laoReport.backNacc' : 'laoExports.back'));

  return { laoId, naccMode, lao, laoName, issuer, error, notFound, refetch, reportTo, backTo, backLabel };
};
