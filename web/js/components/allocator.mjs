/* Sharing out the bobbies: a slider, a number box and -/+ buttons per priority, and the helmets
 * left to give. Whole bobbies only, never below 0, never over the budget. Each change is an
 * "allocation:change" event and a draft kept on the device. */

import { Component } from '../component.mjs';
import { announce, h, helmets, icon, setText } from '../dom.mjs';
import { savedBallot, store } from '../store.mjs';

const DRAWN_UP_TO = 20; // larger budgets are shown as numbers only, not helmets

/** A stored allocation still good for this ballot, or null. */
export function validAlloc(a, priorities, budget) {
  if (!a || typeof a !== 'object') return null;
  const out = {};
  let sum = 0;
  for (const p of priorities) {
    const n = a[p.id] === undefined ? 0 : a[p.id];
    if (!Number.isInteger(n) || n < 0) return null;
    out[p.id] = n;
    sum += n;
  }
  return sum <= budget ? out : null;
}

export class Allocator extends Component {
  static moduleName = 'allocator';

  constructor(root, app) {
    super(root, app);
    this.ballot = null;
    this.key = null; // "<area>.<round>"
    this.alloc = null; // {priorityId: bobbies}
    this.list = this.$('priorities');
    this.noted = null; // the priority whose box says why it got less than asked
    root.addEventListener('input', (ev) => this.onInput(ev));
    root.addEventListener('change', (ev) => this.onChange(ev));
    this.list.addEventListener('click', (ev) => this.onStep(ev));
    this.listen(app.events, 'ballot:ready', this.load);
    this.listen(app.events, 'ballot:reset', this.reset);
    this.listen(this.i18n, 'change', () => { if (this.ballot) this.render(); });
  }

  get budget() { return this.ballot.budget; }

  get placed() { return Object.values(this.alloc).reduce((s, n) => s + n, 0); }

  load({ ballot, key }) {
    const { priorities = [], budget } = ballot;
    if (this.key !== key || !this.alloc) {
      this.alloc = validAlloc(store.get(`draft.${key}`), priorities, budget) ||
        validAlloc(savedBallot(key)?.allocations, priorities, budget) ||
        Object.fromEntries(priorities.map((p) => [p.id, 0]));
      this.key = key;
    }
    this.ballot = ballot;
    this.noted = null;
    this.render();
  }

  render() {
    setText(this.$('ballot-intro'), this.t('ballot.intro', { budget: this.budget }));
    this.list.replaceChildren(...(this.ballot.priorities || []).map((p, i) => this.item(p, i)));
    for (const li of this.list.children) this.sync(li, null);
    this.update();
  }

  item(p, i) {
    const title = this.i18n.loc(p.title);
    const { budget } = this;
    const ids = { title: `p${i}-title`, desc: `p${i}-desc`, range: `p${i}-range`, num: `p${i}-num`, note: `p${i}-note` };
    const step = (delta, key, name) => h('button', {
      type: 'button', class: 'step', 'data-pid': p.id, 'data-delta': delta, 'aria-label': this.t(key, { title }),
    }, icon(name, 'step-icon'));
    return h('li', { class: 'priority', 'data-pid': p.id },
      h('h2', { id: ids.title, class: 'priority-title' }, title),
      h('p', { id: ids.desc, class: 'priority-desc' }, this.i18n.loc(p.description)),
      h('div', { class: 'allocator' },
        step(-1, 'ballot.less', 'minus'),
        h('input', {
          type: 'range', id: ids.range, class: 'slider', min: 0, max: budget, step: 1, value: 0,
          'aria-labelledby': ids.title, 'aria-describedby': ids.desc, 'data-pid': p.id,
        }),
        step(1, 'ballot.more', 'plus'),
        h('span', { class: 'count-wrap' },
          h('label', { for: ids.num, class: 'visually-hidden' }, this.t('ballot.numberLabel', { title })),
          h('input', {
            type: 'number', id: ids.num, class: 'count', min: 0, max: budget, step: 1, value: 0, inputmode: 'numeric',
            'data-pid': p.id, 'aria-describedby': ids.note,
          }))),
      h('p', { id: ids.note, class: 'field-note' }),
      h('div', { class: 'given-row' },
        h('div', { class: 'helmets helmets-small', 'aria-hidden': 'true' }),
        h('span', { class: 'given-count', 'aria-hidden': 'true' })));
  }

