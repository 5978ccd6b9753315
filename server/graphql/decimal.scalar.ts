import { GraphQLScalarType, Kind } from 'graphql';

const decimalPattern = /^-?\d{1,15}(\.\d{1,4})?$/;

const parse = (value: unknown): string => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !decimalPattern.test(text.trim())) {
    throw new TypeError('Decimal must be a number written as text, e.g. "12500.50"');
  }
  return text.trim();
};

/**
 * Exact decimal numbers (money in baht, areas) carried as strings so no float
 * rounding ever touches them; stored as Postgres `numeric`.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "125000.50" (baht). Never a float.',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) {
      return parse(ast.value);
    }
    throw new TypeError('Decimal must be a string or number literal');
  },
});

/** TypeORM transformer keeping numeric columns as strings (pg already returns strings). */
export const decimalTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => value,
};

/** An amount above 0 (a decimal string, read exactly: only whether a digit other than 0 is in it). */
export const isPositiveAmount = (amount: string | null | undefined): boolean =>
  amount != null && /[1-9]/.test(amount);
