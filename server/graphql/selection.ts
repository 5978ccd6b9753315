import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** The fields named `name` directly in a selection set, through inline fragments and fragment spreads. */
const fieldsIn = (set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): FieldNode[] =>
  (set?.selections ?? []).flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsIn(selection.selectionSet, name, info);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsIn(fragment.selectionSet, name, info) : [];
  });

/**
 * The field nodes selected at `path` below the field being resolved, e.g. `['edges', 'node',
 * 'report']` of a connection (aliases and fragments included; `@skip`/`@include` not read, so
 * a resolver may fetch ahead what is then not shown, never the reverse).
 */
export const selectedAt = (info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] =>
  path.reduce<FieldNode[]>(
    (nodes, name) => nodes.flatMap((node) => fieldsIn(node.selectionSet, name, info)),
    [...info.fieldNodes],
  );
