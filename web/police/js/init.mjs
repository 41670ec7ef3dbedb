/* Starts the police console: the residents' page's modules (i18n, API client, router, components) with
 * the console's own views. Every route passes the sign-in gate first: signed out, the sign-in view shows
 * in place of the one asked for (which follows once signed in, so the email's link to a tasking still
 * lands on it); a view the officer's groups may not use shows why instead. */

import { startComponents } from '../../js/component.mjs';
import { I18n, initialLang, otherLang } from '../../js/i18n.mjs';
import { Page } from '../../js/page.mjs';
import { Router } from '../../js/router.mjs';
import { store } from '../../js/store.mjs';
import { PoliceApi } from './police-api.mjs';
import { parseConsoleHash } from './routes.mjs';
import { Session } from './session.mjs';

/** The views in index.html (each #view-<name>); only the one on show is in the document. */
const VIEWS = ['sign-in', 'home', 'proposals', 'taskings', 'tasking', 'currency', 'ballots', 'areas', 'area', 'subscriptions',
  'forbidden', 'missing'];

const COMPONENTS = {
  'language-switch': () => import('../../js/components/language-switch.mjs').then((m) => m.LanguageSwitch),
  'staff-bar': () => import('./components/staff-bar.mjs').then((m) => m.StaffBar),
  'sign-in': () => import('./components/sign-in.mjs').then((m) => m.SignIn),
  'who-am-i': () => import('./components/who-am-i.mjs').then((m) => m.WhoAmI),
  proposals: () => import('./components/proposals.mjs').then((m) => m.Proposals),
  taskings: () => import('./components/taskings.mjs').then((m) => m.Taskings),
  tasking: () => import('./components/tasking.mjs').then((m) => m.Tasking),
  currency: () => import('./components/currency.mjs').then((m) => m.Currency),
  'take-ballot': () => import('./components/take-ballot.mjs').then((m) => m.TakeBallot),
  areas: () => import('./components/areas.mjs').then((m) => m.Areas),
  'area-edit': () => import('./components/area-edit.mjs').then((m) => m.AreaEdit),
  subscriptions: () => import('./components/subscriptions.mjs').then((m) => m.Subscriptions),
  'plain-view': () => import('./components/plain-view.mjs').then((m) => m.PlainView),
};

function initAll(app, scope) {
  return startComponents(app, scope, COMPONENTS);
}

/** The route a hash names, after the sign-in gate and the groups' check. */
function gate(session, hash) {
  const route = parseConsoleHash(hash);
  session.forgetStale();
  if (!session.token) return { view: 'sign-in', wanted: route.view === 'sign-in' ? '#/' : hash };
  if (route.view === 'sign-in') return { view: 'home' };
  if (!session.may(route.view)) return { view: 'forbidden', asked: route.view };
  return route;
}

async function start() {
  const root = document.documentElement;
  const i18n = new I18n('../i18n/');
  i18n.parts.add('police');
  let lang = initialLang(store.get('lang'));
  try {
    await i18n.use(lang);
  } catch {
    lang = otherLang(lang);
    await i18n.use(lang);
  }
  const session = new Session();
  const app = {
    i18n,
    session,
    api: new PoliceApi(root.dataset.api || '/api', () => i18n.lang, session),
    page: new Page(i18n, { views: VIEWS, appName: 'police.title' }),
    events: new EventTarget(),
    prepare: (view) => initAll(app, app.page.view(view)),
  };
  app.router = new Router(({ view }) => app.prepare(view), (hash) => gate(session, hash));
  // Signing in or out (or the API ending a session) shows the view the address now gives.
  session.addEventListener('change', () => app.router.emit(true));
  await initAll(app, document.querySelector('header'));
  app.page.applyStatic();
  await app.router.emit(false);
  root.classList.add('ready');
}

start();
