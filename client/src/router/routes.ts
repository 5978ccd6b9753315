import type { RouteRecordRaw } from 'vue-router';

/**
 * Who may open a route: anyone, only signed-out people, any account, one audience, NACC central
 * only, or NACC central administrators only.
 */
export type Access = 'public' | 'guest' | 'signedIn' | 'lao' | 'nacc' | 'naccCentral' | 'naccAdmin';

declare module 'vue-router' {
  interface RouteMeta {
    access?: Access;
    /** i18n key of the page title. */
    titleKey?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  // Sent on to the viewer's home by the guard.
  { path: '/', name: 'root', component: { render: () => null }, meta: { access: 'public' } },
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/auth/login-view.vue'),
    meta: { access: 'guest', titleKey: 'auth.loginTitle' },
  },
  {
    path: '/activate',
    name: 'activate',
    component: () => import('../views/auth/activate-view.vue'),
    meta: { access: 'guest', titleKey: 'auth.activateTitle' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('../views/auth/forgot-password-view.vue'),
    meta: { access: 'public', titleKey: 'auth.forgotTitle' },
  },
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('../views/auth/reset-password-view.vue'),
    meta: { access: 'public', titleKey: 'auth.resetTitle' },
  },
  {
    // A staff invitation's link (or admin:create's): the first password of a NACC account.
    path: '/setup-password',
    name: 'setup-password',
    component: () => import('../views/auth/setup-password-view.vue'),
    meta: { access: 'public', titleKey: 'staffSetup.title' },
  },
  {
    path: '/account/password',
    name: 'change-password',
    component: () => import('../views/auth/change-password-view.vue'),
    meta: { access: 'signedIn', titleKey: 'auth.changeTitle' },
  },
  {
    path: '/account/security',
    name: 'account-security',
    component: () => import('../views/auth/account-security-view.vue'),
    meta: { access: 'signedIn', titleKey: 'secondFactor.securityTitle' },
  },
  {
    path: '/public',
    name: 'public',
    component: () => import('../views/public/public-home-view.vue'),
    meta: { access: 'public', titleKey: 'public.title' },
  },
  // The public pages: no sign-in needed, and open to signed-in staff too.
  {
    path: '/public/lao/:code',
    name: 'public-lao',
    component: () => import('../views/public/public-lao-view.vue'),
    meta: { access: 'public', titleKey: 'public.title' },
  },
  {
    path: '/public/province/:provinceId',
    name: 'public-province',
    component: () => import('../views/public/public-province-view.vue'),
    meta: { access: 'public', titleKey: 'provinceReport.title' },
  },
  {
    path: '/public/national',
    name: 'public-national',
    component: () => import('../views/public/public-national-view.vue'),
    meta: { access: 'public', titleKey: 'public.nationalTitle' },
  },
  {
    path: '/public/open-data',
    name: 'public-open-data',
    component: () => import('../views/public/public-open-data-view.vue'),
    meta: { access: 'public', titleKey: 'public.openDataTitle' },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('../views/lao/profile-view.vue'),
    meta: { access: 'lao', titleKey: 'profile.title' },
  },
  {
    path: '/lao',
    name: 'lao-home',
    component: () => import('../views/lao/lao-home-view.vue'),
    meta: { access: 'lao', titleKey: 'laoHome.title' },
  },
  {
    path: '/lao/records',
    name: 'lao-records',
    component: () => import('../views/lao/lao-records-view.vue'),
    meta: { access: 'lao', titleKey: 'nav.records' },
  },
  {
    path: '/lao/records/new',
    name: 'lao-project-new',
    component: () => import('../views/lao/lao-project-form-view.vue'),
    meta: { access: 'lao', titleKey: 'projectForm.newTitle' },
  },
  {
    path: '/lao/records/import',
    name: 'lao-project-import',
    component: () => import('../views/lao/lao-import-view.vue'),
    meta: { access: 'lao', titleKey: 'projectImport.title' },
  },
  {
    path: '/lao/records/:id(\\d+)/edit',
    name: 'lao-project-edit',
    component: () => import('../views/lao/lao-project-form-view.vue'),
    meta: { access: 'lao', titleKey: 'projectForm.editTitle' },
  },
  {
    path: '/lao/records/:id(\\d+)/history',
    name: 'lao-project-history',
    component: () => import('../views/lao/lao-history-view.vue'),
    meta: { access: 'lao', titleKey: 'history.projectTitle' },
  },
  {
    path: '/lao/history',
    name: 'lao-history',
    component: () => import('../views/lao/lao-history-view.vue'),
    meta: { access: 'lao', titleKey: 'history.title' },
  },
  {
    path: '/lao/assessment',
    name: 'lao-assessment',
    component: () => import('../views/lao/lao-assessment-view.vue'),
    meta: { access: 'lao', titleKey: 'nav.assessment' },
  },
  {
    path: '/lao/reports',
    name: 'lao-reports',
    component: () => import('../views/lao/lao-reports-view.vue'),
    meta: { access: 'lao', titleKey: 'reports.title' },
  },
  {
    path: '/lao/exports',
    name: 'lao-exports',
    component: () => import('../views/lao/lao-exports-view.vue'),
    meta: { access: 'lao', titleKey: 'nav.reports' },
  },
  {
    path: '/lao/exports/plan-table',
    name: 'lao-plan-table',
    component: () => import('../views/lao/lao-plan-table-view.vue'),
    meta: { access: 'lao', titleKey: 'planTable.pageTitle' },
  },
  {
    path: '/lao/exports/assessment',
    name: 'lao-assessment-report',
    component: () => import('../views/lao/lao-assessment-report-view.vue'),
    meta: { access: 'lao', titleKey: 'assessmentReport.title' },
  },
  {
    path: '/lao/exports/performance',
    name: 'lao-performance',
    component: () => import('../views/lao/lao-performance-view.vue'),
    meta: { access: 'lao', titleKey: 'performance.pageTitle' },
  },
  {
    path: '/lao/exports/status',
    name: 'lao-status-report',
    component: () => import('../views/lao/lao-status-view.vue'),
    meta: { access: 'lao', titleKey: 'statusReport.pageTitle' },
  },
  {
    path: '/lao/follow-up',
    name: 'lao-follow-up',
    component: () => import('../views/lao/lao-follow-up-view.vue'),
    meta: { access: 'lao', titleKey: 'siteVisit.laoTitle' },
  },
  {
    // Shared by every signed-in role: an LAO and a provincial office see their own province.
    path: '/reports/province',
    name: 'province-report',
    component: () => import('../views/reports/province-report-view.vue'),
    meta: { access: 'signedIn', titleKey: 'provinceReport.title' },
  },
  {
    path: '/nacc',
    name: 'nacc-home',
    component: () => import('../views/nacc/nacc-home-view.vue'),
    meta: { access: 'nacc', titleKey: 'nacc.homeTitle' },
  },
  {
    path: '/nacc/laos',
    name: 'nacc-laos',
    component: () => import('../views/nacc/nacc-laos-view.vue'),
    meta: { access: 'nacc', titleKey: 'nacc.laosTitle' },
  },
  {
    path: '/nacc/laos/import',
    name: 'nacc-lao-import',
    component: () => import('../views/nacc/nacc-lao-import-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'laoImport.title' },
  },
  // The LAO report pages, for any LAO within the NACC viewer's reach (laoId from the address).
  {
    path: '/nacc/laos/:laoId/plan-table',
    name: 'nacc-lao-plan-table',
    component: () => import('../views/lao/lao-plan-table-view.vue'),
    meta: { access: 'nacc', titleKey: 'planTable.pageTitle' },
  },
  {
    path: '/nacc/laos/:laoId/performance',
    name: 'nacc-lao-performance',
    component: () => import('../views/lao/lao-performance-view.vue'),
    meta: { access: 'nacc', titleKey: 'performance.pageTitle' },
  },
  {
    path: '/nacc/laos/:laoId/status',
    name: 'nacc-lao-status',
    component: () => import('../views/lao/lao-status-view.vue'),
    meta: { access: 'nacc', titleKey: 'statusReport.pageTitle' },
  },
  {
    // An LAO's change history for NACC, where a deleted project can be restored (issue 23).
    path: '/nacc/laos/:laoId/history',
    name: 'nacc-lao-history',
    component: () => import('../views/lao/lao-history-view.vue'),
    meta: { access: 'nacc', titleKey: 'history.title' },
  },
  {
    path: '/nacc/laos/:laoId/assessment',
    name: 'nacc-lao-assessment',
    component: () => import('../views/lao/lao-assessment-report-view.vue'),
    meta: { access: 'nacc', titleKey: 'assessmentReport.title' },
  },
  {
    path: '/nacc/review',
    name: 'nacc-review',
    component: () => import('../views/nacc/nacc-review-view.vue'),
    meta: { access: 'nacc', titleKey: 'review.title' },
  },
  {
    path: '/nacc/assessments',
    name: 'nacc-assessments',
    component: () => import('../views/nacc/nacc-assessments-view.vue'),
    meta: { access: 'nacc', titleKey: 'plans.title' },
  },
  {
    path: '/nacc/assessments/:laoId/:fiscalYear(\\d{4})',
    name: 'nacc-assess',
    component: () => import('../views/nacc/nacc-assess-view.vue'),
    meta: { access: 'nacc', titleKey: 'assess.title' },
  },
  {
    path: '/nacc/rounds',
    name: 'nacc-rounds',
    component: () => import('../views/nacc/nacc-rounds-view.vue'),
    meta: { access: 'nacc', titleKey: 'rounds.title' },
  },
  {
    path: '/nacc/extensions',
    name: 'nacc-extensions',
    component: () => import('../views/nacc/nacc-extensions-view.vue'),
    meta: { access: 'nacc', titleKey: 'extensions.title' },
  },
  {
    path: '/nacc/not-reported',
    name: 'nacc-not-reported',
    component: () => import('../views/nacc/nacc-not-reported-view.vue'),
    meta: { access: 'nacc', titleKey: 'notReported.title' },
  },
  {
    path: '/nacc/statistics',
    name: 'nacc-statistics',
    component: () => import('../views/nacc/nacc-statistics-view.vue'),
    meta: { access: 'nacc', titleKey: 'statistics.title' },
  },
  {
    path: '/nacc/site-visits',
    name: 'nacc-site-visits',
    component: () => import('../views/nacc/nacc-site-visits-view.vue'),
    meta: { access: 'nacc', titleKey: 'siteVisit.plannerTitle' },
  },
  {
    path: '/nacc/site-visits/:laoId(\\d+)/:fiscalYear(\\d{4})',
    name: 'nacc-site-visit',
    component: () => import('../views/nacc/nacc-site-visit-view.vue'),
    meta: { access: 'nacc', titleKey: 'siteVisit.formTitle' },
  },
  {
    path: '/nacc/cycles',
    name: 'nacc-cycles',
    component: () => import('../views/nacc/nacc-cycles-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'cycles.title' },
  },
  {
    path: '/nacc/pass-marks',
    name: 'nacc-pass-marks',
    component: () => import('../views/nacc/nacc-pass-marks-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'passMarks.title' },
  },
  {
    path: '/nacc/ita',
    name: 'nacc-ita',
    component: () => import('../views/nacc/nacc-ita-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'ita.title' },
  },
  {
    path: '/nacc/api-keys',
    name: 'nacc-api-keys',
    component: () => import('../views/nacc/nacc-api-keys-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'apiKeys.title' },
  },
  {
    // The help centre (issue 24): anyone, signed in or not; /help#<section> opens a section.
    path: '/help',
    name: 'help',
    component: () => import('../views/help/help-view.vue'),
    meta: { access: 'public', titleKey: 'help.title' },
  },
  {
    // NACC's contact and complaint channels: central analysts read them, administrators edit them.
    path: '/nacc/contacts',
    name: 'nacc-contacts',
    component: () => import('../views/nacc/nacc-contacts-view.vue'),
    meta: { access: 'naccCentral', titleKey: 'help.admin.title' },
  },
  {
    path: '/nacc/staff',
    name: 'nacc-staff',
    component: () => import('../views/nacc/nacc-staff-view.vue'),
    meta: { access: 'naccAdmin', titleKey: 'staff.title' },
  },
  {
    path: '/nacc/regions',
    name: 'nacc-regions',
    component: () => import('../views/nacc/nacc-regions-view.vue'),
    meta: { access: 'naccAdmin', titleKey: 'regions.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/public/not-found-view.vue'),
    meta: { access: 'public', titleKey: 'notFound.title' },
  },
];
