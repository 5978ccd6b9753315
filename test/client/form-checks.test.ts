import {
  decimalCheck,
  integerCheck,
  optional,
  plainNumber,
  requiredCheck,
} from '../../client/src/composables/form-checks';

describe('client checks of the form inputs', () => {
  it('takes amounts as people type them, thousands separators and spaces included', () => {
    expect(plainNumber(' 1,234,567.89 ')).toBe('1234567.89');
    expect(decimalCheck('1,234,567.89')).toBeNull();
    expect(decimalCheck('12500')).toBeNull();
    expect(decimalCheck('0.5')).toBeNull();
  });

  it('accepts what the API stores as baht: up to 13 digits and 2 decimals, never negative', () => {
    expect(decimalCheck('9,999,999,999,999.99')).toBeNull();
    expect(decimalCheck('10000000000000')).toBe('validation.decimal');
    expect(decimalCheck('1234.567')).toBe('validation.decimal');
    expect(decimalCheck('-1')).toBe('validation.decimal');
    expect(decimalCheck('.5')).toBe('validation.decimal');
    expect(decimalCheck('1e6')).toBe('validation.decimal');
    expect(decimalCheck('๑๒๓')).toBe('validation.decimal');
    expect(decimalCheck(' , ')).toBe('validation.required');
  });

  it('asks for whole numbers where a count is meant', () => {
    expect(integerCheck('1,250')).toBeNull();
    expect(integerCheck('0')).toBeNull();
    expect(integerCheck('12.5')).toBe('validation.integer');
    expect(integerCheck('1234567890')).toBe('validation.integer');
    expect(integerCheck('')).toBe('validation.required');
  });

  it('treats blank text as missing, and sends blank optional text as null', () => {
    expect(requiredCheck('  ')).toBe('validation.required');
    expect(requiredCheck(' อบต.บ้านใหม่ ')).toBeNull();
    expect(optional('   ')).toBeNull();
    expect(optional(' 02-123-4567 ')).toBe('02-123-4567');
  });
});
