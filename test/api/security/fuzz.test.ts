import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import http from 'node:http';
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext, runInThisContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import jwt from 'jsonwebtoken';
import { type ApiLimits, defaultApiLimits } from '../../../server/config';
import { ErrorCode } from '../../../server/errors/error-codes';
import { buildAppSchema } from '../../../server/schema';
import { createWorld } from '../../factories';
import { captureLogs } from '../../helpers/log-capture';
import { testReport } from '../../helpers/report';
import { partnerClient, signIn } from '../../helpers/sign-in';
import { startTestServer, type TestServer } from '../../helpers/test-server';

/*
 * Fuzz test of /graphql (issue: "at least 10,000 generated bad requests → no 5xx, no crash, no
 * unhandled rejection, every error with a code, memory stable afterwards").
 *
 * fast-check generates the requests from the real schema with fixed seeds, so every run sends the
 * same ones (FUZZ_SEED=n explores others; FUZZ_HALF=n changes how many; FUZZ_DUMP=file writes every
 * violation with its whole request). Each violation kind is printed with the first request that
 * caused it. The server runs in this process (startTestServer), so its crashes are ours to catch.
 *
 * By default: 2 × 5,000 generated requests with the per-caller budgets off, 4 bodies over 5 MB,
 * then 400 more (and 200 valid reads) against a second instance with small budgets: 10,604.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 0x2568_1d);
/** Generated requests in each half of the main phase (budgets off). */
const HALF = Number(process.env.FUZZ_HALF ?? 5_000);
/** Generated requests of the phase with small budgets on. */
const BUDGET_PHASE = 400;
const CONCURRENCY = 16;
/** Each part takes 5–30 s here (2 cores); a slower machine gets room. */
const PART_TIMEOUT = 180_000;
/**
 * Heap growth (after forced GCs) from the end of the first half to the end of the second. New
 * documents fill bounded caches (Apollo's LRU of parsed documents, about 30 MiB; the shared cache of
 * anonymous reads): about 30 MB here. Replaying the first half's requests instead grew it by under
 * 1 MB, so this catches a leak of about 20 kB per request or more.
 */
const HEAP_GROWTH_LIMIT = 100 * 1024 * 1024;

type Auth = 'anonymous' | 'central' | 'partner' | 'bogus';

/** A body too large to keep around: built when sent. */
type Oversized = { oversized: true; bytes: number; chunked: boolean };

type FuzzRequest = {
  kind: string;
  auth: Auth;
  /** Which of the bogus Authorization headers (when auth is 'bogus'). */
  bogus: number;
  method: string;
  path: string;
  /** Query string including '?', or ''. */
  search: string;
  headers: Record<string, string>;
  body: string | Uint8Array | Oversized | null;
};

// ---------------------------------------------------------------------------------------------
// Values

/** Marks an enum value: printed bare in a document, as a string in variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

/** A reference to a variable nobody declared (in a document); `"$name"` in variables. */
class VarRef {
  constructor(readonly name: string) {}
  toJSON(): string {
    return `$${this.name}`;
  }
}

/** Lone surrogates: JSON carries them, a GraphQL string literal may not (`"\\ud800"` is a syntax error). */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A value as a GraphQL literal; `wellFormed` replaces lone surrogates so that the document parses. */
const printLiteral = (value: unknown, wellFormed = false): string => {
  const print = (inner: unknown) => printLiteral(inner, wellFormed);
  if (value instanceof EnumValue) return value.name;
  if (value instanceof VarRef) return `$${value.name}`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(wellFormed ? value.replace(loneSurrogate, '\ufffd') : value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1e999';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(print).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${key}: ${print(inner)}`)
    .join(', ')}}`;
};

/** Characters that break naive code: NUL and other controls, surrogates, RTL and zero-width marks, quotes. */
const nastyPieces = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2028',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\ud800',
  '\udfff',
  '\n',
  '\r\n',
  '\t',
  '💥',
  '🇹🇭',
  '👨‍👩‍👧‍👦',
  '🙏🏽',
  'ดินทอง',
  'องค์การบริหารส่วนตำบล',
  'กรุงเทพมหานคร',
  '๒๕๖๘',
  'ก่ี้๊๋',
  'ฯลฯ',
  'Ａ',
  'ǅ',
  'ß',
  'İ',
  '%',
  '_',
  '\\',
  "'",
  '"',
  '`',
  '--',
  ';',
  '/*',
  '${x}',
  '{{x}}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  'NULL',
  'undefined',
  '__proto__',
  'constructor',
  '0x00',
  '1e999',
  '-0',
);

const fuzzyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 4, arbitrary: fc.string({ unit: nastyPieces, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', 'ดินทอง', 'พิษณุโลก', '5650802', 'nacc.central', 'a'.repeat(501)),
  },
);

/** 1 kB to 1 MB (mostly small) of one repeated piece: Thai, emoji, NUL, plain. */
const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('ก', 'ดินทอง', '💥', '\u0000', 'a', '\ud800', '%_', '"\\'),
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1_000, max: 20_000 }) },
      { weight: 3, arbitrary: fc.integer({ min: 20_000, max: 200_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 200_000, max: 1_000_000 }) },
    ),
  )
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

const identifier = fc.stringMatching(/^[_a-zA-Z][_a-zA-Z0-9]{0,12}$/);
/** Mostly names GraphQL accepts; sometimes Thai, emoji or punctuation (syntax errors). */
const fieldName = fc.oneof(
  { weight: 6, arbitrary: identifier },
  { weight: 1, arbitrary: fc.constantFrom('ชื่อ', 'x💥', '1abc', 'a-b', '__schema', '__type', 'constructor') },
);

const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Opaque cursors: garbage, and keyset cursors (base64url of a JSON list of strings) with odd keys. */
const cursor = fc.oneof(
  fuzzyString,
  fuzzyString.map(base64url),
  fc.nat().map((n) => base64url(String(n))),
  fc.constantFrom('1', '-1', '0', '9'.repeat(30), '1e5', 'NaN', "1' OR '1'='1").map(base64url),
  fc.uuid().map(base64url),
  fc
    .array(fc.oneof(fuzzyString, fc.uuid(), fc.nat().map(String), fc.date().map(String)), { maxLength: 3 })
    .map((keys) => base64url(JSON.stringify(keys))),
  fc
    .tuple(fc.date({ noInvalidDate: true }), fc.integer())
    .map(([date, id]) => base64url(JSON.stringify([date.toISOString(), String(id)]))),
);

const csvText = fc
  .array(
    fc.array(fc.oneof(fuzzyString, fc.constantFrom('5650802', 'อบต.ดินทอง', '2568', '1,000.50')), {
      maxLength: 6,
    }),
    { maxLength: 6 },
  )
  .map((rows) =>
    [['รหัส อปท.', 'ชื่อ', 'ประเภท', 'อำเภอ', 'จังหวัด'], ...rows].map((row) => row.join(',')).join('\n'),
  );

const fileContent = fc.oneof(
  csvText.map(base64),
  fc.uint8Array({ maxLength: 300 }).map(base64),
  // The start of a ZIP (an .xlsx is one) followed by garbage.
  fc
    .uint8Array({ maxLength: 200 })
    .map((bytes) => base64(Buffer.concat([Buffer.from('PK\u0003\u0004'), bytes]))),
  fuzzyString,
  fc.constantFrom('', '====', 'not base64!', base64('')),
);

const fileName = fc.oneof(
  fc.constantFrom('laos.csv', 'projects.xlsx', 'แผน.CSV', 'x.xls', 'x.pdf', '', '.csv', 'a/../../b.csv'),
  fuzzyString,
);

const dateTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    '2025-01-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '2025-01-01',
    '1700000000',
    '',
  ),
  fuzzyString,
);

