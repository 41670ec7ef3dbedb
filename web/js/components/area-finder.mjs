/* The home view: find your area by postcode, or pick it from the list; carry on with the last one. */

import { Component, Latest } from '../component.mjs';
import { announce, h, setText, showFieldError, textField } from '../dom.mjs';
import { areaPath, routeHref } from '../router.mjs';
import { store } from '../store.mjs';

// A full postcode, or just its first half (the API accepts both).
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$/;

export function normalisePostcode(raw) {
  const compact = String(raw || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  const display = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
  return { compact, display };
}

export class AreaFinder extends Component {
  static moduleName = 'area-finder';

  constructor(root, app) {
    super(root, app);
    this.message = null; // {key} | {err} | {notCovered: postcode}
    this.areas = null;
    this.pickMessage = null; // {key} | {err}: why the list cannot be used
    this.latest = new Latest();
    const field = textField({
      prefix: 'postcode', label: 'home.postcodeLabel', hint: 'home.postcodeHint', button: 'home.find',
      input: {
        id: 'postcode', name: 'postcode', class: 'input-postcode', autocomplete: 'postal-code',
        autocapitalize: 'characters', maxlength: '10',
      },
    });
    // The page put words into index.html before this started, so the field is given its own.
    for (const el of field.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    this.$('postcode-field').replaceWith(field);
    this.input = this.$('postcode');
    this.select = this.$('area-select');
    this.$('postcode-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.findByPostcode(); });
    this.$('pick-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.pick(); });
    this.listen(app.router, 'route', this.onRoute);
    this.listen(this.i18n, 'change', () => { if (app.page.isShowing('home')) this.render(); });
  }

  async onRoute({ view, focus }) {
    const current = this.latest.next(); // any route makes an answer still on its way stale
    if (view !== 'home') return;
    this.app.page.show('home', () => '');
    this.render();
    if (focus) this.$('home-title').focus();
    try {
      this.areas = await this.api.areas();
      this.pickMessage = null;
    } catch (err) {
      this.pickMessage = { err };
    }
    if (current()) this.render();
  }

  render() {
    this.renderMessage();
    this.renderList();
  }

  renderMessage() {
    const m = this.message;
    const notCovered = this.$('not-covered');
    notCovered.hidden = !m?.notCovered;
    if (m?.notCovered) setText(this.$('not-covered-text'), this.t('postcode.notCovered', { postcode: m.notCovered }));
    const text = m && !m.notCovered ? (m.err ? this.i18n.error(m.err) : this.t(m.key)) : '';
    showFieldError(this.input, this.$('postcode-error'), 'postcode-hint', text);
  }

  renderList() {
    const { i18n } = this;
    const m = this.pickMessage;
    const pickError = this.$('pick-error');
    const placeholder = h('option', { value: '' }, this.t('home.pickPlaceholder'));
    pickError.hidden = !m;
    setText(pickError, m ? (m.err ? i18n.error(m.err) : this.t(m.key)) : '');
    if (!this.areas) {
      this.select.replaceChildren(placeholder);
      return;
    }
    const chosen = this.select.value;
    const groups = new Map();
    for (const a of this.areas) {
      const d = a.district || {};
      if (!groups.has(d.id)) groups.set(d.id, h('optgroup', { label: i18n.loc(d.name) }));
      groups.get(d.id).append(h('option', { value: a.id }, i18n.loc(a.name)));
    }
    for (const og of groups.values()) {
      const sorted = [...og.children].sort((x, y) => x.textContent.localeCompare(y.textContent, i18n.lang));
      og.replaceChildren(...sorted);
    }
    this.select.replaceChildren(placeholder, ...groups.values());
    this.select.value = chosen;

    const last = this.areas.find((a) => a.id === store.get('area'));
    const carryOn = this.$('continue');
    carryOn.hidden = !last;
    carryOn.replaceChildren(...(last ? [h('a', { id: 'continue-link', class: 'button button-secondary', href: routeHref(areaPath(last.id)) },
      this.t('home.continue', { area: i18n.place(last) }))] : []));
  }

  async findByPostcode() {
    const { compact, display } = normalisePostcode(this.input.value);
    this.message = null;
    if (!compact) this.message = { key: 'postcode.empty' };
    else if (!POSTCODE.test(compact)) this.message = { key: 'error.invalid_postcode' };
    this.renderMessage();
    if (this.message) {
      this.input.focus();
      return;
    }
    const button = this.$('postcode-submit');
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    this.app.page.loading(true);
    try {
      const { area } = await this.api.postcode(compact);
      this.go(area.id);
    } catch (err) {
      this.message = err.code === 'postcode_not_covered' ? { notCovered: display } : { err };
      this.renderMessage();
      if (this.message.notCovered) this.$('not-covered').focus();
    } finally {
      button.removeAttribute('aria-disabled');
      this.app.page.loading(false);
    }
  }

  pick() {
    const id = this.select.value;
    this.pickMessage = id ? null : { key: 'home.pickEmpty' };
    this.renderList();
    if (id) {
      this.go(id);
      return;
    }
    announce(this.t('home.pickEmpty'));
    this.select.focus();
  }

  go(areaId) {
    store.set('area', areaId);
    this.app.router.go(areaPath(areaId));
  }
}
