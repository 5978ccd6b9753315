import type { GraphQLFormattedError } from 'graphql';
import { AppError } from '../../errors/app-error';
import { ErrorCode } from '../../errors/error-codes';

const number = new Intl.NumberFormat('th-TH');

const clockTime = new Intl.DateTimeFormat('th-TH', {
  timeZone: 'Asia/Bangkok',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Which limit an operation went over; `extensions.exceeded` of QUERY_TOO_COMPLEX. */
export type ExceededLimit = 'depth' | 'aliases' | 'tokens' | 'cost';

/** Shown in numbers and messages; a runaway cost (fragments spread exponentially) stays a number. */
export const displayCost = (cost: number): number => Math.min(Math.ceil(cost), Number.MAX_SAFE_INTEGER);

export const tooDeep = (depth: number, limit: number): AppError =>
  new AppError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `คำสั่ง GraphQL ซ้อนกันลึก ${depth} ชั้น เกินขีดจำกัด ${limit} ชั้น กรุณาลดการซ้อนของฟิลด์ หรือแยกเป็นหลายคำสั่ง`,
    { exceeded: 'depth', depth, limit },
  );

export const tooManyAliases = (aliases: number, limit: number): AppError =>
  new AppError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `คำสั่ง GraphQL ใช้ชื่อแทน (alias) ${number.format(aliases)} ชื่อ เกินขีดจำกัด ${limit} ชื่อต่อคำสั่ง กรุณาลดจำนวน alias หรือแยกเป็นหลายคำสั่ง`,
    { exceeded: 'aliases', aliases, limit },
  );

export const tooCostly = (cost: number, limit: number): AppError =>
  new AppError(
    ErrorCode.QUERY_TOO_COMPLEX,
    `คำสั่ง GraphQL มีค่าใช้จ่าย (cost) ${number.format(displayCost(cost))} คะแนน เกินขีดจำกัด ${number.format(limit)} คะแนนต่อคำสั่ง กรุณาใช้ first หรือ limit ที่เล็กลง ลดรายการที่ซ้อนกันอยู่ในรายการ หรือแบ่งดึงข้อมูลเป็นหลายหน้า`,
    { exceeded: 'cost', cost: displayCost(cost), limit },
  );

const tokensMessage = /^Syntax Error: Document contains more th[ae][nt] (\d+) tokens/;

/**
 * graphql-js stops parsing past `maxTokens` with a syntax error (Apollo: GRAPHQL_PARSE_FAILED,
 * HTTP 400); formatError turns it into QUERY_TOO_COMPLEX with the limit. Null for any other error.
 */
export const tooManyTokens = (formatted: GraphQLFormattedError): GraphQLFormattedError | null => {
  const match =
    formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokensMessage.exec(formatted.message) : null;
  if (!match) return null;
  const limit = Number(match[1]);
  return {
    message: `คำสั่ง GraphQL ยาวเกินกำหนด (เกิน ${number.format(limit)} โทเค็น) กรุณาย่อคำสั่ง ส่งค่าผ่านตัวแปร (variables) แทนการเขียนลงในคำสั่ง หรือแยกเป็นหลายคำสั่ง`,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, exceeded: 'tokens', limit },
  };
};

/** The caller's bucket cannot take this operation's cost yet. */
export const budgetSpent = (details: {
  retryAfterSeconds: number;
  cost: number;
  remaining: number;
  capacity: number;
  restorePerSecond: number;
}): AppError => {
  const retryAt = new Date(Date.now() + details.retryAfterSeconds * 1000);
  return new AppError(
    ErrorCode.RATE_LIMITED,
    `ใช้โควตาการเรียกข้อมูลครบแล้วชั่วคราว (คำสั่งนี้ใช้ ${number.format(details.cost)} คะแนน คงเหลือ ${number.format(details.remaining)} จาก ${number.format(details.capacity)} คะแนน และคืนให้วินาทีละ ${number.format(details.restorePerSecond)} คะแนน) กรุณาลองใหม่อีกครั้งในอีก ${number.format(details.retryAfterSeconds)} วินาที (หลังเวลา ${clockTime.format(retryAt)} น.)`,
    { ...details, retryAt: retryAt.toISOString() },
  );
};
