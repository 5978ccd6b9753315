/** Values in PostgreSQL's COPY text format (tab-separated, \N for NULL). */

const special = /[\\\t\n\r]/;

export const NULL = '\\N';

export const text = (value: string | null | undefined): string => {
  if (value === null || value === undefined) return NULL;
  if (!special.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
};

const DAY = 86_400_000;
const dayPrefix = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** An instant (epoch milliseconds) as an ISO timestamp in UTC; millions of them, so the date part is cached. */
export const timestamp = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return NULL;
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY;
  const millis = rest % 1000;
  rest = (rest - millis) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${fraction}Z`;
};

/** An exact amount with two decimals from an integer number of hundredths (satang, score points). */
export const hundredths = (value: number): string => {
  const whole = Math.floor(value / 100);
  const cents = value - whole * 100;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
};

export const array = (values: readonly (string | number)[]): string => `{${values.join(',')}}`;

export const line = (fields: string[]): string => `${fields.join('\t')}\n`;
