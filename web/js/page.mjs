/* The page around the components: which view shows, the loading line, the document title, the
 * words written into index.html (data-i18n), the skip link and the "not found" view. */

import { setText } from './dom.mjs';
import { otherLang } from './i18n.mjs';

const VIEWS = ['home', 'ballot', 'results', 'missing'];

export class Page {
  constructor(i18n) {
    this.i18n = i18n;
    this.titleText = () => '';
    this.loadingLine = document.getElementById('loading');
    i18n.addEventListener('change', () => this.applyStatic());
    document.querySelector('.skip-link').addEventListener('click', (ev) => {
      ev.preventDefault();
      const main = document.getElementById('main');
      main.focus();
      main.scrollIntoView();
    });
  }

  applyStatic() {
    const { i18n } = this;
    document.documentElement.lang = i18n.lang;
    for (const el of document.querySelectorAll('[data-i18n]')) setText(el, i18n.t(el.dataset.i18n));
    document.getElementById('lang-toggle').lang = otherLang(i18n.lang);
    this.title(this.titleText);
  }

  /** Shows one view; `title` gives the words before the app's name in the tab (kept across languages). */
  show(name, title) {
    for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== name;
    this.loading(false);
    if (title) this.title(title);
  }

  title(text) {
    this.titleText = text;
    const words = text();
    const app = this.i18n.t('appName');
    document.title = words ? `${words} | ${app}` : app;
  }

  isShowing(name) {
    return !document.getElementById(`view-${name}`).hidden;
  }

  loading(on) {
    setText(this.loadingLine, on ? this.i18n.t('loading') : '');
  }

  missing(focus) {
    this.show('missing', () => this.i18n.t('missing.title'));
    if (focus) document.getElementById('missing-title').focus();
  }
}
