/* What every console view shares: it shows itself on its route (its h1 focused when the route asks),
 * drops answers that come back after the console moved on, and repaints its words on a language change. */

import { Component, Latest } from '../../js/component.mjs';
import { h, setText, showLoadError } from '../../js/dom.mjs';

export class ConsoleView extends Component {
  constructor(root, app, name) {
    super(root, app);
    this.name = name;
    this.latest = new Latest();
    this.listen(app.router, 'route', (route) => {
      const current = this.latest.next();
      if (route.view !== name) return;
      app.page.show(name, () => this.title());
      this.enter(route, current);
      if (route.focus) this.root.querySelector('h1')?.focus();
    });
    this.listen(this.i18n, 'change', () => {
      if (!app.page.isShowing(name)) return;
      this.words();
      this.render();
    });
  }

  /** The words before the console's name in the tab. */
  title() {
    return this.t(this.root.querySelector('h1')?.dataset.i18n || '');
  }

  /** Runs on the view's route: paint at once (before any await), then load. */
  enter() {}

  render() {}

  /** Fills every [data-i18n] inside the view with its words. */
  words(scope = this.root) {
    for (const el of scope.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
  }

  /** A load failure in place of content, with a button that tries again. */
  failed(box, err, retry) {
    showLoadError(box, this.i18n.error(err), this.t('police.retry'), retry);
  }
}

/** An element whose words come from the catalogue (data-i18n), filled now and on a language change. */
export function said(tag, key, props = {}, t) {
  return h(tag, { ...props, 'data-i18n': key }, t ? t(key) : '');
}

/** A group of buttons that act on one thing: while one call is on its way they are all unavailable. */
export async function busy(buttons, work) {
  if (buttons.some((b) => b.getAttribute('aria-disabled') === 'true')) return undefined;
  for (const b of buttons) b.setAttribute('aria-disabled', 'true');
  try {
    return await work();
  } finally {
    for (const b of buttons) b.removeAttribute('aria-disabled');
  }
}

/** A view of one answer (`fetch`): a loading line while it comes, the failure with a button that asks
 * again, else the answer painted by `draw`; an answer that comes back after the console moved on is
 * dropped. */
export class AnswerView extends ConsoleView {
  constructor(root, app, name) {
    super(root, app, name);
    this.data = null; // the answer, or {error}
  }

  /** The answer to show. */
  async fetch() {
    return {};
  }

  /** Where the answer goes: by default the element with the view's name as its id. */
  box() {
    return this.$(this.name);
  }

  /** Paints the answer into its box. */
  draw() {}

  async enter(route, current) {
    this.data = null; // never the last answer while asking again (after signing in as someone else, say)
    this.render();
    let data;
    try {
      data = await this.fetch();
    } catch (error) {
      data = { error };
    }
    if (!current()) return;
    this.data = data;
    this.render();
  }

  render() {
    const box = this.box();
    const { data } = this;
    if (!data) box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    else if (data.error) this.failed(box, data.error, () => this.enter({}, this.latest.next()));
    else this.draw(box, data);
  }
}
