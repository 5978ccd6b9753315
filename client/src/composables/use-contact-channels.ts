import { useQuery } from '@vue/apollo-composable';
import { computed } from 'vue';
import { CONTACT_CHANNELS_QUERY } from '../graphql/queries/help.query';

/** NACC's contact channels (public); null while loading or when the server could not answer. */
export const useContactChannels = () => {
  const { result, loading, error, refetch } = useQuery(
    CONTACT_CHANNELS_QUERY,
    {},
    { fetchPolicy: 'cache-and-network' },
  );
  return {
    channels: computed(() => result.value?.contactChannels ?? null),
    loading,
    error,
    refetch,
  };
};
