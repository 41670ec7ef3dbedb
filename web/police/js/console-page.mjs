/* The console around its components: which view shows, the document title, the words written into
 * index.html (data-i18n) and the skip link. As on the residents' page, only the view on show is in the
 * document; the others are kept aside, still held by their components. */

import { setText } from '../../js/dom.mjs';
import { otherLang } from '../../js/i18n.mjs';
import { routeHref } from '../../js/router.mjs';

const VIEWS = ['sign-in', 'home', 'proposals', 'taskings', 'tasking', 'currency', 'ballots', 'areas', 'area', 'subscriptions',
  'forbidden', 'missing'];

export class ConsolePage {
  constructor(i18n) {
    this.i18n = i18n;
    this.titleText = () => '';
    this.main = document.getElementById('main');
    this.loadingLine = document.getElementById('loading');
    for (const a of document.querySelectorAll('a[href^="#/"]')) a.href = routeHref(a.getAttribute('href'));
    this.views = new Map(VIEWS.map((v) => [v, document.getElementById(`view-${v}`)]));
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
    for (const scope of new Set([document, ...this.views.values()])) {
      for (const el of scope.querySelectorAll('[data-i18n]')) setText(el, i18n.t(el.dataset.i18n));
    }
    document.getElementById('lang-toggle').lang = otherLang(i18n.lang);
    this.title(this.titleText);
  }

  /** Shows one view, its h1 focused when asked; `title` gives the words before the console's name. */
  show(name, title, focus) {
    for (const [v, el] of this.views) {
      el.hidden = v !== name;
      if (v !== name) el.remove();
      else if (!el.isConnected) this.main.append(el);
    }
    this.loading(false);
    this.title(title || (() => ''));
    if (focus) this.views.get(name).querySelector('h1')?.focus();
  }

  title(text) {
    this.titleText = text;
    const words = text();
    const app = this.i18n.t('police.title');
    document.title = words ? `${words} | ${app}` : app;
  }

  view(name) {
    return this.views.get(name);
  }

  isShowing(name) {
    return this.views.get(name)?.isConnected;
  }

  loading(on) {
    setText(this.loadingLine, on ? this.i18n.t('loading') : '');
  }
}
