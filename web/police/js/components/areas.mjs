/* The areas (admin): names, district, postcodes, budget, quorum and round length, with the changes
 * waiting for the next round; each links to its edit page. */

import { h } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { areaEditPath } from '../routes.mjs';
import { TableView, dataTable } from '../table.mjs';
import { districtName } from './who-am-i.mjs';

/** "10 (11 from the next round)": a setting now, and what it becomes when the next round starts. */
export function setting(t, area, key) {
  const next = area.next?.[key];
  return next != null && next !== area[key] ? t('police.areas.changing', { now: area[key], next }) : String(area[key] ?? '');
}

export class Areas extends TableView {
  constructor(root, app) {
    super(root, app, 'areas');
  }

  fetch() {
    return this.api.adminAreas();
  }

  draw(box, data) {
    const { i18n } = this;
    const t = (k, v) => this.t(k, v);
    const areas = [...(data.areas || [])].sort((a, b) => i18n.loc(a.name).localeCompare(i18n.loc(b.name), i18n.lang));
    box.replaceChildren(dataTable(t('police.areas.title'),
      ['police.areas.name', 'police.areas.district', 'police.areas.budget', 'police.areas.quorum', 'police.areas.roundDays'].map((k) => t(k)),
      areas.map((a) => ({
        cells: [h('a', { href: routeHref(areaEditPath(a.id)) }, i18n.loc(a.name)), districtName(i18n, a.district),
          setting(t, a, 'budget'), setting(t, a, 'quorum'), setting(t, a, 'roundDays')],
      }))));
  }
}