/** 32-bit integers, mostly small or fiscal years (พ.ศ.). */
const cleanInt = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 600 }) },
  { weight: 3, arbitrary: fc.constantFrom(2560, 2565, 2566, 2567, 2568, 2569, 2570, 2600, 1000, 0, -1) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(2147483647, -2147483648) },
);

/** Also numbers GraphQL's Int refuses. */
const intValue = fc.oneof(
  { weight: 8, arbitrary: cleanInt },
  { weight: 1, arbitrary: fc.constantFrom(2147483648, -2147483649, 1.5, 1e21) },
);

const idValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('65', '54', '6508', '5401', '1', '2', '0', '-1', '999999999') },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.nat().map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1000000000', '1e3', ' 65', '65 ', '๖๕', '0x41', '') },
  { weight: 2, arbitrary: fuzzyString },
  { weight: 1, arbitrary: fc.integer() },
);

const decimalValue = fc.oneof(
  fc.double().map(String),
  fc.constantFrom('0', '1.00', '-1', '1e309', 'NaN', 'Infinity', '0.001', '99999999999999999999.99', '๑๒๓'),
  fc.double(),
  fuzzyString,
);

/** Values of the right type, odd as they may be: these reach the resolvers. */
const cleanScalars = {
  Int: cleanInt,
  Float: fc.double({ noNaN: true, noDefaultInfinity: true }),
  DateTimeISO: fc.oneof(
    fc
      .date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') })
      .map((date) => date.toISOString()),
    fc.constantFrom('2025-01-01T00:00:00Z', '1970-01-01T00:00:00.000Z', '2999-12-31T23:59:59.999Z'),
  ),
  Decimal: fc.oneof(
    fc
      .tuple(fc.integer({ min: -1_000_000, max: 100_000_000 }), fc.nat(9999))
      .map(([whole, fraction]) => `${whole}.${fraction}`),
    fc.constantFrom('0', '-0', '0.0001', '-1', '999999999999999.9999', '-999999999999999', '100000000000000'),
  ),
};

/** Anything at all, in any position: the wrong type for most arguments. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fuzzyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fuzzyString, fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(identifier, fc.oneof(fc.integer(), fuzzyString), { maxKeys: 3 }),
  fc.constantFrom(2147483648, -2147483649, 1.5, 1e300, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom('TRUE', 'NULL', 'SAO', 'PASSED', 'LAO', 'ROUND_1').map((name) => new EnumValue(name)),
  fc.constant(new VarRef('undeclared')),
);

// ---------------------------------------------------------------------------------------------
// Documents from the schema

type ArgPlan = {
  name: string;
  mode: 'literal' | 'variable' | 'omit';
  value: unknown;
  declared: string;
  /** Whether the variable gets a value (`absent`: not sent at all). */
  provide: 'value' | 'absent' | 'wrong';
  wrong: unknown;
};

type RootCall = { alias: string | null; field: string; args: ArgPlan[]; selection: string };

type Operation = { query: string; variables: Record<string, unknown>; operationName?: string };

const typeText = (type: GraphQLInputType): string => String(type);

/**
 * Operations on the real schema's root fields. `clean`: every value of the right type (odd strings,
 * IDs, numbers, dates; huge ones with `huge`) so that they pass validation and reach the resolvers;
 * otherwise anything may also be wrong: types, missing and unknown arguments and fields, names.
 */
