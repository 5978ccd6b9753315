import { registerEnumType } from 'type-graphql';

/** สถานะการนิเทศติดตาม: planned by the provincial office, or done (the visit took place). */
export enum SiteVisitStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
}

/** The planner's filter: LAOs without a visit of the year, with a planned one, with a done one. */
export enum SiteVisitFilter {
  NOT_PLANNED = 'NOT_PLANNED',
  PLANNED = 'PLANNED',
  DONE = 'DONE',
}

export const siteVisitStatusLabels: Record<SiteVisitStatus, string> = {
  PLANNED: 'วางแผนแล้ว',
  DONE: 'นิเทศติดตามแล้ว',
};

registerEnumType(SiteVisitStatus, {
  name: 'SiteVisitStatus',
  description: 'A site visit (การนิเทศติดตาม): planned (a date set) or done (visited, findings recorded).',
  valuesConfig: {
    PLANNED: { description: 'Planned: the provincial office has set a date (วางแผนแล้ว).' },
    DONE: { description: 'Done: the visit took place (นิเทศติดตามแล้ว).' },
  },
});

registerEnumType(SiteVisitFilter, {
  name: 'SiteVisitFilter',
  description: 'Which LAOs the site-visit planner lists.',
  valuesConfig: {
    NOT_PLANNED: { description: 'LAOs without a visit of the year.' },
    PLANNED: { description: 'LAOs with a planned visit not done yet.' },
    DONE: { description: 'LAOs visited.' },
  },
});
