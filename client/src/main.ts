import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/700.css';
import './styles.css';
import './print.css';
import { DefaultApolloClient } from '@vue/apollo-composable';
import { createApp } from 'vue';
import { START_LOCATION } from 'vue-router';
import App from './App.vue';
import { apolloClient, onUnauthenticated } from './apollo/client';
import { endSession } from './composables/use-auth';
import { i18n } from './i18n';
import { router } from './router';

// The server no longer knows our session (expired, revoked): forget it and sign in again.
onUnauthenticated(() => {
  const here = router.currentRoute.value;
  // At start-up the viewer query ends the session itself and the guard decides where to go.
  if (here === START_LOCATION) return;
  const open = here.meta.access === 'public' || here.meta.access === 'guest';
  void endSession().then(() =>
    open ? undefined : router.replace({ name: 'login', query: { redirect: here.fullPath, expired: '1' } }),
  );
});

const app = createApp(App);
app.provide(DefaultApolloClient, apolloClient);
app.use(i18n);
app.use(router);
void router.isReady().then(() => app.mount('#app'));
