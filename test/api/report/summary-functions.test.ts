import {
  liveSummaryFunctionsSql,
  rebuildLaoSummariesBody,
  refreshLaoSummaryBody,
} from '../../../server/modules/report/summary-functions';
import { createTestDatabase } from '../../helpers/test-database';
import { createDataSource } from '../../../server/db/data-source';

/**
 * The summary functions in a migrated database are exactly the texts the rulebook builds
 * (server/modules/report/summary-functions.ts): a change to "which projects count" that no
 * migration installs, or a migration that installs something else, fails here.
 */
describe('summary functions: the database runs what the rulebook says', () => {
  it('has the rulebook’s refresh_lao_summary and rebuild_lao_summaries', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const live: { name: string; body: string }[] = await dataSource.query(liveSummaryFunctionsSql);
      expect(live).toEqual([
        { name: 'rebuild_lao_summaries', body: rebuildLaoSummariesBody },
        { name: 'refresh_lao_summary', body: refreshLaoSummaryBody },
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
