/* The areas (admin): names, district, postcodes, budget, quorum and round length, with the changes
 * waiting for the next round; each links to its edit page. */

import { h } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { areaEditPath } from '../routes.mjs';
import { dataTable } from '../table.mjs';
import { ConsoleView } from '../view.mjs';
import { districtName } from './who-am-i.mjs';

/** "10 (11 from the next round)": a setting now, and what it becomes when the next round starts. */
export function setting(t, area, key) {
  const next = area.next?.[key];
  return next != null && next !== area[key] ? t('police.areas.changing', { now: area[key], next }) : String(area[key] ?? '');
}

export class Areas extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'areas');
    this.data = null;
    root.append(
      h('h1', { id: 'areas-title', tabindex: '-1', 'data-i18n': 'police.areas.title' }),
      h('p', { class: 'lede', 'data-i18n': 'police.areas.intro' }),
      h('div', { id: 'areas', class: 'table-wrap' }));
    this.words();
  }

  async enter(route, current) {
    this.data = null;
    this.render();
    try {
      this.data = await this.api.adminAreas();
    } catch (error) {
      this.data = { error };
    }
    if (current()) this.render();
  }

  render() {
    const box = this.$('areas');
    const { data, i18n } = this;
    if (!data) {
      box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
      return;
    }
    if (data.error) {
      this.failed(box, data.error, () => this.enter({}, this.latest.next()));
      return;
    }
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