const makeSchemaFuzzer = (schema: GraphQLSchema, clean: boolean) => {
  const valueMemo = new Map<string, fc.Arbitrary<unknown>>();
  const selectionMemo = new Map<string, fc.Arbitrary<string>>();
  const fieldMemo = new Map<string, fc.Arbitrary<string>>();
  /** The weight of a deliberate mistake: none in clean documents. */
  const mistake = (weight: number) => (clean ? 0 : weight);
  const maybeWrong = <T>(arbitrary: fc.Arbitrary<T>, freq: number): fc.Arbitrary<T | null> =>
    clean ? fc.constant(null) : fc.option(arbitrary, { freq, nil: null });
  const literal = (value: unknown) => printLiteral(value, clean);

  const scalarValue = (name: string, argName: string, huge: boolean): fc.Arbitrary<unknown> => {
    if (argName === 'after' || argName === 'before') return cursor;
    if (argName === 'contentBase64') return fileContent;
    if (argName === 'fileName') return fileName;
    switch (name) {
      case 'Int':
        return clean ? cleanScalars.Int : intValue;
      case 'Float':
        return clean ? cleanScalars.Float : fc.double();
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return huge ? hugeString : idValue;
      case 'DateTimeISO':
        return clean ? cleanScalars.DateTimeISO : dateTime;
      case 'Decimal':
        return clean ? cleanScalars.Decimal : decimalValue;
      default:
        return huge ? hugeString : fuzzyString;
    }
  };

  /** A value of an input type: right (odd, maybe huge) in clean documents, else sometimes wrong at any level. */
  const valueOf = (
    type: GraphQLInputType,
    argName: string,
    huge = false,
    level = 0,
  ): fc.Arbitrary<unknown> => {
    const key = `${typeText(type)}|${argName}|${huge}|${level}`;
    const known = valueMemo.get(key);
    if (known) return known;
    let right: fc.Arbitrary<unknown>;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const item = valueOf(inner.ofType, argName, false, level + 1);
      right = huge
        ? fc
            .tuple(item, fc.integer({ min: 1_000, max: 30_000 }))
            .map(([one, length]) => Array.from({ length }, () => one))
        : fc.array(item, { maxLength: 4 });
    } else if (isEnumType(inner)) {
      right = fc.constantFrom(...inner.getValues().map((value) => new EnumValue(value.name)));
    } else if (isInputObjectType(inner)) {
      if (level > 4) {
        right = fc.constant({});
      } else {
        const fields = Object.values(inner.getFields());
        const model = Object.fromEntries(
          fields.map((field) => [field.name, valueOf(field.type, field.name, huge, level + 1)]),
        );
        const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
        right = fc
          .tuple(
            fc.oneof(
              { weight: 8, arbitrary: fc.record(model, { requiredKeys: required }) },
              { weight: mistake(1), arbitrary: fc.record(model, { requiredKeys: [] }) },
            ),
            maybeWrong(fc.dictionary(identifier, wrongValue, { minKeys: 1, maxKeys: 2 }), 8),
          )
          .map(([record, extra]) => ({ ...record, ...(extra ?? {}) }));
      }
    } else {
      right = scalarValue(inner.name, argName, huge);
    }
    const arbitrary = fc.oneof(
      { weight: 14, arbitrary: right },
      { weight: mistake(1), arbitrary: wrongValue },
      { weight: isNonNullType(type) ? mistake(1) : 2, arbitrary: fc.constant(null) },
    );
    valueMemo.set(key, arbitrary);
    return arbitrary;
  };

  /** Literal arguments of a nested field, e.g. `(first: 5, after: "…")`. */
  const literalArgs = (args: readonly GraphQLArgument[]): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.tuple(
          ...args.map((arg) =>
            fc.oneof(
              {
                weight: 8,
                arbitrary: valueOf(arg.type, arg.name).map((v) => `${arg.name}: ${literal(v)}`),
              },
              {
                weight: isNonNullType(arg.type) && arg.defaultValue === undefined ? mistake(1) : 8,
                arbitrary: fc.constant(''),
              },
            ),
          ),
        ),
        maybeWrong(fc.tuple(identifier, wrongValue), 15),
      )
      .map(([parts, extra]) => {
        const all = parts.filter(Boolean);
        if (extra) all.push(`${extra[0]}: ${literal(extra[1])}`);
        return all.length > 0 ? `(${all.join(', ')})` : '';
      });

  // Clean documents take aliases that never collide (two fields of one name must agree).
  const alias = clean
    ? fc.option(
        fc.noBias(fc.nat()).map((n) => `a${n}`),
        { freq: 6, nil: null },
      )
    : fc.option(fc.oneof(identifier, fc.constantFrom('a', 'b', '__typename', 'id', 'ชื่อ')), {
        freq: 6,
        nil: null,
      });

  const fieldSelection = (
    parent: GraphQLNamedType,
    field: GraphQLField<unknown, unknown>,
    depth: number,
  ): fc.Arbitrary<string> => {
    const key = `${parent.name}.${field.name}|${depth}`;
    const known = fieldMemo.get(key);
    if (known) return known;
    const named = getNamedType(field.type);
    let sub: fc.Arbitrary<string>;
    if (isLeafType(named)) {
      sub = fc.oneof(
        { weight: 40, arbitrary: fc.constant('') },
        { weight: mistake(1), arbitrary: fc.constant(' { id }') },
      );
    } else if (depth <= 0) {
      sub = fc.oneof(
        { weight: 6, arbitrary: fc.constant(' { __typename }') },
        { weight: mistake(1), arbitrary: fc.constant('') },
      );
    } else {
      sub = fc.oneof(
        { weight: 25, arbitrary: selectionOf(named, depth - 1).map((s) => ` ${s}`) },
        { weight: mistake(1), arbitrary: fc.constant('') },
      );
    }
    const arbitrary = fc
      .tuple(alias, literalArgs(field.args), sub)
      .map(([name, args, selection]) => `${name ? `${name}: ` : ''}${field.name}${args}${selection}`);
    fieldMemo.set(key, arbitrary);
    return arbitrary;
  };

  /** A selection set on a type, at most `depth` levels below it. */
  const selectionOf = (type: GraphQLNamedType, depth: number): fc.Arbitrary<string> => {
    const key = `${type.name}|${depth}`;
    const known = selectionMemo.get(key);
    if (known) return known;
    let item: fc.Arbitrary<string>;
    if (isUnionType(type)) {
      item = fc.oneof(
        fc.constant('__typename'),
        ...type
          .getTypes()
          .map((member) => selectionOf(member, depth).map((s) => `... on ${member.name} ${s}`)),
      );
    } else if (isObjectType(type) || isInterfaceType(type)) {
      const fields = Object.values(type.getFields()).map((field) => fieldSelection(type, field, depth));
      item = fc.oneof(
        { weight: 30, arbitrary: fc.oneof(...fields) },
        { weight: 2, arbitrary: fc.constant('__typename') },
        { weight: 1, arbitrary: fc.constant(`... on ${type.name} { __typename }`) },
        { weight: mistake(2), arbitrary: fieldName },
        { weight: mistake(1), arbitrary: fc.constant('... on Bogus { id }') },
        { weight: mistake(1), arbitrary: fc.constant('...Undefined') },
        { weight: mistake(1), arbitrary: fc.constant('__typename @skip(if: true) @bogus') },
      );
    } else {
      item = fc.constant('__typename');
    }
    const arbitrary = fc.oneof(
      {
        weight: 40,
        arbitrary: fc.array(item, { minLength: 1, maxLength: 5 }).map((items) => `{ ${items.join(' ')} }`),
      },
      { weight: mistake(1), arbitrary: fc.constant('{ }') },
    );
    selectionMemo.set(key, arbitrary);
    return arbitrary;
  };

  const argPlan = (arg: GraphQLArgument, huge: boolean): fc.Arbitrary<ArgPlan> =>
    fc.record({
      name: fc.constant(arg.name),
      mode: fc.oneof(
        { weight: 6, arbitrary: fc.constant('literal' as const) },
        { weight: huge ? 40 : 5, arbitrary: fc.constant('variable' as const) },
        {
          weight: isNonNullType(arg.type) && arg.defaultValue === undefined ? mistake(1) : 5,
          arbitrary: fc.constant('omit' as const),
        },
      ),
      value: valueOf(arg.type, arg.name, huge),
      declared: fc.oneof(
        { weight: 20, arbitrary: fc.constant(typeText(arg.type)) },
        {
          weight: mistake(1),
          arbitrary: fc.constantFrom('String', 'Int!', '[ID]', 'Bogus', 'LoginInput', '[[String!]!]'),
        },
      ),
      provide: fc.oneof(
        { weight: 12, arbitrary: fc.constant('value' as const) },
        { weight: mistake(1), arbitrary: fc.constant('absent' as const) },
        { weight: mistake(1), arbitrary: fc.constant('wrong' as const) },
      ),
      wrong: wrongValue,
    });

  type Call = RootCall & { extraArg: [string, unknown] | null };

  const callsOf = (root: GraphQLObjectType | null | undefined, huge: boolean): fc.Arbitrary<Call>[] =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const named = getNamedType(field.type);
      const selection = isLeafType(named)
        ? fc.oneof(
            { weight: 20, arbitrary: fc.constant('') },
            { weight: mistake(1), arbitrary: fc.constant('{ id }') },
          )
        : fc.oneof(
            { weight: 6, arbitrary: selectionOf(named, 1) },
            { weight: 4, arbitrary: selectionOf(named, 2) },
            { weight: 2, arbitrary: selectionOf(named, 3) },
            { weight: mistake(1), arbitrary: selectionOf(named, 13) },
            { weight: mistake(1), arbitrary: fc.constant('') },
          );
      return fc.record({
        alias,
        field: fc.constant(field.name),
        args: fc.tuple(...field.args.map((arg) => argPlan(arg, huge))),
        selection,
        extraArg: maybeWrong(fc.tuple(identifier, wrongValue), 20),
      });
    });

  const printCall = (
    call: Call,
    prefix: string,
    defs: string[],
    variables: Record<string, unknown>,
  ): string => {
    const parts: string[] = [];
    call.args.forEach((arg, index) => {
      if (arg.mode === 'omit') return;
      if (arg.mode === 'literal') {
        parts.push(`${arg.name}: ${literal(arg.value)}`);
        return;
      }
      const name = `${prefix}${index}`;
      defs.push(`$${name}: ${arg.declared}`);
      parts.push(`${arg.name}: $${name}`);
      if (arg.provide === 'value') variables[name] = arg.value;
      if (arg.provide === 'wrong') variables[name] = arg.wrong;
    });
    if (call.extraArg) parts.push(`${call.extraArg[0]}: ${literal(call.extraArg[1])}`);
    const args = parts.length > 0 ? `(${parts.join(', ')})` : '';
    return `${call.alias ? `${call.alias}: ` : ''}${call.field}${args} ${call.selection}`;
  };

  /** A whole operation: one to three root fields of one root type, variables, a keyword (maybe wrong). */
  const operation = (huge = false): fc.Arbitrary<Operation> => {
    const byRoot = [
      { mutation: false, calls: callsOf(schema.getQueryType(), huge) },
      { mutation: true, calls: callsOf(schema.getMutationType(), huge) },
    ];
    // Each root field about as likely as any other, whichever root it is on.
    const calls = fc.oneof(
      ...byRoot.map(({ mutation, calls: fields }) => ({
        weight: fields.length,
        arbitrary: fc
          .oneof(
            { weight: 8, arbitrary: fc.array(fc.oneof(...fields), { minLength: 1, maxLength: 1 }) },
            { weight: 1, arbitrary: fc.array(fc.oneof(...fields), { minLength: 2, maxLength: 3 }) },
          )
          .map((list) => ({ mutation, list })),
      })),
    );
    return fc
      .record({
        calls,
        keyword: fc.oneof(
          { weight: 30, arbitrary: fc.constant('right') },
          {
            weight: mistake(1),
            arbitrary: fc.constantFrom('subscription', 'mutation', 'query', 'fragment', 'QUERY'),
          },
        ),
        name: fc.option(clean ? identifier : fc.oneof(identifier, fc.constantFrom('ชื่อคำสั่ง', 'Op💥')), {
          freq: 3,
          nil: undefined,
        }),
        operationName: fc.oneof(
          { weight: 20, arbitrary: fc.constant('same') },
          { weight: mistake(1), arbitrary: fc.oneof(fuzzyString, fc.constant(null)) },
        ),
        extraVariables: fc.option(fc.dictionary(identifier, wrongValue, { maxKeys: 3 }), { freq: 10 }),
      })
      .map(({ calls: { mutation, list }, keyword, name, operationName, extraVariables }) => {
        const defs: string[] = [];
        const variables: Record<string, unknown> = { ...(extraVariables ?? {}) };
        const body = list.map((call, index) => printCall(call, `v${index}_`, defs, variables)).join('\n  ');
        const opKeyword = keyword === 'right' ? (mutation ? 'mutation' : 'query') : keyword;
        const head =
          !mutation && keyword === 'right' && !name && defs.length === 0
            ? ''
            : `${opKeyword}${name ? ` ${name}` : ''}${defs.length > 0 ? `(${defs.join(', ')})` : ''} `;
        const query = `${head}{\n  ${body}\n}`;
        const op: Operation = { query, variables };
        if (operationName !== 'same') op.operationName = operationName as string;
        else if (name) op.operationName = name;
        return op;
      });
  };

  return { operation };
};

