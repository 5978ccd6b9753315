import {
  defaultRound,
  endOfBangkokDay,
  publicDefaultRound,
  roundPhase,
  timeLeft,
  untilCheck,
} from '../../client/src/composables/rounds';
import type { RoundFieldsFragment } from '../../client/src/graphql/generated';

/** A round as the server sends it: its window, its `isOpen` for the viewer, the viewer's own deadline. */
const round = (
  kind: 'SIX_MONTH' | 'TWELVE_MONTH',
  isOpen: boolean,
  closesAt: string,
  viewerDeadline?: string,
): RoundFieldsFragment => ({
  id: kind,
  version: 1,
  fiscalYear: 2570,
  kind,
  opensAt: '2026-09-30T17:00:00.000Z',
  closesAt,
  isOpen,
  viewerDeadline: viewerDeadline ?? null,
});

describe('rounds on the client', () => {
  const closes = '2027-04-30T17:00:00.000Z'; // the end of 30 April 2027 in Bangkok
  const before = new Date('2027-04-30T16:59:00.000Z');
  const after = new Date('2027-04-30T17:00:00.000Z');

  it('shows what the server decided, and a deadline passing while the page is open', () => {
    expect(roundPhase(round('SIX_MONTH', true, closes), before)).toBe('open');
    expect(roundPhase(round('SIX_MONTH', true, closes), after)).toBe('closed');
    expect(roundPhase(round('SIX_MONTH', false, closes), before)).toBe('notOpen');
    // An LAO's own deadline (a granted extension) is the one that passes.
    const extended = round('SIX_MONTH', true, closes, '2027-05-15T17:00:00.000Z');
    expect(roundPhase(extended, after)).toBe('open');
  });

  it('opens on the round open now, the 6-month one when both are', () => {
    const six = round('SIX_MONTH', true, closes);
    const twelve = round('TWELVE_MONTH', true, '2027-10-31T17:00:00.000Z');
    expect(defaultRound([six, twelve], before)).toBe('SIX_MONTH');
    expect(defaultRound([{ ...six, isOpen: false }, twelve], after)).toBe('TWELVE_MONTH');
    expect(defaultRound([], before)).toBe('SIX_MONTH');
  });

  it('counts down in whole days, hours and minutes, never below zero', () => {
    expect(timeLeft(closes, new Date('2027-04-28T15:59:00.000Z'))).toEqual({ days: 2, hours: 1, minutes: 1 });
    expect(timeLeft(closes, after)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('reads an "until" day as the end of that day in Bangkok, and refuses past days', () => {
    expect(endOfBangkokDay('2027-05-07')).toBe('2027-05-07T17:00:00.000Z');
    expect(endOfBangkokDay('7/5/2570')).toBeNull();
    expect(untilCheck('2027-05-07', '2027-05-07T17:00:00.000Z', '2027-05-01')).toBeNull();
    expect(untilCheck('2027-04-30', '2027-04-30T17:00:00.000Z', '2027-05-01')).toBe('validation.untilFuture');
    expect(untilCheck('', null, '2027-05-01')).toBe('validation.date');
  });
});

/** A round as anonymous callers read it: its window only. */
const publicRound = (kind: 'SIX_MONTH' | 'TWELVE_MONTH', opensAt: string, closesAt: string) => ({
  kind,
  opensAt,
  closesAt,
});

// Fiscal year 2570: the 6-month round from 1 April to 30 April 2027, the 12-month one in October.
const six = publicRound('SIX_MONTH', '2027-03-31T17:00:00.000Z', '2027-04-30T17:00:00.000Z');
const twelve = publicRound('TWELVE_MONTH', '2027-09-30T17:00:00.000Z', '2027-10-31T17:00:00.000Z');

describe('the round a public page opens on', () => {
  it('opens the round whose window holds the moment (opening included, closing excluded)', () => {
    expect(publicDefaultRound([six, twelve], new Date('2027-03-31T17:00:00.000Z'))).toBe('SIX_MONTH');
    expect(publicDefaultRound([six, twelve], new Date('2027-10-15T00:00:00.000Z'))).toBe('TWELVE_MONTH');
    // A 6-month window running into October: the 6-month round while both are open, until it closes.
    const late = publicRound('SIX_MONTH', '2027-03-31T17:00:00.000Z', '2027-10-14T17:00:00.000Z');
    expect(publicDefaultRound([twelve, late], new Date('2027-10-05T00:00:00.000Z'))).toBe('SIX_MONTH');
    expect(publicDefaultRound([twelve, late], new Date('2027-10-14T17:00:00.000Z'))).toBe('TWELVE_MONTH');
  });

  it('between and after the windows, the latest round that has opened', () => {
    // The 6-month round has closed; the 12-month one has not opened yet.
    expect(publicDefaultRound([six, twelve], new Date('2027-04-30T17:00:00.000Z'))).toBe('SIX_MONTH');
    expect(publicDefaultRound([six, twelve], new Date('2028-01-10T00:00:00.000Z'))).toBe('TWELVE_MONTH');
    expect(publicDefaultRound([twelve, six], new Date('2028-01-10T00:00:00.000Z'))).toBe('TWELVE_MONTH');
  });

  it('before any round has opened, or with no rounds, the 6-month round', () => {
    expect(publicDefaultRound([six, twelve], new Date('2026-12-01T00:00:00.000Z'))).toBe('SIX_MONTH');
    expect(publicDefaultRound([], new Date('2027-10-15T00:00:00.000Z'))).toBe('SIX_MONTH');
  });
});
