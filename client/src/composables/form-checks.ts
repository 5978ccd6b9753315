// Client checks of the forms' inputs, without Vue (tested in test/client/form-checks.test.ts):
// each gives the i18n key of its message, or null when the value passes.

// The server's pattern for baht (numeric(15,2), never negative).
const money = /^\d{1,13}(\.\d{1,2})?$/;

/** "1,234.50 " → "1234.50": people type thousands separators; the API wants plain digits. */
export const plainNumber = (value: string): string => value.replace(/[,\s]/g, '');

export const decimalCheck = (value: string): string | null => {
  const plain = plainNumber(value);
  if (!plain) return 'validation.required';
  return money.test(plain) ? null : 'validation.decimal';
};

export const integerCheck = (value: string): string | null => {
  const plain = plainNumber(value);
  if (!plain) return 'validation.required';
  return /^\d{1,9}$/.test(plain) ? null : 'validation.integer';
};

export const requiredCheck = (value: string): string | null => (value.trim() ? null : 'validation.required');

/** Empty optional text goes to the API as null. */
export const optional = (value: string): string | null => value.trim() || null;
