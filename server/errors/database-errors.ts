import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { QUERY_READ_TIMEOUT } from '../db/bounded-waits';
import { ErrorCode } from './error-codes';

/** A database failure the caller can act on: a stable code, a Thai message, the HTTP status of REST routes. */
export type DatabaseFailure = {
  code:
    | ErrorCode.DATABASE_TIMEOUT
    | ErrorCode.DATABASE_LOCK_TIMEOUT
    | ErrorCode.DATABASE_BUSY
    | ErrorCode.DATABASE_UNAVAILABLE;
  message: string;
  status: number;
};

const failures: Record<DatabaseFailure['code'], DatabaseFailure> = {
  [ErrorCode.DATABASE_TIMEOUT]: {
    code: ErrorCode.DATABASE_TIMEOUT,
    message: 'ระบบฐานข้อมูลใช้เวลานานเกินกำหนด รายการนี้ยังไม่ถูกบันทึก กรุณาลองใหม่อีกครั้ง',
    status: 503,
  },
  [ErrorCode.DATABASE_LOCK_TIMEOUT]: {
    code: ErrorCode.DATABASE_LOCK_TIMEOUT,
    message: 'ข้อมูลนี้กำลังถูกแก้ไขโดยรายการอื่นอยู่ รายการของท่านยังไม่ถูกบันทึก กรุณาลองใหม่อีกครั้งในอีกสักครู่',
    status: 409,
  },
  [ErrorCode.DATABASE_BUSY]: {
    code: ErrorCode.DATABASE_BUSY,
    message: 'ขณะนี้ระบบมีผู้ใช้งานจำนวนมากหรือฐานข้อมูลไม่ตอบสนอง รายการนี้ยังไม่ถูกบันทึก กรุณาลองใหม่อีกครั้งในอีกสักครู่',
    status: 503,
  },
  [ErrorCode.DATABASE_UNAVAILABLE]: {
    code: ErrorCode.DATABASE_UNAVAILABLE,
    message: 'ขณะนี้ติดต่อฐานข้อมูลไม่ได้ชั่วคราว รายการนี้ยังไม่ถูกบันทึก กรุณาลองใหม่อีกครั้งในอีกสักครู่ หากยังไม่ได้โปรดแจ้งผู้ดูแลระบบ',
    status: 503,
  },
};

/** node-postgres' and pg-pool's messages when no connection came within `connectionTimeoutMillis`. */
const connectTimeouts = [
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'timeout expired',
];

/** Messages of a connection refused, lost or closed under a query. */
const connectionLost = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** Socket errors of a database that is down or unreachable. */
const socketErrors = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * The code of a database failure: a statement or query past its bound (57014, node-postgres'
 * `query_timeout`), a lock wait past `lock_timeout` (55P03), no connection within the connect bound,
 * a connection refused or lost (class 08, 57P01–57P03 shutdown and start-up, 25P03 idle in a
 * transaction too long, socket errors). Null for anything else.
 */
export const databaseFailureOf = (error: unknown): DatabaseFailure | null => {
  // Apollo wraps what the context threw (a session looked up while the database is out of reach).
  let unwrapped = error;
  for (let depth = 0; unwrapped instanceof GraphQLError && unwrapped.originalError && depth < 5; depth++)
    unwrapped = unwrapped.originalError;
  const cause = unwrapped instanceof QueryFailedError ? (unwrapped.driverError as unknown) : unwrapped;
  if (!(cause instanceof Error)) return null;
  const { code } = cause as { code?: unknown };
  const state = typeof code === 'string' ? code : '';
  const message = cause.message;
  if (state === '57014' || message === QUERY_READ_TIMEOUT) return failures[ErrorCode.DATABASE_TIMEOUT];
  if (state === '55P03') return failures[ErrorCode.DATABASE_LOCK_TIMEOUT];
  if (connectTimeouts.some((text) => message.startsWith(text))) return failures[ErrorCode.DATABASE_BUSY];
  if (
    state.startsWith('08') ||
    ['57P01', '57P02', '57P03', '25P03'].includes(state) ||
    socketErrors.has(state) ||
    connectionLost.some((text) => message.startsWith(text))
  )
    return failures[ErrorCode.DATABASE_UNAVAILABLE];
  return null;
};
