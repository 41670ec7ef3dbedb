/* The district table: every area in the district with its ballots and leading priority. */

import { Component } from '../component.mjs';
import { h, setText, showLoadError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';

export class DistrictResults extends Component {
  static moduleName = 'district-results';

  constructor(root, app) {
    super(root, app);
    this.area = null;
    this.data = null; // the last answer, or {error}
    this.box = this.$('district-results');
    this.listen(app.events, 'results:area', ({ area }) => {
      if (area?.id !== this.area?.id) {
        this.data = null;
        this.box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
      }
      this.area = area;
      if (area) this.renderTitle(); // titled while it loads: never an empty heading
      this.load();
    });
    this.listen(app.events, 'results:refresh', this.load);
    this.listen(this.i18n, 'change', () => { if (this.data) this.render(); });
  }

  async load() {
    const { area } = this;
    if (!area) return;
    let data;
    try {
      data = await this.api.districtResults(area.district.id);
    } catch (error) {
      data = { error };
    }
    if (area !== this.area) return;
    this.data = data;
    this.render();
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
          h('thead', null, h('tr', null, th('results.districtArea'), th('results.ballots', 'num'), th('results.districtLeader'))),
          h('tbody', null, rows))));
  }
}
