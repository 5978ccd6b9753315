import { useMutation } from '@vue/apollo-composable';
import type { TypedDocumentNode } from '@apollo/client/core';
import { useTemplateRef } from 'vue';
import type { LaoProfileFieldsFragment as LaoProfile } from '../graphql/generated';
import { useFormErrors } from './use-form-errors';

export * from './form-checks';

/**
 * Shared save flow of the three profile tabs: client checks, the mutation with the
 * version the form was loaded with, error capture; the saved Lao is handed back.
 */
export const useProfileForm = <Data, Input>(
  mutation: TypedDocumentNode<Data, { input: Input }>,
  pick: (data: Data) => LaoProfile,
  /** The tab's values by input name (a field's error goes when its value changes). */
  values?: () => Record<string, unknown>,
) => {
  const form = useTemplateRef<HTMLFormElement>('form');
  const errors = useFormErrors({ values });
  const { mutate, loading } = useMutation(mutation);

  const save = async (
    checks: Record<string, string | null>,
    input: () => Input,
  ): Promise<LaoProfile | null> => {
    if (!errors.check(checks)) {
      await errors.focusFirstInvalid(form.value);
      return null;
    }
    try {
      const result = await mutate({ input: input() } as { input: Input });
      return result?.data ? pick(result.data) : null;
    } catch (error) {
      errors.capture(error);
      await errors.focusFirstInvalid(form.value);
      return null;
    }
  };

  return { errors, saving: loading, save };
};
