import { nextTick } from 'vue';
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { ensureViewer, homePathFor, naccRoles, takeSessionEnded, useAuth } from '../composables/use-auth';
import { i18n } from '../i18n';
import { routes } from './routes';

export const router = createRouter({
  history: createWebHistory(),
  routes,
  // An address with #section (the help centre's) opens at that section.
  scrollBehavior: (to, _from, saved) => saved ?? (to.hash ? { el: to.hash } : { top: 0 }),
});

const { viewer, viewerError } = useAuth();

/** Pages that need an account (the root sends an account to its home). */
export const needsAccount = (to: RouteLocationNormalized): boolean =>
  to.name === 'root' || !['public', 'guest', undefined].includes(to.meta.access);

router.beforeEach(async (to) => {
  await ensureViewer();
  const current = viewer.value;
  const sessionEnded = takeSessionEnded();
  // The server could not say who we are (down, overloaded, offline): the session is kept and
  // App.vue shows the failure with a retry instead of the page; never the sign-in page.
  if (!current && viewerError.value !== null && needsAccount(to)) return true;
  if (to.name === 'root') return homePathFor(current);
  const access = to.meta.access ?? 'public';
  if (access === 'public') return true;
  if (access === 'guest') return current ? homePathFor(current) : true;
  if (!current) {
    const expired = sessionEnded ? { expired: '1' } : {};
    return { name: 'login', query: { redirect: to.fullPath, ...expired } };
  }
  // A password that must change first (e.g. kept from the legacy system): nothing else until it is.
  if (current.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' };
  // First-use wizard: an LAO with an unfinished profile can reach nothing else.
  if (current.account.role === 'LAO' && current.mustCompleteProfile && to.name !== 'profile') {
    return { name: 'profile' };
  }
  const role = current.account.role;
  if (access === 'lao' && role !== 'LAO') return homePathFor(current);
  if (access === 'nacc' && !naccRoles.includes(role)) return homePathFor(current);
  if (access === 'naccCentral' && role !== 'NACC_CENTRAL') return homePathFor(current);
  if (access === 'naccAdmin' && !(role === 'NACC_CENTRAL' && current.account.administrator))
    return homePathFor(current);
  return true;
});

/** Sets the document title of a route in the current language. */
export const applyTitle = (route: RouteLocationNormalized): void => {
  const { t } = i18n.global;
  const page = route.meta.titleKey ? t(route.meta.titleKey) : '';
  document.title = page ? `${page} · ${t('app.name')}` : t('app.name');
};

let firstNavigation = true;
router.afterEach((to, from, failure) => {
  if (failure) return;
  applyTitle(to);
  if (firstNavigation) {
    firstNavigation = false;
    return;
  }
  // Same page, other query (a filter such as ?year=): focus stays on the control that changed it.
  if (to.path === from.path) return;
  // Single-page navigation is silent for screen readers: move focus to the new page's heading.
  void nextTick(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  });
});
