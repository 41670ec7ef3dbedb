/* A list the API gives a page at a time, filtered by status (the moderation queue, the taskings): the
 * filter form, a status line (how many, or loading), the list and a "more" button. Ids and words follow
 * the view's name: #<one>-filter and #<one>-status, #<name>-count, #<name>-list, #<name>-more,
 * police.<name>.title, .intro and .statusLabel. */

import { h, setText } from '../../js/dom.mjs';
import { ConsoleView, busy } from './view.mjs';

export class PagedListView extends ConsoleView {
  /** one: the singular for the filter's ids; status: the one shown first; options: [[value, key]]; list: the list's element. */
  constructor(root, app, { name, one, status, options, list }) {
    super(root, app, name);
    this.status = status;
    this.items = null; // the items shown, or null while loading
    this.error = null;
    this.next = null;
    const select = h('select', { id: `${one}-status`, name: 'status' },
      ...options.map(([value, key]) => h('option', { value, 'data-i18n': key })));
    list.id = `${name}-list`;
    root.append(
      h('h1', { id: `${name}-title`, tabindex: '-1', 'data-i18n': `police.${name}.title` }),
      h('p', { class: 'lede', 'data-i18n': `police.${name}.intro` }),
      h('form', { id: `${one}-filter`, class: 'field', novalidate: true },
        h('label', { for: select.id, 'data-i18n': `police.${name}.statusLabel` }),
        h('div', { class: 'inline-field' }, select,
          h('button', { type: 'submit', class: 'button-secondary', 'data-i18n': 'police.show' }))),
      h('p', { id: `${name}-count`, role: 'status' }),
      list,
      h('p', null, h('button', { type: 'button', id: `${name}-more`, class: 'button-secondary', hidden: true,
        'data-i18n': 'police.more' })));
    this.select = select;
    this.list = list;
    this.count = this.$(`${name}-count`);
    this.moreButton = this.$(`${name}-more`);
    this.words();
    this.$(`${one}-filter`).addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.status = select.value;
      this.load(this.latest.next());
    });
    this.moreButton.addEventListener('click', () => this.more());
  }

  /** A page of the list from `cursor` (none: the first): {items, next}. */
  async fetchPage() {
    return { items: [], next: null };
  }

  /** Paints the items into the list, and says how many in the status line. */
  draw() {}

  enter(route, current) {
    this.select.value = this.status;
    this.load(current);
  }

  async load(current) {
    this.items = null;
    this.error = null;
    this.render();
    try {
      const { items, next } = await this.fetchPage(null);
      if (!current()) return;
      this.items = items;
      this.next = next;
    } catch (error) {
      if (!current()) return;
      this.error = error;
    }
    this.render();
  }

  async more() {
    const current = this.latest.next();
    await busy([this.moreButton], async () => {
      try {
        const { items, next } = await this.fetchPage(this.next);
        if (!current()) return;
        this.items.push(...items);
        this.next = next;
        this.render();
      } catch (error) {
        if (current()) setText(this.count, this.i18n.error(error));
      }
    });
  }

  render() {
    this.moreButton.hidden = !this.next || !this.items;
    if (this.error) {
      setText(this.count, '');
      this.failed(this.list, this.error, () => this.load(this.latest.next()));
      return;
    }
    if (!this.items) {
      setText(this.count, this.t('loading'));
      this.list.replaceChildren();
      return;
    }
    this.draw(this.list, this.count);
  }
}
