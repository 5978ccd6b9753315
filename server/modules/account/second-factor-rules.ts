import { Role } from '../../auth/role';
import type { SecondFactorPolicy } from '../../config';

/** What the second-factor rules need to know of an account. */
export type SecondFactorSubject = { role: Role; administrator: boolean };

/** LAO accounts never use a second factor (issue 24); staff may, or must by policy. */
export const mayUseSecondFactor = (account: SecondFactorSubject): boolean =>
  account.role !== Role.LAO && account.role !== Role.PARTNER;

/**
 * Who must have one before getting a session (STAFF_SECOND_FACTOR): administrators (the
 * default of a real deployment), every staff account, or nobody (`optional`: anyone on staff may enrol).
 */
export const secondFactorRequired = (account: SecondFactorSubject, policy: SecondFactorPolicy): boolean =>
  mayUseSecondFactor(account) &&
  (policy === 'all-staff' || (policy === 'administrators' && account.administrator));

/** Wrong codes one sign-in may take before it is spent (sign in again with the password). */
export const maxCodeAttemptsPerChallenge = 5;

/** Wrong codes an account may take over all its sign-ins in `codeFailureWindowMinutes`. */
export const maxCodeFailuresPerAccount = 10;
export const codeFailureWindowMinutes = 15;
