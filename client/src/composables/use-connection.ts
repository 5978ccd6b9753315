import type { Connection } from '../graphql/types';

/** fetchMore's updateQuery for "load more": the next page's edges appended to the current ones. */
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
