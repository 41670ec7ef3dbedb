/* The district table: every area in the district with its ballots and leading priority. */

import { AreaCard } from '../component.mjs';
import { h, setText, showLoadError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';

export class DistrictResults extends AreaCard {
  static moduleName = 'district-results';

  constructor(root, app) {
    super(root, app, 'district-results');
  }

  follow({ area }) {
    this.area = area;
    if (area) this.renderTitle(); // titled while it loads: never an empty heading
  }

  fetch(area) {
    return this.api.districtResults(area.district.id);
  }

  renderTitle() {
    setText(this.$('district-title'), this.t('results.districtHeading', { district: this.i18n.place(this.area.district) }));
  }

  render() {
    const { area, data: d, i18n } = this;
    this.renderTitle();
    if (d.error) {
      showLoadError(this.box, i18n.error(d.error), this.t('common.retry'), () => this.load());
      return;
    }
    const rows = (d.areas || []).map((a) => {
      const here = a.id === area.id;
      return h('tr', { class: here ? 'current' : null },
        h('th', { scope: 'row' }, h('a', { href: routeHref(areaPath(a.id, 'results')), 'aria-current': here ? 'page' : null }, i18n.loc(a.name))),
        h('td', { class: 'num' }, i18n.num(a.ballots || 0)),
        h('td', null, a.leader ? `${i18n.loc(a.leader.title)} (${a.leader.averageText ?? ''})` : this.t('results.noLeader')));
    });
    const th = (key, cls) => h('th', { scope: 'col', class: cls }, this.t(key));
    this.box.replaceChildren(
      h('p', null, this.t('results.districtTotal', { count: d.ballots || 0 })),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'district' },
          h('caption', { class: 'visually-hidden' }, this.$('district-title').textContent), // named in a reader's list of tables
          h('thead', null, h('tr', null, th('results.districtArea'), th('results.ballots', 'num'), th('results.districtLeader'))),
          h('tbody', null, rows))));
  }
}
