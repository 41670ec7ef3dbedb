/* The base of every component: it owns one root element (the one carrying its data-module) and its
 * own state, and reaches the rest of the page only through `app` (i18n, api, router, page, events). */

import { h } from './dom.mjs';

export class Component {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.i18n = app.i18n;
    this.api = app.api;
    root.dataset.moduleStarted = 'true';
  }

  /** An element inside this component's root, by id. */
  $(id) {
    return this.root.querySelector(`#${id}`);
  }

  t(key, vars) {
    return this.i18n.t(key, vars);
  }

  /** Listens to an app-wide event ('ballot:cast'...) or one of i18n's or the router's. */
  listen(target, type, handler) {
    target.addEventListener(type, (ev) => handler.call(this, ev.detail, ev));
  }

  /** Tells the page something happened; false if a listener claimed it (preventDefault). */
  emit(type, detail) {
    return this.app.events.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
  }
}

/** A results card about one area: it follows the area on show ("results:area"), loads its data
 * for that area (`fetch`), drops an answer that comes back after the page moved to another area,
 * and paints it (`render`); a change of language repaints it. */
export class AreaCard extends Component {
  constructor(root, app, boxId) {
    super(root, app);
    this.area = null;
    this.data = null; // the last answer, or {error}
    this.box = this.$(boxId);
    this.listen(app.events, 'results:area', (detail) => {
      if (detail.area?.id !== this.area?.id) {
        this.data = null;
        this.box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
      }
      this.follow(detail);
      this.load();
    });
    this.listen(app.events, 'results:refresh', this.load);
    this.listen(this.i18n, 'change', () => { if (this.data) this.render(); });
  }

  /** Takes in what the route says about the area on show. */
  follow({ area }) {
    this.area = area;
  }

  async load() {
    const { area } = this;
    if (!area) return;
    let data;
    try {
      data = await this.fetch(area);
    } catch (error) {
      data = { error };
    }
    if (area !== this.area) return;
    this.data = data;
    this.render();
    this.loaded(data);
  }

  /** After an answer is painted (for telling the page about it). */
  loaded() {}
}

/** For views: a counter that tells a late answer from the one the page is still waiting for. */
export class Latest {
  constructor() { this.n = 0; }
  next() {
    const mine = ++this.n;
    return () => mine === this.n;
  }
}

/** Starts every component in `scope` (itself included) not started yet, in document order, so a view
 * hears of a route before its parts do; `components` maps a data-module's name to its class's loader. */
export async function startComponents(app, scope, components) {
  const roots = [...(scope.matches('[data-module]') ? [scope] : []), ...scope.querySelectorAll('[data-module]')]
    .filter((el) => !el.dataset.moduleStarted);
  const classes = await Promise.all(roots.map((el) => {
    const load = components[el.dataset.module];
    if (!load) throw new Error(`no component called ${el.dataset.module}`);
    return load();
  }));
  roots.forEach((el, i) => { if (!el.dataset.moduleStarted) new classes[i](el, app); });
}