// ---------------------------------------------------------------------------------------------
// Documents that aim at the limits

/** `__type { fields { type { fields { type … } } } }`: as deep as asked (introspection is cyclic). */
const deepIntrospection = fc
  .tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('Lao', 'Query', 'Project', 'Plan', 'Nope'))
  .map(([levels, typeName]) => {
    let inner = 'name';
    for (let i = 0; i < levels; i += 1) inner = i % 2 === 0 ? `type { ${inner} }` : `fields { ${inner} }`;
    return `{ __type(name: "${typeName}") { fields { ${inner} } } }`;
  });

/**
 * A path down the schema's object fields that need no argument (e.g. `viewer { lao { province {
 * districts … } } }`), as deep as its cycles allow, many levels past the depth limit.
 */
const deepSchemaPath = (schema: GraphQLSchema) =>
  fc
    .tuple(fc.integer({ min: 6, max: 24 }), fc.array(fc.nat(), { minLength: 24, maxLength: 24 }))
    .map(([levels, choices]) => {
      const path: string[] = [];
      let type: GraphQLNamedType | null | undefined = schema.getQueryType();
      for (let level = 0; level < levels && (isObjectType(type) || isInterfaceType(type)); level += 1) {
        const fields: GraphQLField<unknown, unknown>[] = Object.values(type.getFields()).filter(
          (field) =>
            !isLeafType(getNamedType(field.type)) &&
            field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined),
        );
        if (fields.length === 0) break;
        const field: GraphQLField<unknown, unknown> = fields[choices[level] % fields.length];
        path.push(field.name);
        type = getNamedType(field.type);
      }
      return `{ ${path.reduceRight((inner, name) => `${name} { ${inner} }`, '__typename')} }`;
    });

/** Many aliases of cheap and dearer fields. */
const manyAliases = fc
  .tuple(
    fc.integer({ min: 1, max: 90 }),
    fc.constantFrom(
      '__typename',
      'provinces { id }',
      'publicLaoSearch(first: 1) { totalCount }',
      'planCycles { id }',
      'viewer { mustCompleteProfile }',
      '__schema { queryType { name } }',
    ),
  )
  .map(([count, field]) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`);

/** Many tokens (the limit is 2,000). */
const manyTokens = fc
  .tuple(fc.integer({ min: 500, max: 6_000 }), fc.constantFrom('__typename', '1,', 'x'))
  .map(([count, token]) =>
    token === '__typename'
      ? `{ ${'__typename '.repeat(count)}}`
      : token === '1,'
        ? `{ provinces(ids: [${'1,'.repeat(count)}]) { id } }`
        : `{ ${'x { '.repeat(count)}${'}'.repeat(count)} }`,
  );

/** Fragments that spread each other twice per level: exponential when expanded, and cycles. */
const fragmentBomb = fc.tuple(fc.integer({ min: 2, max: 24 }), fc.boolean()).map(([levels, cyclic]) => {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on __Type { name ${cyclic ? '...F0' : ''} }`
      : `fragment F${i} on __Type { ofType { ...F${i + 1} } fields { type { ...F${i + 1} } } name }`,
  );
  return `{ __type(name: "Lao") { ...F0 } }\n${fragments.join('\n')}`;
});

/** Raw query text: junk, Thai, controls, unterminated strings and blocks, directives, subscriptions. */
const rawQueryText = fc.oneof(
  fuzzyString,
  fc.string({ unit: nastyPieces, maxLength: 30 }),
  fc.constantFrom(
    '{',
    '}',
    '{ __typename',
    '{ "unterminated }',
    '{ """block',
    'query { __typename } query { __typename }',
    'query A { __typename } query A { __typename }',
    'subscription { __typename }',
    '{ __typename @include }',
    '{ __typename @deprecated }',
    '{ lao(code: "\u0000") { id } }',
    '{ lao(code: """\u0000\u0001""") { id } }',
    `{ lao(code: "\\u0000") { id } }`,
    `{ lao(code: "\\ud800") { id } }`,
    `{ publicLaoSearch(search: "%") { totalCount } }`,
    `{ publicLaoSearch(search: "\\u0000") { totalCount } }`,
    `{ publicLaoSearch(search: "${'_'.repeat(400)}") { totalCount } }`,
    '{ __schema { types { name fields { name } } } }',
    '# only a comment',
    '\ufeff{ __typename }',
    '{ __typename }\u0000',
    'mutation { logout }',
    '{ viewer { ... on Viewer { mustCompleteProfile } } }',
    'fragment A on Query { __typename }',
    '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
    '{ __type(name: "Query") { name } __type(name: "Mutation") { name } }',
    '{ a: __typename a: provinces { id } }',
    '{ lao(id: 1, id: 2) { id } }',
  ),
);

// ---------------------------------------------------------------------------------------------
// Requests

const auth = fc.oneof(
  { weight: 35, arbitrary: fc.constant<Auth>('anonymous') },
  { weight: 30, arbitrary: fc.constant<Auth>('central') },
  { weight: 20, arbitrary: fc.constant<Auth>('partner') },
  { weight: 15, arbitrary: fc.constant<Auth>('bogus') },
);

const json = { 'content-type': 'application/json' };

const post = (kind: string, body: string | Uint8Array | null, headers: Record<string, string> = json) =>
  fc.tuple(auth, fc.nat()).map(([who, bogus]): FuzzRequest => ({
    kind,
    auth: who,
    bogus,
    method: 'POST',
    path: '/graphql',
    search: '',
    headers,
    body,
  }));

/** How deep JSON nests: JSON.stringify overflows the stack somewhere past a few thousand levels. */
const deepJson = fc.oneof(fc.integer({ min: 10, max: 2_000 }), fc.integer({ min: 2_000, max: 50_000 }));

