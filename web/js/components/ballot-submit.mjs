/* Sending the ballot: the submit button and its hint, the error if sending fails (the allocation
 * stays), and on success the receipt kept on the device and a "ballot:cast" event. */

import { Component } from '../component.mjs';
import { h, setText } from '../dom.mjs';
import { areaPath } from '../router.mjs';
import { renewVoterToken, savedBallot, store, voterToken } from '../store.mjs';
import { ageBandOfBallot } from './age-band.mjs';
import { forgetPass, savedPass } from './verify-phone.mjs';

const NEEDS_CODE = new Set(['verification_needed', 'pass_not_valid']);

/** What a ballot replaces: this device's last one in the round, as its receipt named it, so the API
 * need not look it up (null: none kept, or kept before receipts had versions; the API finds it). */
function replacedBy(saved) {
  return saved && typeof saved.ballot === 'string' && Number.isInteger(saved.version)
    ? { ballot: saved.ballot, version: saved.version } : null;
}

export class BallotSubmit extends Component {
  static moduleName = 'ballot-submit';

  constructor(root, app) {
    super(root, app);
    this.ballot = null;
    this.key = null;
    this.allocation = null; // the allocator's last "allocation:change"
    this.sending = false;
    this.error = null;
    this.button = this.$('submit-ballot');
    root.addEventListener('submit', (ev) => { ev.preventDefault(); this.send(); });
    this.$('reset-ballot').addEventListener('click', () => this.emit('ballot:reset'));
    this.listen(app.events, 'ballot:ready', ({ ballot, key }) => {
      if (key !== this.key) this.error = null;
      Object.assign(this, { ballot, key });
      this.render();
    });
    this.listen(app.events, 'allocation:change', (allocation) => { this.allocation = allocation; this.render(); });
    this.listen(app.events, 'verify:done', ({ key }) => { if (key === this.key) this.send(); });
    this.listen(this.i18n, 'change', () => { if (this.ballot) this.render(); });
  }

  get left() {
    const a = this.allocation;
    return a && a.key === this.key ? a.budget - a.placed : this.ballot.budget;
  }

  render() {
    if (!this.ballot) return;
    const { left } = this;
    this.button.disabled = left !== 0;
    const label = savedBallot(this.key) ? 'ballot.submitChange' : 'ballot.submit';
    setText(this.button, this.t(this.sending ? 'ballot.sending' : label));
    setText(this.$('submit-hint'), left === 0 ? this.t('ballot.hintReady') : this.t('ballot.hintPlace', { count: left }));
    const box = this.$('ballot-error');
    box.hidden = !this.error;
    box.replaceChildren(...(this.error ? [
      h('h2', { class: 'notice-title' }, this.t('ballot.errorHeading')),
      h('p', null, this.i18n.error(this.error)),
      h('p', null, this.t('ballot.errorKeep')),
    ] : []));
  }

  busy(on) {
    this.sending = on;
    for (const [el, name] of [[this.button, 'aria-disabled'], [this.root, 'aria-busy']]) {
      if (on) el.setAttribute(name, 'true');
      else el.removeAttribute(name);
    }
    this.render();
  }

  async send() {
    if (this.sending || !this.ballot || this.left !== 0) return;
    const { ballot, key } = this;
    const areaId = ballot.area.id;
    const allocations = this.allocation.allocations;
    const pass = ballot.verification ? savedPass(key) : null;
    if (ballot.verification && !pass) { // a first ballot in this round: confirm a mobile first
      this.emit('verify:needed', { areaId, key });
      return;
    }
    this.error = null;
    this.busy(true);
    // The results as they were, fetched alongside, tell the results view when this ballot has landed.
    const before = this.api.areaResults(areaId).catch(() => null);
    const previous = savedBallot(key);
    const resultsView = this.app.prepare('results').catch(() => {}); // listening when the ballot is cast
    try {
      const replacing = replacedBy(previous);
      const { status, body } = await this.api.castBallot(areaId, {
        voter: voterToken(), allocations, ...ageBandOfBallot(), ...(pass ? { pass } : {}), ...(replacing ? { replacing } : {}),
      });
      const record = {
        ballot: body.ballot, version: body.version, round: body.round || ballot.round.id, digest: body.digest, receipt: body.receipt,
        allocations: body.allocations || allocations, replaced: !!body.replaced || status === 200,
        closes: ballot.round.closes, at: new Date().toISOString(),
      };
      store.set(`ballot.${key}`, record);
      store.remove(`draft.${key}`);
      await resultsView;
      this.emit('ballot:cast', {
        areaId, record, priorities: ballot.priorities, before: await before, previous: previous?.allocations,
      });
      this.app.router.go(areaPath(areaId, 'results'));
    } catch (err) {
      if (err.code === 'invalid_voter') renewVoterToken();
      if (NEEDS_CODE.has(err.code)) { // another round's pass, or none: confirm the mobile again
        forgetPass(key);
        this.emit('verify:needed', { areaId, key });
      }
      this.error = NEEDS_CODE.has(err.code) ? null : err;
    } finally {
      this.busy(false);
    }
  }
}
