/* The moderation queue: residents' suggestions by status (pending by default), oldest first, a page at a
 * time; each pending one carries its own decision form (proposal-card.mjs). */

import { h, setText } from '../../../js/dom.mjs';
import { PagedListView } from '../paged-list.mjs';
import { ProposalCard } from './proposal-card.mjs';

const STATUSES = ['pending', 'approved', 'merged', 'declined', 'redirected'];

export class Proposals extends PagedListView {
  constructor(root, app) {
    super(root, app, {
      name: 'proposals', one: 'proposal', status: 'pending',
      options: STATUSES.map((s) => [s, `police.status.${s}`]),
      list: h('div', { class: 'items' }),
    });
    this.cards = new Map(); // reference -> ProposalCard, kept across repaints so a half-written form survives
    this.listen(app.events, 'proposal:decided', () => this.renderCount());
  }

  load(current) {
    this.cards.clear();
    return super.load(current);
  }

  async fetchPage(cursor) {
    const body = await this.api.proposals({ status: this.status, cursor });
    return { items: body.proposals || [], next: body.next || null };
  }

  draw(list) {
    list.replaceChildren(...this.items.map((p) => {
      if (!this.cards.has(p.reference)) this.cards.set(p.reference, new ProposalCard(h('article', { class: 'card item' }), this.app, p));
      const card = this.cards.get(p.reference);
      card.render();
      return card.root;
    }));
    this.renderCount();
  }

  renderCount() {
    if (!this.items) return;
    const waiting = this.status === 'pending'
      ? [...this.cards.values()].filter((c) => c.proposal.status === 'pending').length : this.items.length;
    const status = this.t(`police.status.${this.status}`);
    setText(this.count, this.items.length
      ? this.t(this.status === 'pending' ? 'police.proposals.waiting' : 'police.proposals.shown', { count: waiting, status })
      : this.t('police.proposals.none', { status }));
  }
}
