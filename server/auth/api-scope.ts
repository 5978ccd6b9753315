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
