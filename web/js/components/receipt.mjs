/* "Your bobbies have been counted": the receipt code and what was given, just after a ballot is cast
 * ("ballot:cast") or whenever this device has a ballot in the round on show; a link to check the
 * receipt (#/receipt/<code>) and the link to change the ballot. */

import { Component } from '../component.mjs';
import { h, setText } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';
import { savedBallot } from '../store.mjs';

export class Receipt extends Component {
  static moduleName = 'receipt';

  constructor(root, app) {
    super(root, app);
    this.fresh = null; // the ballot just cast: {areaId, record, priorities}
    this.area = null;
    this.results = null;
    this.box = this.$('confirmation');
    this.listen(app.events, 'ballot:cast', (cast) => { this.fresh = cast; });
    // The confirmation belongs to the results view it led to; leaving it ends it.
    this.listen(app.router, 'route', ({ view, areaId }) => {
      if (!(view === 'results' && areaId === this.fresh?.areaId)) this.fresh = null;
    });
    this.listen(app.events, 'results:area', ({ area }) => {
      if (area?.id !== this.area?.id) this.results = null;
      this.area = area;
      this.render();
    });
    this.listen(app.events, 'results:loaded', ({ area, results }) => {
      if (area.id !== this.area?.id || results.error) return;
      this.results = results;
      this.render();
    });
    this.listen(app.events, 'results:focus', ({ area }, ev) => {
      if (this.fresh?.areaId !== area.id) return;
      this.box.focus();
      ev.preventDefault();
    });
    this.listen(this.i18n, 'change', () => { if (this.area) this.render(); });
  }

  render() {
    const { area, results, i18n } = this;
    const fresh = this.fresh?.areaId === area?.id ? this.fresh : null;
    const record = fresh?.record || (area && results?.round ? savedBallot(`${area.id}.${results.round}`) : null);
    const change = this.$('change-ballot');
    change.href = routeHref(area ? areaPath(area.id) : '#/');
    setText(change, this.t(record ? 'results.changeBallot' : 'results.vote'));
    this.box.hidden = !record;
    if (!record) return;
    const heading = record.replaced ? 'confirm.headingReplaced' : 'confirm.heading';
    setText(this.$('confirmation-title'), this.t(fresh ? heading : 'ballot.existingHeading'));
    this.box.classList.toggle('fresh', !!fresh);
    const code = record.receipt || record.digest || record.ballot || '';
    setText(this.$('receipt'), code);
    const check = this.$('check-receipt');
    check.hidden = !record.receipt; // a ballot kept from before receipts could be checked has none
    check.href = routeHref(`#/receipt/${encodeURIComponent(record.receipt || '')}`);
    const titles = new Map((fresh?.priorities || results?.priorities || []).map((p) => [p.id, i18n.loc(p.title)]));
    const items = Object.entries(record.allocations || {})
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([pid, n]) => h('li', null, h('span', { class: 'given-title' }, titles.get(pid) || pid), ' ',
        h('strong', null, this.t('ballot.count', { count: n }))));
    this.$('confirmation-list').replaceChildren(...items);
    const closes = record.closes || results?.closes;
    setText(this.$('confirmation-change'), closes ? this.t('confirm.change', { day: i18n.lastDay(closes) }) : '');
  }
}
