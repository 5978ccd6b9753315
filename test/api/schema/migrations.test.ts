import { createDataSource } from '../../../server/db/data-source';
import { createTestDatabase } from '../../helpers/test-database';

describe('migrations', () => {
  it('leave nothing for migration:generate to find (entities and migrations agree)', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('can all be reverted and applied again', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      for (let i = 0; i < dataSource.migrations.length; i += 1) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
      );
      expect(tables[0].n).toBe(0);
      const applied = await dataSource.runMigrations();
      expect(applied).toHaveLength(dataSource.migrations.length);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