  row(pid) {
    return [...this.list.children].find((li) => li.dataset.pid === pid) || null;
  }

  /** Shows one priority's bobbies, leaving alone the control being typed or dragged in (`source`). */
  sync(li, source) {
    const n = this.alloc[li.dataset.pid] || 0;
    const range = li.querySelector('.slider');
    const count = li.querySelector('.count');
    if (range !== source || range.valueAsNumber !== n) range.value = String(n);
    range.setAttribute('aria-valuetext', this.t('ballot.count', { count: n }));
    range.style.setProperty('--fill', `${(n / this.budget) * 100}%`);
    if (count !== source || (count.value !== '' && Number(count.value) !== n)) count.value = String(n);
    if (this.budget <= DRAWN_UP_TO) helmets(li.querySelector('.helmets-small'), n, n);
    setText(li.querySelector('.given-count'), this.t('ballot.count', { count: n }));
    li.classList.toggle('has-bobbies', n > 0);
  }

  update() {
    const { budget, placed } = this;
    const left = budget - placed;
    if (budget <= DRAWN_UP_TO) helmets(this.$('budget-helmets'), placed, budget);
    setText(this.$('budget-left'), this.t('ballot.left', { left, budget }));
    this.$('budget').classList.toggle('complete', left === 0);
    for (const b of this.list.querySelectorAll('.step')) {
      b.disabled = b.dataset.delta === '1' ? left === 0 : !this.alloc[b.dataset.pid];
    }
    this.emit('allocation:change', { key: this.key, allocations: { ...this.alloc }, placed, budget });
  }

  /** The one place an allocation changes. */
  set(pid, raw, source) {
    if (!this.alloc || !(pid in this.alloc)) return;
    const cur = this.alloc[pid];
    const max = this.budget - (this.placed - cur);
    let n = Math.round(Number(raw));
    if (!Number.isFinite(n)) n = cur;
    const capped = n > max;
    this.alloc[pid] = Math.max(0, Math.min(n, max));
    this.sync(this.row(pid), capped ? null : source);
    // A change ends the explanation; leaving the box (which repeats its value) does not.
    if (capped || this.alloc[pid] !== cur) this.explain(capped ? { pid, asked: n, count: max } : null);
    this.saveDraft();
  }

  /** Says beside the box, and aloud, why it holds less than was asked for (or clears that). */
  explain(capped) {
    if (this.noted && this.noted !== capped?.pid) setText(this.row(this.noted)?.querySelector('.field-note'), '');
    this.noted = capped?.pid || null;
    if (!capped) return;
    const p = this.ballot.priorities.find((x) => x.id === capped.pid);
    const text = this.t(capped.count ? 'ballot.capped' : 'ballot.cappedNone', { ...capped, title: this.i18n.loc(p?.title) });
    setText(this.row(capped.pid).querySelector('.field-note'), text);
    announce(text);
  }

  saveDraft() {
    this.update();
    store.set(`draft.${this.key}`, this.alloc);
  }

  onInput({ target: el }) {
    if (!el.dataset?.pid) return;
    if (el.classList.contains('count') && el.value === '') return; // let them type
    this.set(el.dataset.pid, el.valueAsNumber, el);
  }

  onChange({ target: el }) {
    if (el.classList?.contains('count')) this.set(el.dataset.pid, el.value === '' ? 0 : el.valueAsNumber, null);
  }

  onStep(ev) {
    const b = ev.target.closest?.('button.step');
    if (!b) return;
    const { pid } = b.dataset;
    this.set(pid, (this.alloc[pid] || 0) + Number(b.dataset.delta), null);
    // A step button that has just become unusable would drop focus to the page: keep it nearby.
    if (b.disabled) this.row(pid)?.querySelector('.count').focus();
  }

  reset() {
    if (!this.alloc) return;
    for (const pid of Object.keys(this.alloc)) this.alloc[pid] = 0;
    for (const li of this.list.children) this.sync(li, null);
    this.explain(null);
    this.saveDraft();
  }
}
