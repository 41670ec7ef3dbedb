/* "You said, we did": the jobs given to the area's team, newest first, with the figures behind them
 * (the API's own text: one formatter for the page, the email and the SMS), the runner-up, the rule
 * that decided a tie, the reference, and what came of them. A round short of its quorum made no
 * tasking: it is in the area's rounds (past-rounds), not here. */

import { AreaCard } from '../component.mjs';
import { h, showLoadError } from '../dom.mjs';

export class Taskings extends AreaCard {
  static moduleName = 'taskings';

  constructor(root, app) {
    super(root, app, 'taskings');
    this.more = false; // an earlier page is on its way
  }

  fetch(area) {
    return this.api.taskings(area.id); // {taskings, next} so far, or {error}
  }

  async loadMore() {
    const { area, data } = this;
    if (!data?.next || this.more) return;
    this.more = true;
    try {
      const page = await this.api.taskings(area.id, data.next);
      if (area === this.area && data === this.data) {
        this.data = { taskings: [...data.taskings, ...(page.taskings || [])], next: page.next };
      }
    } catch (error) {
      if (area === this.area) this.data = { ...data, moreError: error };
    } finally {
      this.more = false;
    }
    this.render();
  }

  render() {
    const { data } = this;
    if (data.error) {
      showLoadError(this.box, this.i18n.error(data.error), this.t('common.retry'), () => this.load());
      return;
    }
    const taskings = data.taskings || [];
    let more = null;
    if (data.next) {
      const button = h('button', { type: 'button', class: 'button-secondary' }, this.t('tasking.more'));
      button.addEventListener('click', () => this.loadMore());
      more = h('p', null, button, data.moreError ? h('span', { class: 'hint', role: 'alert' }, ' ', this.i18n.error(data.moreError)) : null);
    }
    this.box.replaceChildren(...[
      taskings.length
        ? h('ol', { class: 'taskings' }, taskings.map((k) => this.item(k)))
        : h('p', { class: 'empty-state' }, this.t('results.noTaskings')),
      more, taskings.length ? this.openData() : null].filter(Boolean));
  }

  /** Follow the area's taskings in a feed reader, or take them to a spreadsheet. */
  openData() {
    const { id } = this.area;
    return h('p', { class: 'hint', 'data-tasking': 'open-data' },
      h('a', { href: this.api.feedHref(id), type: 'application/atom+xml' }, this.t('tasking.feed')), ' · ',
      h('a', { href: this.api.taskingsCsvHref(id), download: '' }, this.t('tasking.csv')));
  }

  /** What the team did, as it reported it: acknowledged, progress notes, the outcome and the verdicts. */
  progress(k) {
    const { i18n } = this;
    const notes = k.notes || [];
    const yes = k.verdicts?.madeADifference || 0;
    const no = k.verdicts?.noDifference || 0;
    return [
      k.acknowledged ? h('p', { class: 'hint' }, this.t('tasking.acknowledged', { date: i18n.date(k.acknowledged, false) })) : null,
      notes.length ? h('div', { class: 'progress-notes' },
        h('p', null, h('strong', null, this.t('tasking.progress'))),
        h('ul', null, notes.map((n) => h('li', null, this.t('tasking.note', { date: i18n.date(n.at, false), text: i18n.loc(n.text) }))))) : null,
      k.outcome ? h('p', { 'data-tasking': 'verdicts' },
        this.t('tasking.madeADifference', { count: yes }), ' ', this.t('tasking.noDifference', { count: no })) : null,
    ];
  }

  item(k) {
    const { i18n } = this;
    const status = String(k.status || '');
    const outcome = i18n.loc(k.outcome);
    const second = k.runnerUp;
    const [acknowledged, notes, verdicts] = this.progress(k);
    const how = k.decidedBy && k.decidedBy !== 'support'
      ? i18n.loc(k.decidedByText)
      : k.leadText && this.t('tasking.lead', { lead: i18n.loc(k.leadText) });
    let after = null;
    if (outcome) after = h('div', { class: 'outcome' }, h('p', null, h('strong', null, this.t('tasking.outcome'))), h('p', null, outcome));
    else if (k.review) after = h('p', null, this.t('tasking.noOutcome', { date: i18n.date(k.review, false) }));
    return h('li', { class: `tasking status-${status}`, 'data-reference': k.reference || null },
      h('h3', null, k.priority ? i18n.loc(k.priority.title) : this.t('tasking.noPriority')),
      h('p', null, h('span', { class: `tag tag-${status}` }, this.t(`status.${status}`) || status)),
      k.priority?.description ? h('p', { class: 'priority-desc' }, i18n.loc(k.priority.description)) : null,
      h('p', { 'data-tasking': 'figures' }, this.t('tasking.figures', {
        count: Number(k.averageText), average: k.averageText ?? '', ballots: i18n.loc(k.ballotsText),
      })),
      second ? h('p', null, this.t('decision.runnerUp', { title: i18n.loc(second.title), average: second.averageText })) : null,
      how ? h('p', { 'data-tasking': 'decided' }, how) : null,
      acknowledged, notes,
      h('p', { class: 'hint' },
        k.issued ? this.t('tasking.issued', { date: i18n.date(k.issued, false) }) : null,
        k.issued && k.reference ? h('br') : null,
        k.reference ? this.t('tasking.reference', { reference: k.reference }) : null),
      after,
      verdicts);
  }
}
