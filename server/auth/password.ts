import argon2 from 'argon2';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { commonPasswords } from './common-passwords';

export type HashCost = { memoryCost: number; timeCost: number };

export const hashPassword = (password: string, cost: HashCost): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, ...cost });

export const verifyPassword = async (hash: string | null, password: string): Promise<boolean> => {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};

/** A hash of nothing, verified against when the account does not exist, so timing tells nothing. */
let decoyHash: Promise<string> | undefined;
export const verifyAgainstDecoy = async (password: string, cost: HashCost): Promise<false> => {
  decoyHash ??= hashPassword('decoy-password-never-used', cost);
  await verifyPassword(await decoyHash, password);
  return false;
};

export const minPasswordLength = 8;

/** Rejects short passwords, the account's own login name and well-known passwords. */
export const assertAcceptablePassword = (password: string, username: string): void => {
  const normalized = password.trim().toLowerCase();
  let reason: string | null = null;
  if (password.length < minPasswordLength) {
    reason = `รหัสผ่านต้องมีอย่างน้อย ${minPasswordLength} ตัวอักษร`;
  } else if (password.length > 128) {
    reason = 'รหัสผ่านยาวเกิน 128 ตัวอักษร';
  } else if (normalized.includes(username.toLowerCase())) {
    reason = 'รหัสผ่านต้องไม่มีรหัส อปท. หรือชื่อผู้ใช้งานอยู่ในนั้น';
  } else if (commonPasswords.has(normalized)) {
    reason = 'รหัสผ่านนี้เป็นรหัสที่ใช้กันทั่วไปและคาดเดาได้ง่าย กรุณาตั้งรหัสผ่านอื่น';
  }
  if (reason) {
    throw new AppError(ErrorCode.WEAK_PASSWORD, reason, {
      fields: [{ field: 'password', constraints: ['weakPassword'], message: reason }],
    });
  }
};
