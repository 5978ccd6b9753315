import fc from 'fast-check';
import { bahtOf, satangOf, sumBaht } from '../../client/src/composables/use-money';

/** An amount as the API sends baht: numeric(15,2), up to 13 digits and 2 decimals. */
const apiAmount = fc
  .tuple(fc.bigInt({ min: 0n, max: 9_999_999_999_999n }), fc.integer({ min: 0, max: 99 }), fc.nat(2))
  .map(([whole, cents, decimals]) =>
    decimals === 0
      ? `${whole}`
      : decimals === 1
        ? `${whole}.${Math.floor(cents / 10)}`
        : `${whole}.${String(cents).padStart(2, '0')}`,
  );

/** The exact sum in whole-number arithmetic (BigInt), as a decimal string of baht. */
const exactSum = (values: readonly string[]): string => {
  const satang = values.reduce((sum, value) => {
    const [whole, fraction = ''] = value.split('.');
    return sum + BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  }, 0n);
  return `${satang / 100n}.${String(satang % 100n).padStart(2, '0')}`;
};

describe('exact baht sums', () => {
  it('reads decimal strings as whole satang, without the float error of parseFloat × 100', () => {
    // parseFloat('1234567.89') * 100 is 123456788.99999999.
    expect(satangOf('1234567.89')).toBe(123456789n);
    expect(satangOf('12500.5')).toBe(1250050n);
    expect(satangOf('12500')).toBe(1250000n);
    expect(satangOf('.05')).toBe(5n);
    expect(satangOf(' 12.30 ')).toBe(1230n);
    expect(satangOf('-0.75')).toBe(-75n);
    expect(satangOf('9999999999999.99')).toBe(999999999999999n);
  });

  it('rounds a third decimal half up, and counts a missing or unreadable amount as nothing', () => {
    expect(satangOf('1.005')).toBe(101n);
    expect(satangOf('1.0049')).toBe(100n);
    expect(satangOf('0.999')).toBe(100n);
    expect(satangOf('-1.005')).toBe(-101n);
    for (const nothing of [null, undefined, '', '-', '.', 'abc', '1e5', '12,500.00']) {
      expect(satangOf(nothing)).toBe(0n);
    }
  });

  it('writes satang back as baht with two decimals', () => {
    expect(bahtOf(123456789n)).toBe('1234567.89');
    expect(bahtOf(5n)).toBe('0.05');
    expect(bahtOf(1250050n)).toBe('12500.50');
    expect(bahtOf(0n)).toBe('0.00');
    expect(bahtOf(-5n)).toBe('-0.05');
    expect(bahtOf(-123456n)).toBe('-1234.56');
    expect(bahtOf(999999999999999n)).toBe('9999999999999.99');
  });

  it('sums amounts exactly, where adding floats drifts', () => {
    expect(sumBaht(['0.10', '0.20'])).toBe('0.30');
    expect(sumBaht(['1234567.89', '1234567.89', '1234567.89'])).toBe('3703703.67');
    expect(sumBaht([null, undefined, '100'])).toBe('100.00');
    expect(sumBaht([])).toBe('0.00');
    // Adding these as floats gives 80999999999999.94.
    const large = [...Array<string>(8).fill('9999999999999.99'), '1000000000000.01'];
    expect(sumBaht(large)).toBe('80999999999999.93');
  });

  it('stays exact beyond 2^53 satang (ten of the largest amounts and one satang)', () => {
    const ten = Array<string>(10).fill('9999999999999.99');
    expect(sumBaht([...ten, '0.01'])).toBe('99999999999999.91');
    expect(sumBaht([...ten, '0.03'])).toBe('99999999999999.93');
  });

  it('agrees with whole-number arithmetic for any amounts the API can send (up to thirty of the largest)', () => {
    fc.assert(
      fc.property(fc.array(apiAmount, { maxLength: 30 }), (values) => {
        expect(sumBaht(values)).toBe(exactSum(values));
      }),
    );
  });
});
