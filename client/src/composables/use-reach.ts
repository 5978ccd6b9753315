import { computed } from 'vue';
import { useAuth } from './use-auth';

type PlaceRef = { id: string; nameTh: string };

/**
 * The provinces a NACC office works on: a provincial office its province, a regional office
 * the provinces of its region (as NACC central has set them: `viewer.reachProvinces`); NACC
 * central every province. Views use it for their province pickers; the server scopes every
 * list the same way, so this only spares people choices that would come back empty.
 */
export const useReach = () => {
  const { viewer } = useAuth();
  /** null: every province (NACC central). */
  const reachProvinces = computed<readonly PlaceRef[] | null>(() => {
    const role = viewer.value?.account.role;
    if (role !== 'NACC_PROVINCE' && role !== 'NACC_REGION') return null;
    return viewer.value?.reachProvinces ?? [];
  });
  /** The one province an office is bound to (a provincial office, or a region of one province). */
  const fixedProvince = computed<PlaceRef | null>(() =>
    reachProvinces.value?.length === 1 ? reachProvinces.value[0] : null,
  );
  /** The provinces of `all` the viewer reaches. */
  const inReach = <T extends { id: string }>(all: readonly T[]): T[] => {
    const reach = reachProvinces.value;
    if (reach === null) return [...all];
    const ids = new Set(reach.map((province) => province.id));
    return all.filter((province) => ids.has(province.id));
  };
  const isRegion = computed(() => viewer.value?.account.role === 'NACC_REGION');
  return { reachProvinces, fixedProvince, inReach, isRegion };
};