const makeRequests = (schema: GraphQLSchema) => {
  const fuzzer = makeSchemaFuzzer(schema, false);
  const cleanFuzzer = makeSchemaFuzzer(schema, true);
  const operationBody = fuzzer.operation().map((op) => JSON.stringify(op));
  const simpleBody = (query: fc.Arbitrary<string>) => query.map((q) => JSON.stringify({ query: q }));

  const schemaOperation = operationBody.chain((body) => post('schema operation', body));
  const cleanOperation = cleanFuzzer
    .operation()
    .map((op) => JSON.stringify(op))
    .chain((body) => post('well-typed operation', body));
  const huge = cleanFuzzer
    .operation(true)
    .map((op) => JSON.stringify(op))
    .chain((body) => post('huge strings and lists', body));
  const limits = fc
    .oneof(
      deepIntrospection.map((q) => ['deep nesting', q] as const),
      deepSchemaPath(schema).map((q) => ['deep nesting', q] as const),
      manyAliases.map((q) => ['many aliases', q] as const),
      manyTokens.map((q) => ['many tokens', q] as const),
      fragmentBomb.map((q) => ['fragment bomb', q] as const),
    )
    .chain(([kind, query]) => post(kind, JSON.stringify({ query })));
  const raw = simpleBody(rawQueryText).chain((body) => post('raw query text', body));

  const batched = fc
    .oneof(
      fc.array(fuzzer.operation(), { minLength: 0, maxLength: 12 }).map((ops) => JSON.stringify(ops)),
      fc
        .array(fc.oneof(fc.constant(null), fc.constant(1), fuzzyString), { maxLength: 5 })
        .map((items) => JSON.stringify(items)),
      fc.integer({ min: 1, max: 500 }).map((n) => JSON.stringify(Array(n).fill({ query: '{ __typename }' }))),
    )
    .chain((body) => post('batched', body));

  const malformedJson = fc
    .oneof(
      fc.tuple(operationBody, fc.nat()).map(([body, cut]) => body.slice(0, cut % Math.max(1, body.length))),
      fc
        .tuple(operationBody, fc.nat(), fuzzyString)
        .map(([body, at, junk]) => body.slice(0, at % body.length) + junk + body.slice(at % body.length)),
      operationBody.map((body) => body.replace(/"/g, "'")),
      operationBody.map((body) => body.replace(/}$/, ',}')),
      operationBody.map((body) => body.replace(/:/, '=')),
      fuzzyString,
      fc.constantFrom(
        '',
        ' ',
        'null',
        'true',
        '0',
        '-1',
        '"query"',
        '[]',
        '{}',
        '[null]',
        '{"query":null}',
        '{"query":{}}',
        '{"query":["{ __typename }"]}',
        '{"query":1e999}',
        'NaN',
        '{"query":"{ __typename }"}garbage',
        '\ufeff{"query":"{ __typename }"}',
        '{"query":"\\ud800"}',
        '{"query":"{ __typename }","query":"mutation { logout }"}',
        '{"__proto__":{"query":"{ __typename }"}}',
        '{"query":"{ __typename }","variables":{"__proto__":{"polluted":1}}}',
        '{"query":"{ __typename }","variables":{"constructor":{"prototype":{"polluted":1}}}}',
        '{"query":"{ __typename }","operationName":{"toString":1}}',
        '{"query":"{ __typename }","extensions":"x"}',
        '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        '{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"abc"}}}',
        '{"query":"{ __typename }","variables":"{}"}',
        '{"query":"{ __typename }","variables":[1,2]}',
        '{"query":"{ __typename }","variables":null,"operationName":null,"extensions":null}',
      ),
      // Deep nesting: in the body itself, and inside variables of a valid query.
      deepJson.map((n) => `{"query":"{ __typename }","variables":{"a":${'['.repeat(n)}${']'.repeat(n)}}}`),
      deepJson.map(
        (n) =>
          `{"query":"query($a: [String]) { publicLaoSearch(search: $a) { totalCount } }","variables":{"a":${'['.repeat(n)}${']'.repeat(n)}}}`,
      ),
      deepJson.map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      deepJson.map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
      deepJson.map((n) => '['.repeat(n)),
    )
    .chain((body) => post('malformed JSON', body));

  const contentTypes = fc.constantFrom(
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----fuzz',
    'application/graphql',
    'application/xml',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'application/json; charset=bogus',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json ; charset="UTF-8"',
    'application/vnd.api+json',
    'application/graphql-response+json',
    'image/png',
    '*/*',
    'application/json, text/plain',
    '',
    'none',
  );
  const wrongContentType = fc
    .tuple(
      fc.oneof(operationBody, simpleBody(rawQueryText)),
      contentTypes,
      fc.option(
        fc.constantFrom<Record<string, string>>(
          { 'apollo-require-preflight': 'true' },
          { 'x-apollo-operation-name': 'Fuzz' },
        ),
        { freq: 3, nil: undefined },
      ),
    )
    .chain(([body, type, csrf]) => {
      let sent: string | Uint8Array = body;
      if (type === 'application/x-www-form-urlencoded') {
        sent = new URLSearchParams({ query: (JSON.parse(body) as { query: string }).query }).toString();
      } else if (type.startsWith('multipart/')) {
        sent = `------fuzz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${body}\r\n------fuzz--\r\n`;
      } else if (type === 'application/graphql') {
        sent = (JSON.parse(body) as { query: string }).query;
      } else if (type === 'application/json; charset=utf-16') {
        sent = Buffer.from(body, 'utf16le');
      }
      if (type === 'none') sent = Buffer.from(sent); // a byte body: fetch sends no content type
      const headers: Record<string, string> = { ...(csrf ?? {}) };
      if (type !== 'none') headers['content-type'] = type;
      return post('wrong content type', sent, headers);
    });

  const contentEncoding = fc
    .tuple(
      operationBody,
      fc.constantFrom('gzip-valid', 'gzip', 'deflate', 'br', 'identity', 'bogus', 'gzip, gzip'),
      fc.uint8Array({ maxLength: 64 }),
    )
    .chain(([body, encoding, junk]) =>
      encoding === 'gzip-valid'
        ? post('content encoding', gzipSync(body), { ...json, 'content-encoding': 'gzip' })
        : post('content encoding', encoding === 'identity' ? body : junk, {
            ...json,
            'content-encoding': encoding,
          }),
    );

  const invalidUtf8 = fc
    .tuple(
      fc.constantFrom(
        '{"query":"{ lao(code: \\"',
        '{"query":"query($s: String) { publicLaoSearch(search: $s) { totalCount } }","variables":{"s":"',
        '{"query":"mutation($i: LoginInput!) { login(input: $i) { token } }","variables":{"i":{"password":"x","username":"',
      ),
      fc
        .uint8Array({ minLength: 1, maxLength: 12 })
        .map((bytes) =>
          Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8]), bytes]),
        ),
    )
    .chain(([head, bytes]) => {
      const tail = head.includes('lao(code') ? '\\") { id } }"}' : head.includes('login') ? '"}}}' : '"}}';
      return post('invalid UTF-8', Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]));
    });

  const weirdHeaders = fc
    .tuple(
      operationBody,
      fc.constantFrom<Record<string, string>>(
        { 'x-request-id': 'x'.repeat(300) },
        { 'x-request-id': '' },
        { 'x-forwarded-for': '1.2.3.4, 5.6.7.8' },
        { 'x-forwarded-for': 'not an address' },
        { 'x-forwarded-for': '::ffff:10.0.0.1' },
        { 'user-agent': 'u'.repeat(4000) },
        { accept: 'text/html' },
        { accept: 'application/graphql-response+json' },
        { accept: 'image/png' },
        { origin: 'https://evil.example.com' },
      ),
    )
    .chain(([body, headers]) => post('odd headers', body, { ...json, ...headers }));

  const getQueryString = fc.oneof(
    fc
      .tuple(
        fc.oneof(
          fuzzer.operation(),
          simpleBody(rawQueryText).map((b) => JSON.parse(b) as Operation),
        ),
        fc.boolean(),
      )
      .map(([op, withVariables]) => {
        const params = new URLSearchParams({ query: op.query.slice(0, 6_000) });
        if (withVariables) params.set('variables', JSON.stringify(op.variables ?? {}));
        if (op.operationName) params.set('operationName', op.operationName);
        return `?${params.toString()}`;
      }),
    fc.constantFrom(
      '',
      '?',
      '?query=%zz',
      '?query=%00',
      '?%00=%00',
      '?query[]=a&query[]=b',
      '?query=%7B__typename%7D&query=%7B__typename%7D',
      '?query=%7B__typename%7D&variables=notjson',
      '?query=%7B__typename%7D&variables=%5B%5D',
      '?query=%7B__typename%7D&extensions=%7B',
      '?query=mutation%7Blogout%7D',
      '?query=%7B__typename%7D&operationName=%F0%9F%92%A5',
      `?query=${'%E0%B8%81'.repeat(1500)}`,
      `?query=${'a'.repeat(20_000)}`,
      '?extensions=%7B%22persistedQuery%22%3A%7B%22version%22%3A1%2C%22sha256Hash%22%3A%22abc%22%7D%7D',
    ),
  );
  const get = fc
    .tuple(
      auth,
      fc.nat(),
      getQueryString,
      fc.option(fc.constant({ 'apollo-require-preflight': 'true' }), { freq: 4, nil: undefined }),
    )
    .map(([who, bogus, search, csrf]): FuzzRequest => ({
      kind: 'GET',
      auth: who,
      bogus,
      method: 'GET',
      path: '/graphql',
      search,
      headers: { accept: 'application/json', ...(csrf ?? {}) },
      body: null,
    }));

  const otherMethods = fc
    .tuple(auth, fc.nat(), fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), operationBody)
    .map(([who, bogus, method, body]): FuzzRequest => ({
      kind: 'other method',
      auth: who,
      bogus,
      method,
      path: '/graphql',
      search: '',
      headers: json,
      body: method === 'HEAD' || method === 'OPTIONS' ? null : body,
    }));

  const otherPaths = fc
    .tuple(
      fc.constantFrom('/graphql/', '/graphql/x', '/GraphQL', '/graphql/%00', '/graphql/..%2f'),
      operationBody,
    )
    .chain(([path, body]) => post('path variants', body).map((request) => ({ ...request, path })));

  return fc.oneof(
    { weight: 260, arbitrary: schemaOperation },
    { weight: 300, arbitrary: cleanOperation },
    { weight: 6, arbitrary: huge },
    { weight: 80, arbitrary: limits },
    { weight: 50, arbitrary: raw },
    { weight: 35, arbitrary: batched },
    { weight: 70, arbitrary: malformedJson },
    { weight: 55, arbitrary: wrongContentType },
    { weight: 12, arbitrary: contentEncoding },
    { weight: 10, arbitrary: invalidUtf8 },
    { weight: 15, arbitrary: weirdHeaders },
    { weight: 60, arbitrary: get },
    { weight: 10, arbitrary: otherMethods },
    { weight: 6, arbitrary: otherPaths },
  );
};

