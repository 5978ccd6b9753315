import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

/** GraphQL IDs of numeric keys (LAO, province, district): a clear BAD_USER_INPUT when malformed. */
export const parseId = (id: string, field = 'id'): number => {
  if (!/^\d{1,9}$/.test(id)) {
    const message = 'รหัสอ้างอิงไม่ถูกต้อง';
    throw new AppError(ErrorCode.BAD_USER_INPUT, message, {
      fields: [{ field, constraints: ['isId'], message }],
    });
  }
  return Number(id);
};
