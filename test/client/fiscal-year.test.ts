import { currentFiscalYear, defaultFiscalYear } from '../../client/src/composables/fiscal-year';

const cycles = [
  { id: '1', nameTh: '2561–2565', startYear: 2561, endYear: 2565 },
  { id: '2', nameTh: '2566–2570', startYear: 2566, endYear: 2570 },
];
const december2026 = new Date('2026-12-07T05:00:00Z');

describe('the fiscal year a page opens on', () => {
  it('starts the fiscal year on 1 October, Bangkok time', () => {
    expect(currentFiscalYear(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(currentFiscalYear(new Date('2026-09-30T17:00:00Z'))).toBe(2570);
  });

  it('opens the current year, or, for an LAO whose current year has no plan, its newest year with one', () => {
    expect(defaultFiscalYear(cycles, null, december2026)).toBe(2570);
    expect(defaultFiscalYear(cycles, [2570, 2566], december2026)).toBe(2570);
    expect(defaultFiscalYear(cycles, [2566, 2567], december2026)).toBe(2567);
    // No plan at all: the current year (where the LAO records its first project).
    expect(defaultFiscalYear(cycles, [], december2026)).toBe(2570);
    // Years outside every cycle are not offered.
    expect(defaultFiscalYear(cycles, [2580], december2026)).toBe(2570);
    // After the last cycle: its last year.
    expect(defaultFiscalYear(cycles, null, new Date('2028-01-01T00:00:00Z'))).toBe(2570);
  });
});
