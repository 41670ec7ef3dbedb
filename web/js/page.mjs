/* The page around the components: which view shows, the loading line, the document title, the
 * words written into index.html (data-i18n), the skip link and the "not found" view.
 * Only the view on show is in the document: the others are kept aside (their components still
 * hold them), so nothing of a view not on show reaches a screen reader, a checker or a search.
 * The police console uses it too, with its own views and name. */

import { setText } from './dom.mjs';
import { otherLang } from './i18n.mjs';
import { routeHref } from './router.mjs';

const VIEWS = ['home', 'ballot', 'results', 'receipt', 'suggest', 'suggestion', 'missing'];

export class Page {
  /** views: the names of the views in index.html (each #view-<name>); appName: the catalogue key of the
   * name after a view's words in the tab. */
  constructor(i18n, { views = VIEWS, appName = 'appName' } = {}) {
    this.i18n = i18n;
    this.appName = appName;
    this.titleText = () => '';
    this.loadingLine = document.getElementById('loading');
    this.main = document.getElementById('main');
    for (const a of document.querySelectorAll('a[href^="#/"]')) a.href = routeHref(a.getAttribute('href'));
    this.views = new Map(views.map((v) => [v, document.getElementById(`view-${v}`)]));
    for (const el of this.views.values()) el.remove();
    i18n.addEventListener('change', () => this.applyStatic());
    document.querySelector('.skip-link').addEventListener('click', (ev) => {
      ev.preventDefault();
      this.main.focus();
      this.main.scrollIntoView();
    });
  }

  applyStatic() {
    const { i18n } = this;
    document.documentElement.lang = i18n.lang;
    const scopes = new Set([document, ...this.views.values()]);
    for (const scope of scopes) {
      for (const el of scope.querySelectorAll('[data-i18n]')) setText(el, i18n.t(el.dataset.i18n));
    }
    document.getElementById('lang-toggle').lang = otherLang(i18n.lang);
    this.title(this.titleText);
  }

  /** Shows one view; `title` gives the words before the app's name in the tab (kept across languages). */
  show(name, title) {
    for (const [v, el] of this.views) {
      el.hidden = v !== name;
      if (v !== name) el.remove();
      else if (!el.isConnected) this.main.append(el);
    }
    this.loading(false);
    if (title) this.title(title);
  }

  title(text) {
    this.titleText = text;
    const words = text();
    const app = this.i18n.t(this.appName);
    document.title = words ? `${words} | ${app}` : app;
  }

  /** A view's root, in the document or not. */
  view(name) {
    return this.views.get(name);
  }

  isShowing(name) {
    return this.views.get(name)?.isConnected;
  }

  loading(on) {
    setText(this.loadingLine, on ? this.i18n.t('loading') : '');
  }

  missing(focus) {
    this.show('missing', () => this.i18n.t('missing.title'));
    if (focus) this.views.get('missing').querySelector('#missing-title').focus();
  }
}