/** A few bodies over the 5 MB limit, with and without a length. */
const oversizedRequests = (): FuzzRequest[] =>
  (
    [
      [6 * 1024 * 1024, false],
      [5 * 1024 * 1024 + 1, false],
      [12 * 1024 * 1024, false],
      [7 * 1024 * 1024, true],
    ] as const
  ).map(([bytes, chunked], index) => ({
    kind: 'over 5 MB',
    auth: (['anonymous', 'central', 'partner', 'bogus'] as const)[index],
    bogus: index,
    method: 'POST',
    path: '/graphql',
    search: '',
    headers: json,
    body: { oversized: true, bytes, chunked },
  }));

// ---------------------------------------------------------------------------------------------
// Sending and judging

/** Codes an answer may carry: ours, and those Apollo and graphql-js give malformed requests. */
const knownCodes = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
]);

type Outcome = { status: number; codes: string[]; problem: string | null; response: string };

const judge = (request: FuzzRequest, status: number, contentType: string, text: string): Outcome => {
  const outcome = (problem: string | null, codes: string[] = []): Outcome => ({
    status,
    codes,
    problem,
    response: text.slice(0, 400),
  });
  if (status >= 500) return outcome(`HTTP ${status}`);
  // Node itself refuses request lines over its header size limit, before the app sees them.
  if (status === 431 || request.method === 'HEAD') return outcome(null);
  if (request.method === 'OPTIONS' && status === 204) return outcome(null);
  if (!/json/i.test(contentType)) return outcome(`not JSON (content-type: ${contentType || 'none'})`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return outcome('unparsable JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return outcome('not a JSON object');
  const answer = body as { data?: unknown; errors?: unknown; code?: unknown };
  if ('errors' in answer) {
    if (!Array.isArray(answer.errors) || answer.errors.length === 0) return outcome('errors is not a list');
    const codes = (answer.errors as { extensions?: { code?: unknown } }[]).map((error) =>
      typeof error?.extensions?.code === 'string' ? error.extensions.code : '(none)',
    );
    const unknown = codes.filter((code) => !knownCodes.has(code));
    return outcome(unknown.length > 0 ? `error code ${unknown.join(', ')}` : null, codes);
  }
  if ('code' in answer) {
    const code = String(answer.code);
    return outcome(knownCodes.has(code) ? null : `error code ${code}`, [code]);
  }
  if (!('data' in answer)) return outcome('neither data nor errors');
  if (status >= 400) return outcome(`HTTP ${status} without an error`);
  return outcome(null);
};

type Violation = { request: string; outcome: Outcome; count: number };

/** Violations alike: the same problem (numbers left out) from the same kind of request and caller. */
const signature = (request: FuzzRequest, outcome: Outcome): string =>
  `${outcome.problem?.replace(/\d+/g, 'N').slice(0, 80)} | ${request.kind} | ${request.auth}${
    request.auth === 'bogus' ? ` #${request.bogus % bogusCount}` : ''
  }`;
let bogusCount = 1;

class Stats {
  sent = 0;
  readonly statuses = new Map<number, number>();
  readonly codes = new Map<string, number>();
  readonly kinds = new Map<string, { count: number; ok: number; ms: number; maxMs: number }>();
  /** The first request of each signature, and how many had it. */
  readonly violations = new Map<string, Violation>();
  violationCount = 0;

  add(request: FuzzRequest, outcome: Outcome, ms: number): void {
    this.sent += 1;
    const bump = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
    bump(this.statuses, outcome.status);
    const kind = this.kinds.get(request.kind) ?? { count: 0, ok: 0, ms: 0, maxMs: 0 };
    this.kinds.set(request.kind, {
      count: kind.count + 1,
      ok: kind.ok + (outcome.status === 200 ? 1 : 0),
      ms: kind.ms + ms,
      maxMs: Math.max(kind.maxMs, ms),
    });
    for (const code of new Set(outcome.codes)) bump(this.codes, code);
    if (outcome.problem) {
      this.violationCount += 1;
      // FUZZ_DUMP=file: every violation with its whole request, one JSON line each.
      if (process.env.FUZZ_DUMP) {
        appendFileSync(process.env.FUZZ_DUMP, `${JSON.stringify({ request, outcome })}\n`);
      }
      const key = signature(request, outcome);
      const known = this.violations.get(key);
      if (known) known.count += 1;
      else this.violations.set(key, { request: describeRequest(request), outcome, count: 1 });
    }
  }

  merge(other: Stats): void {
    this.sent += other.sent;
    for (const [status, count] of other.statuses)
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + count);
    for (const [code, count] of other.codes) this.codes.set(code, (this.codes.get(code) ?? 0) + count);
    for (const [key, kind] of other.kinds) {
      const mine = this.kinds.get(key) ?? { count: 0, ok: 0, ms: 0, maxMs: 0 };
      this.kinds.set(key, {
        count: mine.count + kind.count,
        ok: mine.ok + kind.ok,
        ms: mine.ms + kind.ms,
        maxMs: Math.max(mine.maxMs, kind.maxMs),
      });
    }
    this.violationCount += other.violationCount;
    for (const [key, violation] of other.violations) {
      const known = this.violations.get(key);
      if (known) known.count += violation.count;
      else this.violations.set(key, { ...violation });
    }
  }

  summary(): string {
    const list = <K>(map: Map<K, number>) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `${String(key)} ${count}`)
        .join(', ');
    const kinds = [...this.kinds.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(
        ([key, { count, ok, ms, maxMs }]) =>
          `${key} ${count} (${ok} answered 200; ${Math.round(ms / count)} ms avg, ${Math.round(maxMs)} max)`,
      )
      .join(', ');
    const violations = [...this.violations.entries()]
      .slice(0, 40)
      .map(
        ([key, { request, outcome, count }], i) =>
          `#${i + 1} ×${count} ${key}\n  request: ${request}\n  response: ${outcome.response}`,
      );
    return [
      `sent ${this.sent}`,
      `statuses: ${list(this.statuses)}`,
      `codes: ${list(this.codes)}`,
      `kinds: ${kinds}`,
      `violations: ${this.violationCount} (${this.violations.size} kinds)`,
      ...violations,
    ].join('\n');
  }
}

