/* The taskings of the officer's district (an admin sees every district's): open ones by default, each
 * with the flags that need a person, a link to its own page. */

import { h, setText } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { taskingPath } from '../routes.mjs';
import { dayOf, flagTags } from '../tasking-facts.mjs';
import { ConsoleView, busy } from '../view.mjs';

export class Taskings extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'taskings');
    this.status = 'open';
    this.items = null;
    this.error = null;
    this.next = null;
    const select = h('select', { id: 'tasking-status', name: 'status' },
      h('option', { value: 'open', 'data-i18n': 'police.taskings.open' }), h('option', { value: 'all', 'data-i18n': 'police.taskings.all' }));
    root.append(
      h('h1', { id: 'taskings-title', tabindex: '-1', 'data-i18n': 'police.taskings.title' }),
      h('p', { class: 'lede', 'data-i18n': 'police.taskings.intro' }),
      h('form', { id: 'tasking-filter', class: 'field', novalidate: true },
        h('label', { for: 'tasking-status', 'data-i18n': 'police.taskings.statusLabel' }),
        h('div', { class: 'inline-field' }, select, h('button', { type: 'submit', class: 'button-secondary', 'data-i18n': 'police.show' }))),
      h('p', { id: 'taskings-count', role: 'status' }),
      h('ul', { id: 'taskings-list', class: 'items plain' }),
      h('p', null, h('button', { type: 'button', id: 'taskings-more', class: 'button-secondary', hidden: true, 'data-i18n': 'police.more' })));
    this.words();
    this.$('tasking-filter').addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.status = select.value;
      this.load(this.latest.next());
    });
    this.$('taskings-more').addEventListener('click', () => this.more());
  }

  enter(route, current) {
    this.$('tasking-status').value = this.status;
    this.load(current);
  }

  async load(current) {
    this.items = null;
    this.error = null;
    this.render();
    try {
      const body = await this.api.adminTaskings({ status: this.status });
      if (!current()) return;
      this.items = body.taskings || [];
      this.next = body.next || null;
    } catch (error) {
      if (!current()) return;
      this.error = error;
    }
    this.render();
  }

  async more() {
    const current = this.latest.next();
    await busy([this.$('taskings-more')], async () => {
      try {
        const body = await this.api.adminTaskings({ status: this.status, cursor: this.next });
        if (!current()) return;
        this.items.push(...(body.taskings || []));
        this.next = body.next || null;
        this.render();
      } catch (error) {
        if (current()) setText(this.$('taskings-count'), this.i18n.error(error));
      }
    });
  }

  render() {
    const list = this.$('taskings-list');
    const count = this.$('taskings-count');
    this.$('taskings-more').hidden = !this.next || !this.items;
    if (this.error) {
      setText(count, '');
      this.failed(list, this.error, () => this.load(this.latest.next()));
      return;
    }
    if (!this.items) {
      setText(count, this.t('loading'));
      list.replaceChildren();
      return;
    }
    setText(count, this.items.length ? this.t('police.taskings.count', { count: this.items.length }) : this.t('police.taskings.none'));
    const { i18n } = this;
    list.replaceChildren(...this.items.map((tk) => h('li', { class: 'card item' },
      h('h2', null, h('a', { href: routeHref(taskingPath(tk.reference)) }, i18n.loc(tk.priority))),
      h('p', { class: 'meta' }, this.t('police.taskings.line', {
        area: i18n.loc(tk.areaName) || tk.area, issued: i18n.date(tk.issuedAt, false), review: dayOf(i18n, tk.reviewBy),
      })),
      h('p', { class: 'tags' }, h('span', { class: `tag tag-${tk.status}` }, this.t(`police.taskingStatus.${tk.status}`)), ...flagTags(i18n, tk)))));
  }
}
