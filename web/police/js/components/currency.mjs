/* How current each area's priority is: the age of its current tasking, flagged when older than 90 days
 * or when there is none (the Neighbourhood Policing Guarantee asks for priorities updated within three
 * months). The stale ones come first. */

import { h } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { taskingPath } from '../routes.mjs';
import { TableView, dataTable } from '../table.mjs';
import { districtName } from './who-am-i.mjs';

export class Currency extends TableView {
  constructor(root, app) {
    super(root, app, 'currency');
  }

  fetch() {
    return this.api.currency();
  }

  draw(box, data) {
    const { i18n } = this;
    const areas = [...(data.areas || [])].sort((a, b) => (b.stale - a.stale) || ((b.ageDays ?? 1e9) - (a.ageDays ?? 1e9)));
    const stale = areas.filter((a) => a.stale).length;
    const t = (key) => this.t(key);
    box.replaceChildren(
      h('p', { role: 'status' }, this.t('police.currency.staleCount', { count: stale })),
      dataTable(t('police.currency.title'),
        [t('police.currency.area'), t('police.currency.district'), t('police.currency.tasking'), t('police.currency.age')],
        areas.map((a) => ({
          class: a.stale ? 'stale' : null,
          cells: [
            i18n.loc(a.name),
            districtName(i18n, a.district),
            a.currentTasking ? h('a', { href: routeHref(taskingPath(a.currentTasking)) }, a.currentTasking) : t('police.currency.noTasking'),
            [a.ageDays == null ? '' : this.t('police.currency.days', { count: a.ageDays }),
              a.stale ? [' ', h('span', { class: 'tag tag-alert' }, t('police.currency.stale'))] : ''],
          ],
        }))));
  }
}
