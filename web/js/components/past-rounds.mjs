/* The area's rounds, newest first, each a link to its results (a closed round's are final) with its
 * ballots and the tasking it made, or why it made none. Closed rounds with no ballots at all are
 * summed up in one line instead of a row each, so a quiet area's list does not fill with them.
 * Tells the page what it found ("rounds:loaded"), so the results card can name a round's tasking. */

import { AreaCard } from '../component.mjs';
import { h, showLoadError } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';

export class PastRounds extends AreaCard {
  static moduleName = 'past-rounds';

  constructor(root, app) {
    super(root, app, 'past-rounds');
    this.round = null; // the round on show (null: the current one)
  }

  follow({ area, round }) {
    Object.assign(this, { area, round });
    if (this.data && !this.data.error) this.render(); // the same area: mark the round now on show
  }

  fetch(area) {
    return this.api.rounds(area.id);
  }

  loaded(data) {
    if (!data.error) this.emit('rounds:loaded', { area: this.area, rounds: data.rounds || [] });
  }

  render() {
    const { data } = this;
    if (data.error) {
      showLoadError(this.box, this.i18n.error(data.error), this.t('common.retry'), () => this.load());
      return;
    }
    const rounds = data.rounds || [];
    const shownId = this.round || rounds.find((r) => !isClosed(r))?.id || rounds[0]?.id;
    const quiet = rounds.filter((r) => isClosed(r) && !r.ballots && r.id !== shownId);
    const listed = rounds.filter((r) => !quiet.includes(r));
    this.box.replaceChildren(...[
      listed.length ? h('ol', { class: 'rounds' }, listed.map((r) => this.item(r, r.id === shownId))) : null,
      quiet.length ? h('p', { class: 'hint', 'data-rounds': 'quiet' }, this.t('rounds.quiet', { count: quiet.length })) : null].filter(Boolean));
  }

  item(r, shown) {
    const { i18n } = this;
    const closed = isClosed(r);
    const state = closed ? 'closed' : r.votingOpen ? 'open' : 'upcoming';
    const when = this.t(`rounds.${state}`, {
      day: state === 'upcoming' ? i18n.day(i18n.london(r.opens)?.day) : i18n.day(r.lastDay),
    });
    const href = routeHref(areaPath(this.area.id, `results/${r.id}`));
    return h('li', { class: shown ? 'round shown' : 'round', 'data-round': r.id },
      h('h3', null, h('a', { href, 'aria-current': shown ? 'page' : null }, when)),
      h('p', null, closed ? this.outcome(r) : this.t('rounds.soFar', { ballots: i18n.loc(r.ballotsText) })));
  }

  /** A closed round: the tasking it made, or, short of its quorum, how short. */
  outcome(r) {
    const k = r.tasking;
    if (k?.priority && k.status !== 'quorum_not_met') {
      return [this.t('rounds.tasking', { title: this.i18n.loc(k.priority.title) }), ' ',
        h('span', { class: `tag tag-${k.status}` }, this.t(`status.${k.status}`))];
    }
    if (r.ballots < r.quorum) return this.t('rounds.noTasking', { needed: this.i18n.loc(r.quorumText) });
    return this.t('rounds.pending');
  }
}

/** Whether a round's voting is over: the server says so, or its close has passed with voting shut. */
export function isClosed(r) {
  return !!r.closed || (!r.votingOpen && !!r.closes && Date.parse(r.closes) <= Date.now());
}
