import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useFormat } from './use-format';
import type {
  Dimension,
  PlanStatus,
  ProjectOrder,
  ReviewStatus,
  TargetGroup,
  WorkType,
} from '../graphql/generated';

// The enums of the plan, in the order of the legacy forms.
export const dimensions: readonly Dimension[] = ['SOCIETY', 'ADMINISTRATION', 'PARTICIPATION', 'OVERSIGHT'];
export const workTypes: readonly WorkType[] = ['PROJECT', 'ACTIVITY', 'MEASURE', 'GUIDELINE'];
export const targetGroups: readonly TargetGroup[] = [
  'POLITICAL_EXECUTIVES',
  'LOCAL_COUNCIL_MEMBERS',
  'OFFICIALS',
  'CHILDREN_AND_YOUTH',
  'PUBLIC',
  'EDUCATIONAL_INSTITUTIONS',
  'GOVERNMENT_AGENCIES',
  'STATE_ENTERPRISES',
  'PRIVATE_SECTOR',
  'YOUTH_VOLUNTEERS',
  'LOCAL_GOVERNMENT_AGENCIES',
];
export const reviewStatuses: readonly ReviewStatus[] = ['PENDING', 'APPROVED', 'REJECTED'];
export const planStatuses: readonly PlanStatus[] = ['DRAFT', 'SUBMITTED', 'PASSED', 'INCOMPLETE'];
export const projectOrders: readonly ProjectOrder[] = ['RECORDED', 'NAME', 'DIMENSION', 'BUDGET_DESC'];
export const quarters: readonly number[] = [1, 2, 3, 4];

/** Translated option lists for selects, checkboxes and radios. */
export const usePlanOptions = () => {
  const { t } = useI18n();
  const { fiscalYearOption } = useFormat();
  const of = <T extends string>(values: readonly T[], key: string) =>
    computed(() => values.map((value) => ({ value: value as string, label: t(`${key}.${value}`) })));
  return {
    dimensionOptions: of(dimensions, 'dimension'),
    workTypeOptions: of(workTypes, 'workType'),
    targetGroupOptions: of(targetGroups, 'targetGroup'),
    reviewStatusOptions: of(reviewStatuses, 'reviewStatus'),
    planStatusOptions: of(planStatuses, 'planStatus'),
    orderOptions: of(projectOrders, 'projectOrder'),
    quarterOptions: computed(() => quarters.map((q) => ({ value: String(q), label: t(`quarter.q${q}`) }))),
    yearOptions: (years: readonly number[]) =>
      years.map((year) => ({ value: String(year), label: fiscalYearOption(year) })),
  };
};
