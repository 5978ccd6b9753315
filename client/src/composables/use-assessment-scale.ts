import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { ASSESSMENT_SCALE_QUERY } from '../graphql/queries/plan.query';

/**
 * The plan assessment scale as the server defines it (`assessmentScale`): the most points per
 * dimension and in total. Null until it has loaded; forms then check only the number format
 * and leave the range to the server.
 */
export const useAssessmentScale = () => {
  const { result } = useQuery(ASSESSMENT_SCALE_QUERY, null, { fetchPolicy: 'cache-first' });
  const dimensionMax = computed(() => result.value?.assessmentScale.dimensionMax ?? null);
  const totalMax = computed(() => result.value?.assessmentScale.totalMax ?? null);
  return { dimensionMax, totalMax };
};
