/**
 * Exact money sums: the API sends baht as decimal strings ("12500.50"); they are added as
 * whole satang in BigInt (never parseFloat-then-add, which drifts; and plain numbers stop being
 * exact above 2^53 satang, about 90 trillion baht), then written back as a decimal string.
 * No Vue here (tested in test/client/money.test.ts).
 */
export const satangOf = (value: string | null | undefined): bigint => {
  const text = (value ?? '').trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return 0n;
  const [, sign, whole, fraction = ''] = match;
  // Two decimals are kept; a third (never sent for baht) rounds half up.
  const cents = BigInt((fraction + '00').slice(0, 2));
  const roundUp = Number(fraction[2] ?? '0') >= 5 ? 1n : 0n;
  const satang = BigInt(whole || '0') * 100n + cents + roundUp;
  return sign === '-' ? -satang : satang;
};

/** Whole satang → a decimal string of baht with two decimals ("12500.50"). */
export const bahtOf = (satang: bigint): string => {
  const sign = satang < 0n ? '-' : '';
  const abs = satang < 0n ? -satang : satang;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
};

/** The exact sum of decimal baht strings, as a decimal string. */
export const sumBaht = (values: readonly (string | null | undefined)[]): string =>
  bahtOf(values.reduce((sum, value) => sum + satangOf(value), 0n));
