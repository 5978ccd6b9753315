import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';

/** One invalid field: `constraints` are class-validator names the client translates. */
export type FieldError = { field: string; constraints: string[]; message: string };

/** An expected failure: a stable code, a Thai message a person can act on, optional details. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

export const notFound = (what = 'ข้อมูล'): AppError => new AppError(ErrorCode.NOT_FOUND, `ไม่พบ${what}ที่ต้องการ`);

export const forbidden = (): AppError => new AppError(ErrorCode.FORBIDDEN, 'คุณไม่มีสิทธิ์ดำเนินการนี้');

export const unauthenticated = (): AppError =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'กรุณาเข้าสู่ระบบก่อนใช้งาน');

export const conflict = (): AppError =>
  new AppError(ErrorCode.CONFLICT, 'ข้อมูลนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่คุณเปิดหน้าจอ กรุณาโหลดข้อมูลล่าสุดแล้วแก้ไขอีกครั้ง');

export const badInput = (fields: FieldError[]): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, 'ข้อมูลที่กรอกไม่ถูกต้อง กรุณาตรวจสอบช่องที่ระบุ', {
    fields,
  });