const clip = (text: string, length = 300) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === null
      ? ''
      : request.body instanceof Uint8Array
        ? `bytes ${clip(Buffer.from(request.body).toString('latin1'))}`
        : typeof request.body === 'string'
          ? clip(JSON.stringify(request.body))
          : `${request.body.bytes} bytes${request.body.chunked ? ', chunked' : ''}`;
  return `[${request.kind}] ${request.method} ${request.path}${clip(request.search, 200)} as ${request.auth}${
    request.auth === 'bogus' ? ` #${request.bogus}` : ''
  } headers ${JSON.stringify(request.headers)} body ${body}`;
}

/** Plain node:http with kept-alive connections: several times cheaper than fetch for the test process. */
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

const oversizedPrefix = '{"query":"{ __typename }","padding":"';

const send = (url: string, request: FuzzRequest, authorization: string | null): Promise<Outcome> =>
  new Promise((resolve) => {
    const failed = (error: unknown) =>
      resolve({
        status: 0,
        codes: [],
        problem: `request failed: ${String(error)} ${(error as { code?: string }).code ?? ''}`,
        response: '',
      });
    const headers: Record<string, string> = { ...request.headers };
    if (authorization !== null) headers.authorization = authorization;
    let body: Buffer | null = null;
    let chunks = 0;
    if (typeof request.body === 'string' || request.body instanceof Uint8Array) {
      body = Buffer.from(request.body);
    } else if (request.body?.chunked) {
      chunks = Math.ceil(request.body.bytes / 65_536);
    } else if (request.body) {
      body = Buffer.from(`${oversizedPrefix}${'ก'.repeat(Math.ceil(request.body.bytes / 3))}"}`);
    }
    if (body) headers['content-length'] = String(body.length);
    try {
      const outgoing = http.request(
        `${url}${request.path}${request.search}`,
        { method: request.method, headers, agent },
        (response) => {
          const received: Buffer[] = [];
          response.on('data', (chunk: Buffer) => received.push(chunk));
          response.on('error', failed);
          response.on('end', () =>
            resolve(
              judge(
                request,
                response.statusCode ?? 0,
                String(response.headers['content-type'] ?? ''),
                Buffer.concat(received).toString('utf8'),
              ),
            ),
          );
        },
      );
      outgoing.on('error', failed);
      if (chunks > 0) {
        // No length: the server finds out the body is too large while reading it.
        outgoing.write(oversizedPrefix);
        const chunk = Buffer.alloc(65_536, 'x');
        for (let i = 0; i < chunks; i += 1) outgoing.write(chunk);
        outgoing.end();
      } else {
        outgoing.end(body ?? undefined);
      }
    } catch (error) {
      failed(error);
    }
  });

