/* The taskings of the officer's district (an admin sees every district's): open ones by default, each
 * with the flags that need a person, a link to its own page. */

import { h, setText } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { PagedListView } from '../paged-list.mjs';
import { taskingPath } from '../routes.mjs';
import { dayOf, flagTags } from '../tasking-facts.mjs';

export class Taskings extends PagedListView {
  constructor(root, app) {
    super(root, app, {
      name: 'taskings', one: 'tasking', status: 'open',
      options: [['open', 'police.taskings.open'], ['all', 'police.taskings.all']],
      list: h('ul', { class: 'items plain' }),
    });
  }

  async fetchPage(cursor) {
    const body = await this.api.adminTaskings({ status: this.status, cursor });
    return { items: body.taskings || [], next: body.next || null };
  }

  draw(list, count) {
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
