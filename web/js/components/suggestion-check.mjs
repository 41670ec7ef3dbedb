/* The suggestion view (#/suggestion[/<reference>]): a resident types the reference they were given
 * and reads, in plain words, what became of their suggestion: waiting for a moderator, approved for
 * the next round (in the words approved for the ballot), joined to a priority already on it, not
 * taken forward (and why), or a crime to report on 101 (999 in an emergency). A reference the API
 * does not know gets one plain answer, whatever the reason. */

import { h } from '../dom.mjs';
import { CodeLookup } from './code-lookup.mjs';

const HEADINGS = {
  pending: 'lookup.pendingHeading',
  approved: 'lookup.approvedHeading',
  merged: 'lookup.mergedHeading',
  declined: 'lookup.declinedHeading',
  redirected: 'lookup.redirectedHeading',
};

export class SuggestionCheck extends CodeLookup {
  static moduleName = 'suggestion-check';

  constructor(root, app) {
    super(root, app, {
      view: 'suggestion',
      part: 'proposals',
      keys: 'lookup',
      notFound: 'proposal_not_found',
      input: {
        id: 'suggestion-reference', name: 'reference', class: 'input-receipt', autocapitalize: 'characters', maxlength: '40',
      },
    });
  }

  async ask(reference) {
    return { answer: (await this.api.proposal(reference)).proposal };
  }

  tone(answer) {
    return { approved: 'notice-ok', redirected: 'notice-warning', declined: '' }[answer?.status] ?? 'notice-info';
  }

  /** The API's answer in words: what was decided and why, then what the resident wrote. */
  answer(p) {
    const { i18n } = this;
    const area = i18n.loc(p.area?.name);
    const said = {
      pending: () => this.t('lookup.pending'),
      approved: () => this.t('lookup.approved', { area, title: i18n.loc(p.approved?.title) }),
      merged: () => this.t('lookup.merged', { title: i18n.loc(p.mergedInto?.title) || p.mergedInto?.id || '' }),
      redirected: () => this.t('lookup.redirected'),
    }[p.status];
    const reason = i18n.loc(p.reason);
    return [
      h('h2', { class: 'notice-title' }, this.t(HEADINGS[p.status] || 'lookup.pendingHeading')),
      said && h('p', { 'data-answer': 'status' }, said()),
      reason && h('p', { 'data-answer': 'reason' }, this.t('lookup.reason', { reason })),
      h('p', null, this.t('lookup.sent', { area, date: i18n.date(p.submitted, false) })),
      h('p', null, this.t('lookup.youWrote')),
      h('blockquote', { lang: p.language }, h('p', null, h('strong', null, p.title)), h('p', null, p.description)),
      h('p', { class: 'hint' }, this.t('lookup.private')),
    ];
  }
}