/** Sends every request, `CONCURRENCY` at a time. */
const run = async (
  url: string,
  requests: Iterator<FuzzRequest>,
  authorizationOf: (request: FuzzRequest) => string | null,
  stats: Stats,
): Promise<void> => {
  // jest maps every stack trace through source maps, and the server reads the stack of each
  // GraphQLError: V8's own formatting while the requests run keeps the run several seconds shorter.
  // Both realms: errors Node itself throws (e.g. in jsonwebtoken's key parsing) are the outer realm's.
  const errorClasses = [Error, runInThisContext('Error')] as { prepareStackTrace?: unknown }[];
  const saved = errorClasses.map((errorClass) => errorClass.prepareStackTrace);
  for (const errorClass of errorClasses) errorClass.prepareStackTrace = undefined;
  const worker = async () => {
    for (let next = requests.next(); !next.done; next = requests.next()) {
      const request = next.value;
      const started = performance.now();
      const outcome = await send(url, request, authorizationOf(request));
      stats.add(request, outcome, performance.now() - started);
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    errorClasses.forEach((errorClass, i) => (errorClass.prepareStackTrace = saved[i]));
  }
};

/** The process's real `process` (jest hands tests a copy whose listeners never fire). */
const realProcess = runInThisContext('process') as NodeJS.Process;

const forceGc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const settledHeap = async (): Promise<number> => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (let i = 0; i < 3; i += 1) {
    forceGc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
};

const budgetsOff: ApiLimits = {
  ...defaultApiLimits,
  budgets: {
    account: { capacity: 0, restorePerSecond: 0 },
    partner: { capacity: 0, restorePerSecond: 0 },
    anonymous: { capacity: 0, restorePerSecond: 0 },
  },
};

const smallBudgets: ApiLimits = {
  ...defaultApiLimits,
  budgets: {
    account: { capacity: 200, restorePerSecond: 20 },
    partner: { capacity: 200, restorePerSecond: 20 },
    anonymous: { capacity: 100, restorePerSecond: 10 },
  },
};

/** Valid reads that cost 1 to 77 (varied, so the shared cache of anonymous reads does not answer them). */
const validQueries = [
  '{ provinces { id } }',
  '{ planCycles { id } }',
  'query($s: String) { publicLaoSearch(search: $s, first: 10) { totalCount edges { node { code } } } }',
  '{ __typename }',
];

/** The generated requests with a valid read from each kind of caller after every second one. */
function* withValidReads(requests: Iterator<FuzzRequest>): Generator<FuzzRequest> {
  const callers = ['anonymous', 'central', 'partner'] as const;
  for (let i = 0, next = requests.next(); !next.done; i += 1, next = requests.next()) {
    yield next.value;
    if (i % 2 === 1) {
      yield {
        kind: 'valid read',
        auth: callers[i % callers.length],
        bogus: 0,
        method: 'POST',
        path: '/graphql',
        search: '',
        headers: json,
        body: JSON.stringify({ query: validQueries[i % validQueries.length], variables: { s: `ดิน${i}` } }),
      };
    }
  }
}

describe('fuzz of the GraphQL endpoint', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let requestArbitrary: fc.Arbitrary<FuzzRequest>;
  let bogusHeaders: string[];
  const tokens = { central: '', partner: '' };
  const stats = new Stats();
  const crashes: string[] = [];
  /** The server's error log lines and console.error output, by their first 300 characters. */
  const serverErrors = new Map<string, number>();
  let serverErrorCount = 0;
  /**
   * Statements PostgreSQL refused (the test server's query logger prints each): arguments the
   * server passes on unchecked; formatError answers those BAD_USER_INPUT, so they are only reported.
   */
  const refusedQueries = new Map<string, number>();
  /** The server's own error lines (pino), e.g. formatError's `Unexpected error`: counted as above. */
  const serverLog = captureLogs((line) => {
    if (line.level < 50 || 'responseTime' in line) return; // 5xx answers are the statistics' business
    const message = `${line.msg} ${JSON.stringify(line.err ?? {})}`.slice(0, 300);
    serverErrorCount += 1;
    if (serverErrors.size < 40 || serverErrors.has(message))
      serverErrors.set(message, (serverErrors.get(message) ?? 0) + 1);
  });
  const heap: number[] = [];

  const onCrash = (kind: string) => (error: unknown) => {
    crashes.push(`${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };
  const onRejection = onCrash('unhandledRejection');
  const onException = onCrash('uncaughtException');

  const authorizationOf = (request: FuzzRequest): string | null => {
    switch (request.auth) {
      case 'anonymous':
        return null;
      case 'central':
        return `Bearer ${tokens.central}`;
      case 'partner':
        return `Bearer ${tokens.partner}`;
      default:
        return bogusHeaders[request.bogus % bogusHeaders.length];
    }
  };

  /**
   * The requests of one part of the run, generated 500 at a time (each chunk from its own seed) so
   * that few are held at once; `logout` never goes out as the central account (it would end its session).
   */
  function* generate(seed: number, count: number): Generator<FuzzRequest> {
    for (let chunk = 0; chunk * 500 < count; chunk += 1) {
      const requests = fc.sample(requestArbitrary, {
        seed: seed + chunk,
        numRuns: Math.min(500, count - chunk * 500),
      });
      for (const request of requests) {
        yield request.auth === 'central' &&
        typeof request.body === 'string' &&
        /\blogout\b/.test(request.body)
          ? { ...request, auth: 'bogus' }
          : request;
      }
    }
  }

  beforeAll(async () => {
    // The shared cache of anonymous reads is on, as in production, so its code path is fuzzed too.
    server = await startTestServer({
      apiLimits: budgetsOff,
      publicCacheSeconds: 30,
      logLevel: 'error',
      logDestination: serverLog.destination,
    });
    const world = await createWorld(server.dataSource);
    const central = await signIn(server, world.central.username, world.central.password);
    tokens.central = central.token as string;
    tokens.partner = (
      await partnerClient(server, central, { scopes: ['MASTER_DATA', 'PLANS', 'REPORTS', 'AGGREGATES'] })
    ).secret;
    const { jwt: jwtConfig } = server.config;
    const sign = (claims: object, secret = jwtConfig.secret, expiresIn = 3600) =>
      jwt.sign(claims, secret, {
        algorithm: 'HS256',
        issuer: jwtConfig.issuer,
        audience: jwtConfig.audience,
        expiresIn,
      });
    bogusHeaders = [
      'Bearer not-a-token',
      'Bearer a.b.c',
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIiwic2lkIjoiMSJ9.',
      `Bearer lpk_AAAAAAAA_${'B'.repeat(43)}`,
      'Bearer lpk_',
      'Basic Zm9vOmJhcg==',
      'Bearer',
      'Bearer ',
      `Bearer ${'x'.repeat(8_000)}`,
      `Bearer ${tokens.central} extra`,
      `Bearer ${tokens.central.slice(0, -2)}xx`,
      `bearer ${tokens.partner.slice(0, -1)}`,
      // Signed with another secret; expired; and signed with the right secret but naming no session.
      `Bearer ${sign({ sid: randomUUID(), sub: randomUUID() }, 'another-secret-another-secret')}`,
      `Bearer ${sign({ sid: randomUUID(), sub: randomUUID() }, jwtConfig.secret, -60)}`,
      `Bearer ${sign({ sid: randomUUID(), sub: randomUUID() })}`,
      `Bearer ${sign({ sid: 'not-a-uuid', sub: 'ดินทอง' })}`,
      `Bearer ${sign({ sid: 1, sub: { id: 1 } })}`,
    ];
    schema = await buildAppSchema();
    requestArbitrary = makeRequests(schema);
    bogusCount = bogusHeaders.length;
    realProcess.on('unhandledRejection', onRejection);
    realProcess.on('uncaughtException', onException);
    // The server runs in this process: keep its logs of unexpected errors, and tell them in the report.
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const text = format(...args);
      const refused = /^query failed: (.{0,60})[\s\S]*? (\w*[Ee]rror: [^\n]*)/.exec(text);
      const [map, message] = refused
        ? [refusedQueries, `${refused[2].slice(0, 120)} in ${refused[1].replace(/\s+/g, ' ')}…`]
        : [serverErrors, text.slice(0, 300)];
      if (!refused) serverErrorCount += 1;
      if (map.size < 40 || map.has(message)) map.set(message, (map.get(message) ?? 0) + 1);
    });
  });

  afterAll(async () => {
    realProcess.off('unhandledRejection', onRejection);
    realProcess.off('uncaughtException', onException);
    jest.restoreAllMocks();
    agent.destroy();
    await server?.stop();
  });

  const report = () =>
    [
      stats.summary(),
      `server errors logged: ${serverErrorCount}`,
      ...[...serverErrors.entries()].map(([message, count]) => `×${count} ${message}`),
      `statements the database refused (answered BAD_USER_INPUT): ${[...refusedQueries.values()].reduce((a, b) => a + b, 0)}`,
      ...[...refusedQueries.entries()].map(([message, count]) => `×${count} ${message}`),
      ...crashes,
    ].join('\n');

  it(
    'answers the generated requests of the first half without 5xx or an error without a code',
    async () => {
      heap.push(await settledHeap());
      await run(server.url, oversizedRequests().values(), authorizationOf, stats);
      await run(server.url, generate(SEED, HALF), authorizationOf, stats);
      heap.push(await settledHeap());
      if (stats.violationCount > 0 || crashes.length > 0 || serverErrorCount > 0) console.log(report());
      expect(stats.violationCount).toBe(0);
    },
    PART_TIMEOUT,
  );

  it(
    'answers the second half the same way, and its memory does not grow',
    async () => {
      await run(server.url, generate(SEED + 1_000, HALF), authorizationOf, stats);
      heap.push(await settledHeap());
      const growth = heap[2] - heap[1];
      if (stats.violationCount > 0 || crashes.length > 0 || serverErrorCount > 0) console.log(report());
      expect(stats.violationCount).toBe(0);
      expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
    },
    PART_TIMEOUT,
  );

  it(
    'answers with RATE_LIMITED, never a 5xx, when small budgets run out',
    async () => {
      // A second instance on the same database (same accounts and keys) with small buckets.
      const budgeted = await startTestServer(
        {
          apiLimits: smallBudgets,
          publicCacheSeconds: 30,
          logLevel: 'error',
          logDestination: serverLog.destination,
        },
        { databaseUrl: server.databaseUrl },
      );
      const before = stats.codes.get('RATE_LIMITED') ?? 0;
      const budgetStats = new Stats();
      try {
        await run(
          budgeted.url,
          withValidReads(generate(SEED + 2_000, BUDGET_PHASE)),
          authorizationOf,
          budgetStats,
        );
      } finally {
        await budgeted.stop();
      }
      stats.merge(budgetStats);
      if (budgetStats.violationCount > 0) console.log(report());
      expect(budgetStats.violationCount).toBe(0);
      expect((stats.codes.get('RATE_LIMITED') ?? 0) - before).toBeGreaterThan(0);
    },
    PART_TIMEOUT,
  );

  it('sent over 10,000 requests, had no crash and no unexpected server error, and still answers', async () => {
    const answer = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${tokens.central}` },
      body: JSON.stringify({ query: '{ provinces { id nameTh } viewer { mustCompleteProfile } }' }),
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data?: { provinces: { nameTh: string }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.provinces.map((province) => province.nameTh)).toEqual(
      expect.arrayContaining(['พิษณุโลก', 'แพร่']),
    );
    // The statistics, and the statements PostgreSQL refused (expected: answered BAD_USER_INPUT),
    // only on demand; a failure below prints them anyway.
    const failed = crashes.length > 0 || serverErrors.size > 0;
    (failed ? console.log : testReport)(
      `${report()}\nheap after GC: ${heap.map((bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`).join(' → ')}`,
    );
    expect(stats.sent).toBeGreaterThanOrEqual(2 * HALF + BUDGET_PHASE);
    expect(crashes).toEqual([]);
    expect([...serverErrors.keys()]).toEqual([]);
  });
});
