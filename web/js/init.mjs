/* Starts the page: loads the catalogue, starts the components of the header, and before each route
 * the components of the view it shows (each from the data-module on its root, loaded on first use,
 * so a first visit fetches only what its view needs). Components reach each other only through `app`. */

import { Api } from './api.mjs';
import { startComponents } from './component.mjs';
import { I18n, initialLang, otherLang } from './i18n.mjs';
import { Page } from './page.mjs';
import { Router } from './router.mjs';
import { store } from './store.mjs';

const COMPONENTS = {
  'language-switch': () => import('./components/language-switch.mjs').then((m) => m.LanguageSwitch),
  'area-finder': () => import('./components/area-finder.mjs').then((m) => m.AreaFinder),
  'ballot-page': () => import('./components/ballot-page.mjs').then((m) => m.BallotPage),
  'ballot-submit': () => import('./components/ballot-submit.mjs').then((m) => m.BallotSubmit),
  allocator: () => import('./components/allocator.mjs').then((m) => m.Allocator),
  'age-band': () => import('./components/age-band.mjs').then((m) => m.AgeBand),
  'results-page': () => import('./components/results-page.mjs').then((m) => m.ResultsPage),
  receipt: () => import('./components/receipt.mjs').then((m) => m.Receipt),
  'area-results': () => import('./components/area-results.mjs').then((m) => m.AreaResults),
  'district-results': () => import('./components/district-results.mjs').then((m) => m.DistrictResults),
  'past-rounds': () => import('./components/past-rounds.mjs').then((m) => m.PastRounds),
  taskings: () => import('./components/taskings.mjs').then((m) => m.Taskings),
  'receipt-check': () => import('./components/receipt-check.mjs').then((m) => m.ReceiptCheck),
  share: () => import('./components/share.mjs').then((m) => m.Share),
  'suggest-priority': () => import('./components/suggest-priority.mjs').then((m) => m.SuggestPriority),
  'suggestion-check': () => import('./components/suggestion-check.mjs').then((m) => m.SuggestionCheck),
  'verify-phone': () => import('./components/verify-phone.mjs').then((m) => m.VerifyPhone),
};

/** Starts the components in `scope` not started yet (a view and its parts, or the header). */
export function initAll(app, scope) {
  return startComponents(app, scope, COMPONENTS);
}

async function start() {
  const root = document.documentElement;
  const i18n = new I18n();
  let lang = initialLang(store.get('lang'));
  if (new URLSearchParams(location.search).get('lang') === lang) store.set('lang', lang);
  try {
    await i18n.use(lang);
  } catch {
    lang = otherLang(lang);
    await i18n.use(lang); // with neither catalogue there are no words to show: the page stays unready
  }
  const app = {
    i18n,
    api: new Api(root.dataset.api || '/api', () => i18n.lang),
    page: new Page(i18n),
    events: new EventTarget(),
    /** Makes sure a view's components are running (before its route, or before handing it news). */
    prepare: (view) => initAll(app, app.page.view(view)),
  };
  app.router = new Router(({ view }) => app.prepare(view));
  await initAll(app, document.querySelector('header'));
  app.page.applyStatic();
  await app.router.emit(false);
  root.classList.add('ready');
}

start();
