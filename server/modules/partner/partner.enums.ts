import { registerEnumType } from 'type-graphql';
import { ApiScope } from '../../auth/api-scope';

/** Record kinds a partner mirrors; deletions of these appear as tombstones. */
export enum SyncEntity {
  LAO = 'LAO',
  PLAN = 'PLAN',
  PROJECT = 'PROJECT',
  REPORT = 'REPORT',
}

registerEnumType(SyncEntity, {
  name: 'SyncEntity',
  description: 'Kind of a mirrored record.',
  valuesConfig: {
    LAO: { description: 'An LAO (Query.laos).' },
    PLAN: { description: 'A plan of one fiscal year (Query.plans).' },
    PROJECT: { description: 'A project (Query.projects).' },
    REPORT: { description: 'A progress report (Query.reports).' },
  },
});

/** The scope that lets a partner see records of a kind. */
export const scopeOfEntity: Record<SyncEntity, ApiScope> = {
  LAO: ApiScope.MASTER_DATA,
  PLAN: ApiScope.PLANS,
  PROJECT: ApiScope.PLANS,
  REPORT: ApiScope.REPORTS,
};
