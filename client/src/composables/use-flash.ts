import { ref } from 'vue';

// A message carried over one navigation (e.g. "saved" shown on the list the form returns to).
const pending = ref('');

export const setFlash = (message: string): void => {
  pending.value = message;
};

/** Takes the pending message, if any; it is shown once. */
export const takeFlash = (): string => {
  const message = pending.value;
  pending.value = '';
  return message;
};
