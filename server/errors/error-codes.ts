/** Stable error codes carried in `extensions.code`; the client picks its message by them. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_ACTIVATION_CODE = 'INVALID_ACTIVATION_CODE',
  INVALID_RESET_TOKEN = 'INVALID_RESET_TOKEN',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
  /** Sign-in attempts, or a caller's GraphQL cost budget, spent for now; `retryAfterSeconds` says when to retry. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** A GraphQL operation over the depth, alias, token or cost limit (`extensions.exceeded`, `limit`). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  PROFILE_INCOMPLETE = 'PROFILE_INCOMPLETE',
  /** The record is not in a state that allows this (e.g. deleting an approved project). */
  INVALID_STATE = 'INVALID_STATE',
  /** Projects: a plan of the project's fiscal years is under assessment (submitted); `years` names them. */
  PLAN_FROZEN = 'PLAN_FROZEN',
  /** Reports: the LAO withdrew the project from its plan; it takes no report. */
  PROJECT_WITHDRAWN = 'PROJECT_WITHDRAWN',
  /** Reports: the fiscal year's plan has not passed the standard (manual FAQ 5). */
  PLAN_NOT_PASSED = 'PLAN_NOT_PASSED',
  /** Reports: NACC rejected the project; it takes no report. */
  PROJECT_REJECTED = 'PROJECT_REJECTED',
  /** Reports: the project does not run in that fiscal year. */
  PROJECT_NOT_IN_YEAR = 'PROJECT_NOT_IN_YEAR',
  /** Reports: the round's window (and any extension) has closed, or not opened yet. */
  ROUND_CLOSED = 'ROUND_CLOSED',
  ROUND_NOT_OPEN = 'ROUND_NOT_OPEN',
  /**
   * Projects and reports: the project is done without budget (ดำเนินการโดยไม่ใช้งบประมาณ), so it
   * takes no budget amount, nor its report an ordinance or disbursed amount.
   */
  PROJECT_WITHOUT_BUDGET = 'PROJECT_WITHOUT_BUDGET',
  /** An idempotency key reused with a different payload. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** Uploads: the file's content is not one of the accepted types (PDF, JPEG, PNG, DOCX, XLSX), or not what its name says. */
  FILE_TYPE_NOT_ALLOWED = 'FILE_TYPE_NOT_ALLOWED',
  /** Uploads: the file is larger than the configured limit (`limitBytes`). */
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  /** Report evidence: only a photo (JPEG, PNG) may be published on the LAO's public page, not a document. */
  EVIDENCE_NOT_PUBLISHABLE = 'EVIDENCE_NOT_PUBLISHABLE',
  /** Staff accounts: the change would leave no enabled NACC central administrator. */
  LAST_ADMINISTRATOR = 'LAST_ADMINISTRATOR',
  /** Staff sign-in: the organisation's directory (LDAP / AD) cannot be reached; nothing weaker is tried. */
  DIRECTORY_UNAVAILABLE = 'DIRECTORY_UNAVAILABLE',
  /** Changing the password of an account whose password the organisation's directory decides. */
  PASSWORD_MANAGED_BY_DIRECTORY = 'PASSWORD_MANAGED_BY_DIRECTORY',
  /** Second factor: a wrong, already used or expired authenticator code or recovery code. */
  INVALID_SECOND_FACTOR = 'INVALID_SECOND_FACTOR',
  /** Second factor: the sign-in's challenge expired, was used, or had too many wrong codes; sign in again. */
  SECOND_FACTOR_CHALLENGE_EXPIRED = 'SECOND_FACTOR_CHALLENGE_EXPIRED',
  /** Second factor: the policy requires it of this account (it cannot be turned off). */
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  /** The session may only change the password (must-change accounts) until it is changed. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  /**
   * The audit row of a write could not be written (the database refused or was unreachable), so
   * the write is answered as failed: a change made in a transaction rolled back with its row.
   */
  AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE',
  /**
   * The database did not finish a statement within its bound (PostgreSQL's statement_timeout, SQLSTATE
   * 57014, or the server's own query timeout on a hung database). Nothing was saved; try again.
   */
  DATABASE_TIMEOUT = 'DATABASE_TIMEOUT',
  /**
   * A row this needs is held by another change for longer than the lock bound (lock_timeout, SQLSTATE
   * 55P03). Nothing was saved; try again shortly.
   */
  DATABASE_LOCK_TIMEOUT = 'DATABASE_LOCK_TIMEOUT',
  /** No database connection within the bound: every pooled connection is busy, or the database does not answer. */
  DATABASE_BUSY = 'DATABASE_BUSY',
  /** The database refused or lost the connection (stopped, restarting, unreachable). Nothing was saved. */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}
