import { ref, watch, type Ref } from 'vue';

/** A page of a connection as the documents select it (totalCount, pageInfo, edges). */
export type Connection<Node> = {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  edges: { cursor: string; node: Node }[];
};

/**
 * fetchMore's updateQuery for "load more": the next page's edges appended to the current ones
 * (tested in test/client/connection.test.ts).
 */
export const appendPage =
  <Key extends string, Node>(key: Key) =>
  (
    previous: Record<Key, Connection<Node>>,
    { fetchMoreResult }: { fetchMoreResult?: Record<Key, Connection<Node>> | null },
  ): Record<Key, Connection<Node>> =>
    fetchMoreResult
      ? ({
          ...previous,
          [key]: {
            ...fetchMoreResult[key],
            edges: [...previous[key].edges, ...fetchMoreResult[key].edges],
          },
        } as Record<Key, Connection<Node>>)
      : previous;

/**
 * Reads a query's `projects` connection to its end, page after page (a report needs every row);
 * the flag is true while a further page is loading.
 */
export const useAllPages = <TResult extends { projects: Connection<unknown> }>(
  result: Ref<TResult | undefined>,
  fetchMore: (options: {
    variables: { after: string };
    updateQuery: (previous: TResult, options: { fetchMoreResult?: TResult }) => TResult;
  }) => unknown,
): Ref<boolean> => {
  const fetchingMore = ref(false);
  watch(
    () => result.value?.projects.pageInfo,
    async (pageInfo) => {
      if (!pageInfo?.hasNextPage || !pageInfo.endCursor || fetchingMore.value) return;
      fetchingMore.value = true;
      try {
        await fetchMore({
          variables: { after: pageInfo.endCursor },
          updateQuery: (previous, { fetchMoreResult }) =>
            fetchMoreResult
              ? { ...previous, ...appendPage<'projects', unknown>('projects')(previous, { fetchMoreResult }) }
              : previous,
        });
      } finally {
        fetchingMore.value = false;
      }
    },
  );
  return fetchingMore;
};
