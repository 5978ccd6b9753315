/**
 * Exact money sums: the API sends baht as decimal strings ("12500.50"); they are added as
 * whole satang (never parseFloat-then-add, which drifts), then written back as a decimal string.
 * No Vue here (tested in test/client/money.test.ts).
 */
export const satangOf = (value: string | null | undefined): number => {
  const text = (value ?? '').trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return 0;
  const [, sign, whole, fraction = ''] = match;
  // Two decimals are kept; a third (never sent for baht) rounds half up.
  const cents = Number((fraction + '00').slice(0, 2));
  const roundUp = Number(fraction[2] ?? '0') >= 5 ? 1 : 0;
  const satang = Number(whole || '0') * 100 + cents + roundUp;
  return sign === '-' ? -satang : satang;
};

/** Whole satang → a decimal string of baht with two decimals ("12500.50"). */
export const bahtOf = (satang: number): string => {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** The exact sum of decimal baht strings, as a decimal string. */
export const sumBaht = (values: readonly (string | null | undefined)[]): string =>
  bahtOf(values.reduce((sum, value) => sum + satangOf(value), 0));
