/* An area's results for one round: ballots, quorum, the leader, the runner-up and how the leader
 * won, and a bar per priority; for a closed round, the tasking it made (from "rounds:loaded").
 * Figures are the API's own text (one formatter, shared with the email and SMS). Just after a
 * ballot is cast it keeps looking until the tally (fed by a stream) includes it. Announces each
 * load as "results:loaded"; its refresh button reloads every card ("results:refresh"). */

import { Component } from '../component.mjs';
import { h, setText, showLoadError } from '../dom.mjs';
import { isClosed } from './past-rounds.mjs';

const POLL_AFTER_SUBMIT = [800, 1500, 2500, 4000, 6000, 9000];

/** Whether results `r` include the ballot just cast (compared with the results fetched beside it). */
export function ballotApplied({ before, record, previous }, r) {
  if (!r || r.error || !before || r.round !== before.round) return false;
  if (!record.replaced) return r.ballots > before.ballots;
  const was = new Map((before.priorities || []).map((p) => [p.id, p.support]));
  const old = previous || {};
  const now = record.allocations || {};
  const moved = Object.keys({ ...old, ...now }).filter((pid) => (now[pid] || 0) !== (old[pid] || 0));
  if (previous && !moved.length) return true;
  return (r.priorities || []).some((p) => moved.includes(p.id) && p.support !== was.get(p.id));
}

export class AreaResults extends Component {
  static moduleName = 'area-results';

  constructor(root, app) {
    super(root, app);
    this.area = null;
    this.round = null;
    this.results = null; // the last answer, or {error}
    this.rounds = null; // the area's rounds ("rounds:loaded"), for the tasking a closed round made
    this.pending = null; // a ballot just cast, until the results include it
    this.timer = null;
    this.box = this.$('area-results');
    this.listen(app.events, 'ballot:cast', (cast) => { this.pending = { ...cast, polling: true }; });
    this.listen(app.router, 'route', ({ view, areaId }) => {
      this.stopPolling();
      if (!(view === 'results' && areaId === this.pending?.areaId)) this.pending = null;
    });
    this.listen(app.events, 'results:area', this.show);
    this.listen(app.events, 'results:refresh', () => this.load());
    this.listen(app.events, 'rounds:loaded', ({ area, rounds }) => {
      this.rounds = { areaId: area.id, rounds };
      if (area.id === this.area?.id && this.results) this.render();
    });
    this.$('refresh-results').addEventListener('click', () => this.refresh());
    this.listen(this.i18n, 'change', () => { if (this.results) this.render(); });
  }

  async show({ area, round, error }) {
    if (error) {
      this.area = null;
      this.results = null;
      showLoadError(this.box, this.i18n.error(error), this.t('common.retry'), () => this.app.router.emit(false));
      return;
    }
    if (area.id !== this.area?.id || round !== this.round) {
      this.results = null;
      this.box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    }
    Object.assign(this, { area, round });
    setText(this.$('refresh-status'), '');
    await this.load();
    if (this.pending?.polling && this.pending.areaId === area.id) this.poll();
  }

  async load() {
    const { area, round } = this;
    if (!area) return null;
    let results;
    try {
      results = await this.api.areaResults(area.id, round);
    } catch (error) {
      results = { error };
    }
    if (area !== this.area || round !== this.round) return null;
    const p = this.pending;
    if (p?.areaId === area.id && !p.applied && ballotApplied(p, results)) p.applied = true;
    this.results = results;
    this.render();
    this.emit('results:loaded', { area, results });
    return results;
  }

  async refresh() {
    const status = this.$('refresh-status');
    setText(status, this.t('loading'));
    this.emit('results:refresh');
    const results = await this.load();
    setText(status, !results || results.error ? '' : this.t('results.updated', { time: this.i18n.time(new Date()) }));
  }

  poll() {
    // The tally follows the ballot through a stream, a moment after the ballot is stored.
    const p = this.pending;
    let i = 0;
    const tick = async () => {
      this.timer = null;
      if (p !== this.pending || p.applied) return;
      i += 1;
      if (i >= POLL_AFTER_SUBMIT.length) p.polling = false; // the last look: show it as settled
      await this.load();
      if (p === this.pending && p.polling && !p.applied) this.timer = setTimeout(tick, POLL_AFTER_SUBMIT[i]);
    };
    this.timer = setTimeout(tick, POLL_AFTER_SUBMIT[0]);
  }

  stopPolling() {
    clearTimeout(this.timer);
    this.timer = null;
  }

  stat(label, value, attrs) {
    return h('div', { class: 'stat' }, h('dt', null, label), h('dd', null, h('strong', { class: 'stat-value', ...attrs }, value)));
  }

