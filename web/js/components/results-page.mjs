/* The results view: finds the area, titles the view, and tells the cards in it which area and round
 * to show ("results:area"); focus goes to the receipt if one claims it, else to the heading. */

import { Component, Latest } from '../component.mjs';
import { setText } from '../dom.mjs';
import { isClosed } from './past-rounds.mjs';

export class ResultsPage extends Component {
  static moduleName = 'results-page';

  constructor(root, app) {
    super(root, app);
    this.latest = new Latest();
    this.area = null;
    this.shown = null; // the results on show
    this.rounds = null; // the area's rounds
    this.listen(app.router, 'route', this.onRoute);
    this.listen(app.events, 'results:loaded', ({ area, results }) => {
      if (area.id === this.area?.id) this.shown = results.error ? this.shown : results;
      if (app.page.isShowing('results')) this.render(); // an answer that lands after leaving brings nothing back
    });
    this.listen(app.events, 'rounds:loaded', ({ area, rounds }) => {
      if (area.id !== this.area?.id) return;
      this.rounds = rounds;
      if (app.page.isShowing('results')) this.render();
    });
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('results')) this.render(); });
  }

  async onRoute({ view, areaId, round, focus }) {
    const current = this.latest.next(); // any route makes an answer still on its way stale
    if (view !== 'results') return;
    const { page } = this.app;
    if (!page.isShowing('results')) page.loading(true);
    let area;
    try {
      area = await this.api.area(areaId);
    } catch (error) {
      if (!current()) return;
      this.area = null;
      this.render();
      this.emit('results:area', { area: null, error });
      return;
    }
    if (!current()) return;
    if (!area) return page.missing(focus);
    if (area.id !== this.area?.id) Object.assign(this, { shown: null, rounds: null });
    this.area = area;
    this.render();
    this.emit('results:area', { area, round });
    if (focus && this.emit('results:focus', { area })) this.$('results-title').focus();
  }

  render() {
    const name = this.i18n.loc(this.area?.name);
    const title = () => (this.area ? this.t('results.title', { area: this.i18n.place(this.area) }) : '');
    setText(this.$('results-title'), name ? title() : this.t('appName'));
    const closes = this.shown?.closes;
    const row = this.rounds?.find((r) => r.id === this.shown?.round);
    const upcoming = row && !isClosed(row) && !row.votingOpen; // a next round made ahead of its opening
    const meta = upcoming ? 'results.opensMeta' : isClosed(row || { closes }) ? 'results.closedMeta' : 'ballot.closes';
    const day = () => (upcoming ? this.i18n.day(this.i18n.london(row.opens)?.day) : this.i18n.lastDay(closes));
    setText(this.$('results-meta'), closes ? this.t(meta, { day: day() }) : '');
    this.app.page.show('results', title);
  }
}
