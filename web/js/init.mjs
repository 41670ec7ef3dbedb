/* Starts the page: loads the catalogue, then one component per element with a data-module
 * attribute, then the first route. Components reach each other only through `app`. */

import { Api } from './api.mjs';
import { I18n, initialLang, otherLang } from './i18n.mjs';
import { Page } from './page.mjs';
import { Router } from './router.mjs';
import { store } from './store.mjs';
import { AreaFinder } from './components/area-finder.mjs';
import { AreaResults } from './components/area-results.mjs';
import { Allocator } from './components/allocator.mjs';
import { BallotPage } from './components/ballot-page.mjs';
import { BallotSubmit } from './components/ballot-submit.mjs';
import { DistrictResults } from './components/district-results.mjs';
import { LanguageSwitch } from './components/language-switch.mjs';
import { Receipt } from './components/receipt.mjs';
import { ResultsPage } from './components/results-page.mjs';
import { Share } from './components/share.mjs';
import { Taskings } from './components/taskings.mjs';

const COMPONENTS = [
  AreaFinder, AreaResults, Allocator, BallotPage, BallotSubmit, DistrictResults, LanguageSwitch,
  Receipt, ResultsPage, Share, Taskings,
];

/** Starts every component under `scope`, in document order (so a view hears a route before its parts). */
export function initAll(app, scope = document) {
  const byName = new Map(COMPONENTS.map((C) => [C.moduleName, C]));
  return [...scope.querySelectorAll('[data-module]')].map((el) => {
    const Known = byName.get(el.dataset.module);
    if (!Known) throw new Error(`no component called ${el.dataset.module}`);
    return new Known(el, app);
  });
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
    router: new Router(),
    page: new Page(i18n),
    events: new EventTarget(),
  };
  initAll(app);
  app.page.applyStatic();
  app.router.emit(false);
  root.classList.add('ready');
}

start();
