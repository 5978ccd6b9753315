import { appendPage, type Connection } from '../../client/src/composables/use-connection';

const page = (ids: string[], endCursor: string | null, hasNextPage: boolean, totalCount = 5) => ({
  projects: {
    totalCount,
    pageInfo: { endCursor, hasNextPage },
    edges: ids.map((id) => ({ cursor: `c${id}`, node: { id } })),
  } satisfies Connection<{ id: string }>,
});

describe('loading more of a connection', () => {
  it('appends the next page’s rows and takes its cursor and count', () => {
    const first = { ...page(['1', '2'], 'c2', true), viewer: 'kept' };
    const merged = appendPage<'projects', { id: string }>('projects')(first, {
      fetchMoreResult: page(['3', '4'], 'c4', true, 6),
    });
    expect(merged.projects.edges.map((edge) => edge.node.id)).toEqual(['1', '2', '3', '4']);
    expect(merged.projects.pageInfo).toEqual({ endCursor: 'c4', hasNextPage: true });
    expect(merged.projects.totalCount).toBe(6);
    // The other fields of the query are left as they were.
    expect((merged as typeof first).viewer).toBe('kept');
    // The cached page itself is not changed.
    expect(first.projects.edges).toHaveLength(2);
  });

  it('keeps the current rows when nothing more came', () => {
    const first = page(['1'], 'c1', false);
    expect(appendPage<'projects', { id: string }>('projects')(first, {})).toBe(first);
    expect(appendPage<'projects', { id: string }>('projects')(first, { fetchMoreResult: null })).toBe(first);
  });
});
