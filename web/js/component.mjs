/* The base of every component: it owns one root element (the one carrying its data-module) and its
 * own state, and reaches the rest of the page only through `app` (i18n, api, router, page, events). */

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

/** For views: a counter that tells a late answer from the one the page is still waiting for. */
export class Latest {
  constructor() { this.n = 0; }
  next() {
    const mine = ++this.n;
    return () => mine === this.n;
  }
}
