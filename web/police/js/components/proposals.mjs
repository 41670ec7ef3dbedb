/* The moderation queue: residents' suggestions by status (pending by default), oldest first, a page at a
 * time; each pending one carries its own decision form (proposal-card.mjs). */

import { h, setText } from '../../../js/dom.mjs';
import { ConsoleView, busy } from '../view.mjs';
import { ProposalCard } from './proposal-card.mjs';

const STATUSES = ['pending', 'approved', 'merged', 'declined', 'redirected'];

export class Proposals extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'proposals');
    this.status = 'pending';
    this.items = null; // the proposals shown, or null while loading
    this.error = null;
    this.next = null;
    this.cards = new Map(); // reference -> ProposalCard, kept across repaints so a half-written form survives
    const select = h('select', { id: 'proposal-status', name: 'status' },
      ...STATUSES.map((s) => h('option', { value: s, 'data-i18n': `police.status.${s}` })));
    root.append(
      h('h1', { id: 'proposals-title', tabindex: '-1', 'data-i18n': 'police.proposals.title' }),
      h('p', { class: 'lede', 'data-i18n': 'police.proposals.intro' }),
      h('form', { id: 'proposal-filter', class: 'field', novalidate: true },
        h('label', { for: 'proposal-status', 'data-i18n': 'police.proposals.statusLabel' }),
        h('div', { class: 'inline-field' }, select,
          h('button', { type: 'submit', class: 'button-secondary', 'data-i18n': 'police.show' }))),
      h('p', { id: 'proposals-count', role: 'status' }),
      h('div', { id: 'proposals-list', class: 'items' }),
      h('p', null, h('button', { type: 'button', id: 'proposals-more', class: 'button-secondary', hidden: true,
        'data-i18n': 'police.more' })));
    this.words();
    this.$('proposal-filter').addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.status = select.value;
      this.load(this.latest.next());
    });
    this.$('proposals-more').addEventListener('click', () => this.more());
    this.listen(app.events, 'proposal:decided', () => this.renderCount());
  }

  enter(route, current) {
    this.$('proposal-status').value = this.status;
    this.load(current);
  }

  async load(current) {
    this.items = null;
    this.error = null;
    this.cards.clear();
    this.render();
    try {
      const body = await this.api.proposals({ status: this.status });
      if (!current()) return;
      this.items = body.proposals || [];
      this.next = body.next || null;
    } catch (error) {
      if (!current()) return;
      this.error = error;
    }
    this.render();
  }

  async more() {
    const button = this.$('proposals-more');
    const current = this.latest.next();
    await busy([button], async () => {
      try {
        const body = await this.api.proposals({ status: this.status, cursor: this.next });
        if (!current()) return;
        this.items.push(...(body.proposals || []));
        this.next = body.next || null;
        this.render();
      } catch (error) {
        if (current()) setText(this.$('proposals-count'), this.i18n.error(error));
      }
    });
  }

  render() {
    const list = this.$('proposals-list');
    this.$('proposals-more').hidden = !this.next || !this.items;
    if (this.error) {
      setText(this.$('proposals-count'), '');
      this.failed(list, this.error, () => this.load(this.latest.next()));
      return;
    }
    if (!this.items) {
      setText(this.$('proposals-count'), this.t('loading'));
      list.replaceChildren();
      return;
    }
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
    setText(this.$('proposals-count'), this.items.length
      ? this.t(this.status === 'pending' ? 'police.proposals.waiting' : 'police.proposals.shown', { count: waiting, status })
      : this.t('police.proposals.none', { status }));
  }
}