  render() {
    const { area, results: r, i18n } = this;
    if (r.error) {
      showLoadError(this.box, i18n.error(r.error), this.t('common.retry'), () => this.refresh());
      return;
    }
    const budget = area.budget || 10;
    const ranked = (r.priorities || []).slice().sort((a, b) => (a.rank || 99) - (b.rank || 99));
    const leader = ranked.find((p) => p.id === r.leader);
    const needed = Math.max(0, (r.quorum || 0) - (r.ballots || 0));
    const closed = this.isClosed(r);
    const stats = h('dl', { class: 'stats' },
      this.stat(this.t('results.ballots'), i18n.num(r.ballots || 0), { 'data-stat': 'ballots' }),
      this.stat(this.t('results.quorum'), i18n.num(r.quorum || 0)),
      this.stat(this.t('results.leader'), leader ? i18n.loc(leader.title) : this.t('results.noLeader'),
        { 'data-stat': 'leader', class: 'stat-value stat-text' }));
    stats.lastChild.classList.add('stat-wide');
    let quorumWords = r.quorumMet ? this.t('results.quorumMet') : this.t('results.quorumNotMet', { count: needed });
    if (closed && !r.quorumMet) quorumWords = this.t('results.quorumShort', { needed: i18n.loc(r.quorumText) });
    const quorum = h('p', { class: r.quorumMet ? 'quorum quorum-met' : 'quorum', 'data-stat': 'quorum' }, quorumWords);
    const p = this.pending;
    const updating = !!(p?.areaId === area.id && p.polling && !p.applied);
    this.box.replaceChildren(...[
      updating && r.ballots ? h('p', { class: 'hint' }, this.t('results.updating')) : '',
      stats, quorum,
      r.ballots ? this.voters(r) : null,
      closed ? this.tasking(r) : null,
      r.ballots ? this.decision(r) : null,
      r.ballots ? this.chart(ranked, r.leader) : h('p', { class: 'empty-state' }, this.t(updating ? 'results.updating' : closed ? 'results.noBallotsClosed' : 'results.noBallots')),
      h('p', { class: 'hint' }, this.t('results.chartNote', { budget }))].filter(Boolean));
  }

  /** Whether the round on show is over, by the area's rounds once they are in, else by its dates. */
  isClosed(r) {
    const row = this.rounds?.areaId === this.area.id ? this.rounds.rounds.find((x) => x.id === r.round) : null;
    return isClosed(row || { closes: r.closes });
  }

  /** The runner-up, and the lead over it or, in a tie, the rule that decided: the API's words. */
  decision(r) {
    const { i18n } = this;
    if (!r.leader) return null;
    const second = r.runnerUp;
    const how = r.decidedBy && r.decidedBy !== 'support'
      ? i18n.loc(r.decidedByText)
      : r.leadText && this.t('results.lead', { lead: i18n.loc(r.leadText) });
    return h('div', { class: 'decision', 'data-stat': 'decision' },
      second ? h('p', null, this.t('decision.runnerUp', { title: i18n.loc(second.title), average: second.averageText })) : null,
      how ? h('p', null, how) : null);
  }

  /** Who voted, beside the ballots count: how the ballots came and the age bands given, with each
   * band's share of the area's residents when the Census figures are in. Counts are the API's words. */
  voters(r) {
    const { i18n } = this;
    const count = (row) => i18n.loc(row.ballotsText);
    const bandName = (band) => this.t(band ? `ageBand.${band}` : 'ageBand.none');
    const shared = (r.ageBands || []).some((row) => row.populationShare != null);
    const band = (row) => (row.populationShare == null
      ? this.t('results.bandCount', { band: bandName(row.band), ballots: count(row) })
      : this.t('results.bandShare', {
        band: bandName(row.band), ballots: count(row), share: i18n.num(Math.round(row.populationShare * 1000) / 10),
      }));
    return h('div', { class: 'voters', 'data-stat': 'voters' },
      h('h3', null, this.t('results.channelsHeading')),
      h('ul', { class: 'voter-counts' }, (r.channels || []).map((row) => h('li', { 'data-channel': row.channel },
        this.t('results.bandCount', { band: this.t(`results.channel.${row.channel}`), ballots: count(row) })))),
      h('h3', null, this.t('results.bandsHeading')),
      h('ul', { class: 'voter-counts' }, (r.ageBands || []).map((row) => h('li', { 'data-band': row.band || 'none' }, band(row)))),
      h('p', { class: 'hint' }, shared && r.populationSource
        ? this.t('results.populationSource', { source: i18n.loc(r.populationSource) })
        : this.t('results.noPopulation')));
  }

  /** What a closed round's tasking is, as the area's rounds tell it. */
  tasking(r) {
    const { rounds } = this;
    if (rounds?.areaId !== this.area.id || !r.quorumMet) return null;
    const row = rounds.rounds.find((x) => x.id === r.round);
    const k = row?.tasking;
    if (!row) return null;
    if (!k?.priority || k.status === 'quorum_not_met') return h('p', { class: 'hint' }, this.t('rounds.pending'));
    return h('p', { class: 'round-tasking', 'data-stat': 'tasking' },
      this.t('rounds.tasking', { title: this.i18n.loc(k.priority.title) }), ' ',
      h('span', { class: `tag tag-${k.status}` }, this.t(`status.${k.status}`)));
  }

  chart(ranked, leaderId) {
    const max = Math.max(1, ...ranked.map((p) => p.average || 0));
    return h('ol', { class: 'chart' }, ranked.map((p) => {
      const isLeader = p.id === leaderId;
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.max(0, Math.min(100, ((p.average || 0) / max) * 100))}%`;
      return h('li', { class: isLeader ? 'bar-row leader' : 'bar-row', 'data-pid': p.id },
        h('span', { class: 'bar-label' }, this.i18n.loc(p.title), isLeader ? h('span', { class: 'tag tag-ok' }, this.t('results.leading')) : null),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
        h('span', { class: 'bar-value' }, p.averageText ?? '0'));
    }));
  }
}
