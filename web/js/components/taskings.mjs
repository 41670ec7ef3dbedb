/* "You said, we did": the jobs given to the area's team, with the figures behind them and what came of them. */

import { Component } from '../component.mjs';
import { h, showLoadError } from '../dom.mjs';

export class Taskings extends Component {
  static moduleName = 'taskings';

  constructor(root, app) {
    super(root, app);
    this.area = null;
    this.data = null; // the last answer, or {error}
    this.box = this.$('taskings');
    this.listen(app.events, 'results:area', ({ area }) => {
      if (area?.id !== this.area?.id) {
        this.data = null;
        this.box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
      }
      this.area = area;
      this.load();
    });
    this.listen(app.events, 'results:refresh', this.load);
    this.listen(this.i18n, 'change', () => { if (this.data) this.render(); });
  }

  async load() {
    const { area } = this;
    if (!area) return;
    let data;
    try {
      data = await this.api.taskings(area.id);
    } catch (error) {
      data = { error };
    }
    if (area !== this.area) return;
    this.data = data;
    this.render();
  }

  render() {
    const { data } = this;
    if (data.error) {
      showLoadError(this.box, this.i18n.error(data.error), this.t('common.retry'), () => this.load());
      return;
    }
    const taskings = (data.taskings || []).slice().sort((a, b) => String(b.issued || '').localeCompare(String(a.issued || '')));
    this.box.replaceChildren(taskings.length
      ? h('ol', { class: 'taskings' }, taskings.map((k) => this.item(k)))
      : h('p', { class: 'empty-state' }, this.t('results.noTaskings')));
  }

  item(k) {
    const { i18n } = this;
    const status = String(k.status || '');
    const noQuorum = status === 'quorum_not_met' || !k.priority;
    const outcome = i18n.loc(k.outcome);
    const figures = noQuorum
      ? this.t('tasking.quorumNotMet', { count: k.ballots || 0 })
      : [this.t('tasking.figures', { average: i18n.num(k.average || 0), ballots: i18n.loc(k.ballotsText) }),
        k.leadText ? this.t('tasking.lead', { lead: i18n.loc(k.leadText) }) : ''].join(' ').trim();
    let after = null;
    if (outcome) after = h('div', { class: 'outcome' }, h('p', null, h('strong', null, this.t('tasking.outcome'))), h('p', null, outcome));
    else if (!noQuorum && k.review) after = h('p', null, this.t('tasking.noOutcome', { date: i18n.date(k.review, false) }));
    return h('li', { class: `tasking status-${status}` },
      h('h3', null, k.priority ? i18n.loc(k.priority.title) : this.t('tasking.noPriority')),
      h('p', null, h('span', { class: `tag tag-${status}` }, this.t(`status.${status}`) || status)),
      h('p', null, figures),
      k.issued ? h('p', { class: 'hint' }, this.t('tasking.issued', { date: i18n.date(k.issued, false) })) : null,
      after);
  }
}
