import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, type FieldError } from './app-error';
import { databaseFailureOf } from './database-errors';
import { ErrorCode } from './error-codes';
import { tooManyTokens } from '../graphql/limits/errors';
import { QueryFailedError } from 'typeorm';
import { log } from '../request-scope';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [
          {
            field,
            constraints: Object.keys(error.constraints),
            message: Object.values(error.constraints).join(' '),
          },
        ]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Codes Apollo itself produces for malformed requests; passed through unchanged. */
const apolloRequestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * SQLSTATEs of PostgreSQL refusing a value itself, which arguments let through unchecked cause:
 * too long (22001), out of its type's range (22003: e.g. a fiscal year or province id past
 * smallint), malformed for its type (22P02: e.g. a cursor key that is no number or UUID), bad
 * dates (22007, 22008, 22009: e.g. year -130202), unstorable text (22021, 22P05), a LIKE pattern
 * ending in its escape character (22025). Not a server fault: answered BAD_USER_INPUT.
 */
const invalidValueStates = new Set([
  '22001',
  '22003',
  '22007',
  '22008',
  '22009',
  '22021',
  '22025',
  '22P02',
  '22P05',
]);

/**
 * Turns every error into a stable shape: AppErrors pass, validation errors become
 * BAD_USER_INPUT with per-field details (never the submitted values), anything
 * unknown is logged in full and answered as INTERNAL_SERVER_ERROR.
 */
export const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return { message: original.message, path: formatted.path, extensions: original.extensions };
  }
  // A bound on the database passed, or the database is out of reach (docs/operations.md, "Bounded waits").
  const database = databaseFailureOf(original);
  if (database) {
    return { message: database.message, path: formatted.path, extensions: { code: database.code } };
  }
  if (original instanceof ArgumentValidationError) {
    const fields = flatten(original.extensions.validationErrors as ValidationError[]);
    return {
      message: 'ข้อมูลที่กรอกไม่ถูกต้อง กรุณาตรวจสอบช่องที่ระบุ',
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
    };
  }
  if (
    original instanceof QueryFailedError &&
    invalidValueStates.has(String((original.driverError as { code?: unknown } | undefined)?.code))
  ) {
    return {
      message:
        'ข้อมูลที่ส่งมีค่าอยู่นอกช่วงหรือผิดรูปแบบที่ระบบรับได้ (เช่น ปีงบประมาณ รหัสอ้างอิง หรือตัวชี้หน้าข้อมูล) กรุณาตรวจสอบค่าที่ส่ง',
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [] },
    };
  }
  const tooLong = tooManyTokens(formatted);
  if (tooLong) return tooLong;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && apolloRequestCodes.has(code) && !formatted.path) {
    // Variable coercion errors quote the submitted value: keep where and why, drop what.
    const message = formatted.message.replace(/ got invalid value .*? at "/s, ' got an invalid value at "');
    return { message, locations: formatted.locations, extensions: { code } };
  }
  // Apollo's own refusals of a request it cannot run (a persisted query of an unknown version, a
  // hash that does not match the query) carry an HTTP 4xx status but no code.
  const http = (original as { extensions?: { http?: { status?: unknown } } } | null)?.extensions?.http;
  if (typeof http?.status === 'number' && http.status >= 400 && http.status < 500 && !formatted.path) {
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  }
  // In full (stack, cause) in the log, with the request id and operation; never to the caller.
  log().error({ err: original }, 'Unexpected error');
  return {
    message: 'ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง หากยังพบปัญหาโปรดติดต่อผู้ดูแลระบบ',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
};
