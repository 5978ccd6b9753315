import { registerEnumType } from 'type-graphql';

/** What a partner API key may read. Keys never write. */
export enum ApiScope {
  MASTER_DATA = 'MASTER_DATA',
  PLANS = 'PLANS',
  REPORTS = 'REPORTS',
  AGGREGATES = 'AGGREGATES',
}

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'A read permission of a partner API key.',
  valuesConfig: {
    MASTER_DATA: {
      description: 'LAO master data: code, name, type, size, province, district, public profile.',
    },
    PLANS: { description: 'Plans, their assessments and projects with review results.' },
    REPORTS: { description: 'Progress reports of projects (both rounds).' },
    AGGREGATES: { description: 'Statistics, implementation tables, LAO summaries, reporting coverage.' },
  },
});

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
