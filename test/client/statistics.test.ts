import {
  chartHeightOf,
  columnGroups,
  statisticsTotals,
  type Counts,
} from '../../client/src/composables/statistics';

/** A province's row: every count zero but the ones given. */
const row = (counts: Partial<Counts>): Counts => ({
  laoCount: 0,
  plansPassed: 0,
  plansIncomplete: 0,
  plansSubmitted: 0,
  plansNotSubmitted: 0,
  noPassedPlan: 0,
  fullyReported: 0,
  partlyReported: 0,
  notReported: 0,
  levelHigh: 0,
  levelMedium: 0,
  levelLow: 0,
  ...counts,
});

describe('the statistics tables', () => {
  it('sums every column of the table into the totals row', () => {
    const rows = [
      row({ laoCount: 120, plansPassed: 100, plansIncomplete: 8, plansSubmitted: 5, plansNotSubmitted: 7 }),
      row({
        laoCount: 45,
        plansPassed: 40,
        plansNotSubmitted: 5,
        levelHigh: 30,
        levelMedium: 6,
        levelLow: 4,
      }),
      row({ laoCount: 1, noPassedPlan: 1 }),
      row({ fullyReported: 70, partlyReported: 20, notReported: 50, levelHigh: 12 }),
    ];
    expect(statisticsTotals(rows)).toEqual({
      laoCount: 166,
      plansPassed: 140,
      plansIncomplete: 8,
      plansSubmitted: 5,
      plansNotSubmitted: 12,
      noPassedPlan: 1,
      fullyReported: 70,
      partlyReported: 20,
      notReported: 50,
      levelHigh: 42,
      levelMedium: 6,
      levelLow: 4,
    });
  });

  it('has a total for every column the header shows, each summed on its own', () => {
    const columns = columnGroups.flatMap((group) => group.columns.map((column) => column.key));
    expect(columns).toHaveLength(11);
    columns.forEach((key, index) => {
      // Each column gets a different count in each row: a total read from the wrong column shows.
      const rows = [row({ [key]: index + 1 }), row({ [key]: 100 * (index + 1) })];
      const totals = statisticsTotals(rows);
      expect(totals[key]).toBe(101 * (index + 1));
      for (const other of columns) if (other !== key) expect(totals[other]).toBe(0);
    });
  });

  it('shows zeros, not an empty row, when no province has data', () => {
    expect(statisticsTotals([])).toEqual(row({}));
  });

  it('gives the chart a bar per row and never less than 14rem', () => {
    expect(chartHeightOf(0)).toBe('14rem');
    expect(chartHeightOf(5)).toBe('14rem');
    expect(chartHeightOf(10)).toBe('21rem');
    // 77 provinces.
    expect(chartHeightOf(77)).toBe('128.2rem');
  });
});
