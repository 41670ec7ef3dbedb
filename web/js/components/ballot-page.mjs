/* The ballot view: loads an area's ballot, says when voting is closed or the ballot cannot be read,
 * and hands an open ballot to the allocator and the submit form ("ballot:ready"). */

import { Component, Latest } from '../component.mjs';
import { setText, showLoadError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';
import { savedBallot, store } from '../store.mjs';

/** Whether a round takes ballots now: the API's verdict, from the same rule it enforces. */
export const votingOpen = (round) => round?.votingOpen === true;

export class BallotPage extends Component {
  static moduleName = 'ballot-page';

  constructor(root, app) {
    super(root, app);
    this.latest = new Latest();
    this.shown = null; // {kind: 'open'|'closed'|'failed', area, ballot?, key?, failure?}
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('ballot')) this.render(); });
  }

  async onRoute({ view, areaId, focus }) {
    const current = this.latest.next(); // any route makes an answer still on its way stale
    if (view !== 'ballot') return;
    const { page } = this.app;
    if (!page.isShowing('ballot')) page.loading(true);
    let ballot = null;
    let failure = null;
    try {
      ballot = await this.api.ballot(areaId);
    } catch (err) {
      failure = err;
    }
    if (!current()) return;
    this.$('see-results').href = routeHref(areaPath(areaId, 'results'));
    this.$('suggest-priority').href = routeHref(areaPath(areaId, 'suggest'));
    if (failure) {
      if (failure.code === 'area_not_found') return page.missing(focus);
      const area = await this.api.area(areaId).catch(() => null);
      if (!current()) return;
      const noRound = failure.code === 'no_open_round' || failure.code === 'round_not_found';
      if (noRound && area) this.shown = { kind: 'closed', area };
      else if (failure.status === 404 && !area) return page.missing(focus);
      else this.shown = { kind: 'failed', area, failure };
    } else if (!votingOpen(ballot.round)) {
      this.shown = { kind: 'closed', area: ballot.area || { id: areaId }, round: ballot.round };
    } else {
      const key = `${areaId}.${ballot.round.id}`;
      this.shown = { kind: 'open', area: ballot.area || { id: areaId }, ballot, key };
      store.set('area', areaId);
      this.emit('ballot:ready', { ballot, key });
    }
    this.render();
    if (focus) this.$('ballot-title').focus();
  }

  render() {
    const { kind, area, failure, key } = this.shown;
    const name = this.i18n.loc(area?.name);
    const saved = kind === 'open' ? savedBallot(key) : null;
    setText(this.$('ballot-title'), name || this.t('appName'));
    setText(this.$('ballot-meta'), kind === 'open' ? this.closing(this.shown.ballot.round) : '');
    this.$('ballot-form').hidden = kind !== 'open';
    this.$('ballot-closed').hidden = kind !== 'closed';
    setText(this.$('ballot-closed-text'), kind === 'closed' ? this.nextOpening(this.shown.round, this.i18n.place(area)) : '');
    this.$('ballot-existing').hidden = !saved;
    if (saved) setText(this.$('ballot-existing-text'), this.t('ballot.existingBody', { digest: saved.receipt || saved.digest || saved.ballot || '' }));
    const loadError = this.$('ballot-load-error');
    loadError.hidden = kind !== 'failed';
    if (kind === 'failed') {
      showLoadError(loadError, this.i18n.error(failure), this.t('common.retry'), () => this.app.router.emit(false));
    }
    this.app.page.show('ballot', () => this.i18n.loc(area?.name));
  }

  /** "Voting closes at the end of Wednesday 23 December": the last whole day, never "24 December at 00:00". */
  closing(round) {
    return this.t('ballot.closes', { day: this.i18n.day(round.lastDay) || this.i18n.lastDay(round.closes) });
  }

  /** When voting opens again: at the start of a day, or at a time on it (the nightly run's). */
  nextOpening(round, area) {
    const at = this.i18n.london(round?.nextOpens);
    if (!at) return this.t('ballot.noRoundBody', { area });
    const day = this.i18n.day(at.day);
    return at.time === '00:00' ? this.t('ballot.opensAtStart', { day }) : this.t('ballot.opensAt', { day, time: at.time });
  }
}
