/* The receipt view (#/receipt[/<code>]): a resident pastes a receipt code and reads, in plain words,
 * what the API says of it: the area and round, whether the ballot still counts or a later one
 * replaced it, and whether the results include it. Nothing more is claimed than the API tells;
 * a code it does not know gets the same plain answer whatever the reason. */

import { h } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';
import { CodeLookup } from './code-lookup.mjs';

export class ReceiptCheck extends CodeLookup {
  static moduleName = 'receipt-check';

  constructor(root, app) {
    super(root, app, {
      view: 'receipt',
      part: 'receipt',
      keys: 'check',
      notFound: 'receipt_not_found',
      input: { id: 'receipt-code', name: 'receipt', class: 'input-receipt', autocapitalize: 'none', maxlength: '80' },
    });
  }

  async ask(code) {
    const answer = (await this.api.receipt(code)).receipt;
    return { answer, code, tasking: await this.taskingOf(answer) };
  }

  tone(answer) {
    return answer?.status === 'counted' ? 'notice-ok' : 'notice-info';
  }

  /** The tasking the receipt's round made, once the round is closed (null if none or unreachable). */
  async taskingOf(answer) {
    if (!answer?.round?.closed) return null;
    try {
      const page = await this.api.taskings(answer.area.id);
      return (page.taskings || []).find((k) => k.round === answer.round.id) || null;
    } catch {
      return null; // the receipt's answer stands on its own
    }
  }

  /** Once the round's tasking is completed, its voters can say (once per ballot) whether it made a difference. */
  verdict(k, s) {
    const { i18n } = this;
    const said = s.verdict?.verdicts;
    const ask = (made) => h('button', { type: 'button', class: 'button-secondary', 'data-verdict': String(made) },
      this.t(made ? 'verdict.yes' : 'verdict.no'));
    const buttons = said ? null : h('p', { class: 'verdict-choices' }, ask(true), ' ', ask(false));
    buttons?.addEventListener('click', (ev) => {
      const made = ev.target.closest('button')?.dataset.verdict;
      if (made) this.sendVerdict(k, s, made === 'true');
    });
    return h('div', { class: 'verdict', 'data-answer': 'verdict' },
      h('h3', null, this.t('verdict.heading')),
      h('p', null, this.t('verdict.intro', { title: i18n.loc(k.priority?.title), outcome: i18n.loc(k.outcome) })),
      buttons,
      h('p', { class: 'hint', role: 'status' }, said ? this.t('verdict.thanks') : s.verdict?.error ? i18n.error(s.verdict.error) : this.t('verdict.once')));
  }

  async sendVerdict(k, s, made) {
    let verdict;
    try {
      verdict = (await this.api.verdict(k.reference, s.code, made)).body;
    } catch (error) {
      verdict = { error };
    }
    if (this.state?.code !== s.code) return; // another receipt is on show now
    this.state = { ...this.state, verdict };
    this.render();
  }

  /** The API's answer in words: which round, counted or replaced, in the results or not; then, once
   * the round's tasking is completed, the question whether it made a difference. */
  answer(r, s) {
    const { i18n } = this;
    const area = i18n.loc(r.area?.name);
    const day = i18n.lastDay(r.round?.closes);
    const counted = r.status === 'counted';
    const live = r.inLiveResults ? 'In' : 'Out';
    const results = routeHref(areaPath(r.area?.id || '', `results/${r.round?.id || ''}`));
    return [
      h('h2', { class: 'notice-title' }, this.t(counted ? 'check.countedHeading' : 'check.replacedHeading')),
      h('p', { 'data-answer': 'round' }, this.t(r.round?.closed ? 'check.roundClosed' : 'check.roundOpen', { area, day })),
      h('p', { 'data-answer': 'status' }, this.t(counted ? 'check.counted' : 'check.replaced')),
      h('p', { 'data-answer': 'results' }, this.t(`check.${counted ? 'counted' : 'replaced'}${live}`)),
      h('p', null, h('a', { href: results }, this.t('check.seeResults', { area }))),
      h('p', { class: 'hint' }, this.t('check.private')),
      s.tasking?.status === 'completed' && this.verdict(s.tasking, s),
    ];
  }
}
