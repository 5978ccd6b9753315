import type {
  ExtensionStatus,
  ImplementationLevel,
  RoundFieldsFragment as ReportingRound,
  ReportStatus,
  RoundKind,
  UnableReason,
} from '../graphql/generated';

/*
 * Rounds and deadlines on the client, without Vue (tested in test/client/rounds.test.ts):
 * whether a round is open comes from the server (`isOpen`, `viewerDeadline`: the rulebook's);
 * these only show it, count down to it and convert Bangkok dates. use-rounds.ts adds the URL
 * and the queries.
 */

// The enums of progress reports, in the order of the legacy forms.
export const roundKinds: readonly RoundKind[] = ['SIX_MONTH', 'TWELVE_MONTH'];
export const reportStatuses: readonly ReportStatus[] = ['IN_PROGRESS', 'COMPLETED', 'UNABLE'];
export const unableReasons: readonly UnableReason[] = [
  'NO_BUDGET',
  'POLICY_CHANGED',
  'INSUFFICIENT_PERSONNEL',
  'OTHER',
];
export const levels: readonly ImplementationLevel[] = ['HIGH', 'MEDIUM', 'LOW', 'NOT_REPORTED'];
export const extensionStatuses: readonly ExtensionStatus[] = ['REQUESTED', 'GRANTED', 'REFUSED', 'REVOKED'];

const bangkokOffsetMs = 7 * 3600 * 1000;
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A date input's day (`2023-05-15`, Gregorian) → the instant that ends it in Bangkok,
 * i.e. the next day 00:00 +07:00 (deadlines are exclusive instants).
 */
export const endOfBangkokDay = (value: string): string | null => {
  const match = dateOnly.exec(value);
  if (!match) return null;
  const [, year, month, day] = match.map(Number);
  const instant = Date.UTC(year, month - 1, day + 1) - bangkokOffsetMs;
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
};

/** A datetime-local value (`2023-05-01T00:00`), read as Bangkok time → ISO instant. */
export const bangkokLocalToIso = (value: string): string | null => {
  if (!localDateTime.test(value)) return null;
  const seconds = value.length === 16 ? ':00' : '';
  const instant = Date.parse(`${value}${seconds}+07:00`);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
};

/** An ISO instant → a datetime-local value in Bangkok time (`2023-05-01T00:00`). */
export const isoToBangkokLocal = (iso: string): string =>
  new Date(Date.parse(iso) + bangkokOffsetMs).toISOString().slice(0, 16);

/** Today in Bangkok as a date input value (`2023-05-15`). */
export const bangkokToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + bangkokOffsetMs).toISOString().slice(0, 10);

/** The deadline that applies to the viewer: an LAO's own (extension included), else the round's. */
export const deadlineOf = (round: ReportingRound): string => round.viewerDeadline ?? round.closesAt;

export type RoundPhase = 'notOpen' | 'open' | 'closed';

/**
 * Where a round stands: the server's `isOpen` at load time, then the clock
 * (a deadline can pass while the page is open).
 */
export const roundPhase = (round: ReportingRound, now: Date): RoundPhase => {
  const passed = now.getTime() >= Date.parse(deadlineOf(round));
  if (round.isOpen) return passed ? 'closed' : 'open';
  return passed ? 'closed' : 'notOpen';
};

/** Whole days and hours until an instant (never negative). */
export const timeLeft = (iso: string, now: Date): { days: number; hours: number; minutes: number } => {
  const ms = Math.max(0, Date.parse(iso) - now.getTime());
  const minutesTotal = Math.floor(ms / 60000);
  return {
    days: Math.floor(minutesTotal / (24 * 60)),
    hours: Math.floor(minutesTotal / 60) % 24,
    minutes: minutesTotal % 60,
  };
};

/** The round open now (the 6-month one first when both are), else the 6-month round. */
export const defaultRound = (rounds: readonly ReportingRound[], now: Date = new Date()): RoundKind =>
  roundKinds.find((kind) => {
    const round = rounds.find((item) => item.kind === kind);
    return round !== undefined && roundPhase(round, now) === 'open';
  }) ?? 'SIX_MONTH';

/**
 * The round a public page opens on, from the rounds' windows (anonymous callers get no `isOpen`):
 * the round open now; else the latest round that has opened; else the 6-month round.
 */
export const publicDefaultRound = (
  rounds: readonly Pick<ReportingRound, 'kind' | 'opensAt' | 'closesAt'>[],
  now: Date = new Date(),
): RoundKind => {
  const time = now.getTime();
  const open = roundKinds.find((kind) =>
    rounds.some((r) => r.kind === kind && Date.parse(r.opensAt) <= time && time < Date.parse(r.closesAt)),
  );
  if (open) return open;
  const opened = [...roundKinds]
    .reverse()
    .find((kind) => rounds.some((r) => r.kind === kind && Date.parse(r.opensAt) <= time));
  return opened ?? 'SIX_MONTH';
};

export const roundFromQuery = (value: unknown): RoundKind | null =>
  typeof value === 'string' && (roundKinds as readonly string[]).includes(value)
    ? (value as RoundKind)
    : null;

/**
 * A fresh idempotency key (UUID v4). `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); an office intranet on plain http falls back to getRandomValues.
 */
export const newIdempotencyKey = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The Gregorian years an "until" day may fall in: this year in Bangkok and the next. */
export const untilYears = (today: string = bangkokToday()): number[] => {
  const year = Number(today.slice(0, 4));
  return [year, year + 1];
};

/** Client check of an "until" date input: a real date, not before today (Bangkok). */
export const untilCheck = (value: string, instant: string | null, today: string): string | null => {
  if (!value || !instant) return 'validation.date';
  return value < today ? 'validation.untilFuture' : null;
};
