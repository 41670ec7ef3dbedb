/* One area to edit (admin): its names and postcodes change at once; its budget, quorum and round
 * length from its next round (the API keeps those under "next" until then). */

import { h, setText, showFieldError } from '../../../js/dom.mjs';
import { routeHref } from '../../../js/router.mjs';
import { BilingualField } from '../bilingual.mjs';
import { ConsoleView, busy } from '../view.mjs';
import { setting } from './areas.mjs';

const NUMBERS = [['budget', 1, 100], ['quorum', 1, 100000], ['roundDays', 1, 365]];

export class AreaEdit extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'area');
    this.area = null;
    this.error = null;
    this.saved = false;
    this.name = new BilingualField({ id: 'area-name', legend: 'police.areas.name', hint: 'police.area.nameHint', max: 80 });
    const number = ([key, min, max]) => h('div', { class: 'field' },
      h('label', { for: `area-${key}`, 'data-i18n': `police.areas.${key}` }),
      h('p', { id: `area-${key}-hint`, class: 'hint' }),
      h('p', { id: `area-${key}-error`, class: 'error-message', hidden: true }),
      h('input', { id: `area-${key}`, name: key, type: 'number', inputmode: 'numeric', min, max, step: 1, class: 'input-number',
        'aria-describedby': `area-${key}-hint` }));
    root.append(
      h('p', { class: 'crumb' }, h('a', { href: routeHref('#/areas'), 'data-i18n': 'police.area.back' })),
      h('h1', { id: 'area-title', tabindex: '-1' }),
      h('p', { id: 'area-saved', class: 'notice notice-ok', role: 'status', tabindex: '-1', hidden: true }),
      h('div', { id: 'area-load' }),
      h('form', { id: 'area-form', class: 'card', novalidate: true, hidden: true }, this.name.el,
        h('div', { class: 'field' },
          h('label', { for: 'area-postcodes', 'data-i18n': 'police.area.postcodes' }),
          h('p', { id: 'area-postcodes-hint', class: 'hint', 'data-i18n': 'police.area.postcodesHint' }),
          h('p', { id: 'area-postcodes-error', class: 'error-message', hidden: true }),
          h('textarea', { id: 'area-postcodes', name: 'postcodes', rows: 3, spellcheck: 'false', 'aria-describedby': 'area-postcodes-hint' })),
        h('p', { class: 'hint', 'data-i18n': 'police.area.nextRound' }),
        ...NUMBERS.map(number),
        h('div', { id: 'area-error', class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }),
        h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'area-save', class: 'button-primary', 'data-i18n': 'police.area.save' }))));
    this.words();
    this.$('area-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.save(); });
  }

  title() {
    return this.area ? this.i18n.loc(this.area.name) : this.t('police.areas.title');
  }

  async enter(route, current) {
    this.areaId = route.areaId;
    this.area = null;
    this.error = null;
    this.saved = false;
    this.render();
    try {
      const { areas } = await this.api.adminAreas();
      if (!current()) return;
      this.area = (areas || []).find((a) => a.id === this.areaId) || null;
      if (!this.area) this.error = { code: 'area_not_found', status: 404 };
    } catch (error) {
      if (!current()) return;
      this.error = error;
    }
    this.fill();
    this.render();
    this.app.page.title(() => this.title());
  }

  fill() {
    const a = this.area;
    if (!a) return;
    this.name.set(a.name);
    this.$('area-postcodes').value = (a.postcodes || []).join(', ');
    for (const [key] of NUMBERS) this.$(`area-${key}`).value = a.next?.[key] ?? a[key] ?? '';
  }

  render() {
    const a = this.area;
    setText(this.$('area-title'), a ? this.t('police.area.title', { area: this.i18n.loc(a.name) }) : this.t('police.areas.title'));
    this.$('area-form').hidden = !a;
    const saved = this.$('area-saved');
    saved.hidden = !this.saved;
    setText(saved, this.saved ? this.t('police.area.saved') : '');
    const load = this.$('area-load');
    if (this.error) this.failed(load, this.error, () => this.enter({ areaId: this.areaId }, this.latest.next()));
    else load.replaceChildren(a ? '' : h('p', { class: 'hint' }, this.t('loading')));
    if (a) for (const [key] of NUMBERS) setText(this.$(`area-${key}-hint`), this.t('police.area.now', { value: setting(this.t.bind(this), a, key) }));
  }

  /** The changes, or null with the first problem shown and focused. */
  changes() {
    const fields = [];
    const postcodes = this.$('area-postcodes').value.toUpperCase().split(/[,;\n]+/).map((p) => p.trim().replace(/\s+/g, ' ')).filter(Boolean);
    const pcBad = !postcodes.length;
    showFieldError(this.$('area-postcodes'), this.$('area-postcodes-error'), 'area-postcodes-hint', pcBad ? this.t('police.area.postcodesEmpty') : '');
    if (pcBad) fields.push(this.$('area-postcodes'));
    const numbers = {};
    for (const [key, min, max] of NUMBERS) {
      const input = this.$(`area-${key}`);
      const n = Number(input.value);
      const bad = !/^\d+$/.test(input.value.trim()) || n < min || n > max;
      showFieldError(input, this.$(`area-${key}-error`), `area-${key}-hint`, bad ? this.t('police.area.wholeNumber', { min, max }) : '');
      if (bad) fields.push(input);
      numbers[key] = n;
    }
    if (!BilingualField.checkAll([this.name], this.i18n)) return null;
    if (fields.length) {
      fields[0].focus();
      return null;
    }
    return { name: this.name.value(), postcodes, ...numbers };
  }

  async save() {
    const changes = this.changes();
    if (!changes) return;
    const error = this.$('area-error');
    await busy([this.$('area-save')], async () => {
      try {
        const { body } = await this.api.saveArea(this.areaId, changes);
        this.area = body.area || this.area;
        this.saved = true;
        error.hidden = true;
        this.fill();
        this.render();
        this.$('area-saved').focus();
      } catch (err) {
        setText(error, this.i18n.error(err));
        error.hidden = false;
        error.focus();
      }
    });
  }
}
