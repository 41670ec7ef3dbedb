/* Confirming a UK mobile before a first ballot in a round (when the ballot paper says `verification`):
 * the number, then the 6-digit code texted to it; the right code gives a pass for the area and round,
 * kept on this device ("pass.<area>.<round>"), so a change of ballot needs no new code. Asked for by
 * "verify:needed" ({areaId, key}); answers "verify:done" ({key}). A short notice says what is kept. */

import { Component } from '../component.mjs';
import { h, setText, showFieldError, textField } from '../dom.mjs';
import { store, voterToken } from '../store.mjs';

export function savedPass(key) {
  const p = key ? store.get(`pass.${key}`) : null;
  return typeof p === 'string' && p ? p : null;
}

export function forgetPass(key) {
  store.remove(`pass.${key}`);
}

const DIGITS = /[^0-9]/g;

export class VerifyPhone extends Component {
  static moduleName = 'verify-phone';

  constructor(root, app) {
    super(root, app);
    root.replaceChildren(
      h('h2', { id: 'verify-title', tabindex: '-1', 'data-i18n': 'verify.title' }),
      h('p', { 'data-i18n': 'verify.intro' }),
      h('form', { id: 'verify-phone-form', novalidate: true }, textField({
        prefix: 'verify-phone', label: 'verify.phoneLabel', hint: 'verify.phoneHint', button: 'verify.send',
        input: { id: 'verify-phone-input', type: 'tel', autocomplete: 'tel', inputmode: 'tel' },
      })),
      h('form', { id: 'verify-code-form', novalidate: true, hidden: true }, textField({
        prefix: 'verify-code', label: 'verify.codeLabel', hint: 'verify.codeHint', button: 'verify.confirm',
        input: { id: 'verify-code-input', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6' },
      })),
      h('p', { class: 'actions' },
        h('button', { type: 'button', id: 'verify-again', class: 'button-secondary', hidden: true, 'data-i18n': 'verify.again' }),
        h('button', { type: 'button', id: 'verify-cancel', class: 'button-secondary', 'data-i18n': 'verify.cancel' })),
      h('div', { id: 'verify-privacy', class: 'notice notice-info' },
        h('h3', { 'data-i18n': 'verify.privacyTitle' }),
        h('p', { 'data-i18n': 'verify.privacy' })),
    );
    this.request = null; // {areaId, key}
    this.challenge = null;
    this.busy = false;
    this.errors = { phone: null, code: null };
    this.$('verify-phone-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.sendCode(); });
    this.$('verify-code-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.confirm(); });
    this.$('verify-again').addEventListener('click', () => this.restart());
    this.$('verify-cancel').addEventListener('click', () => this.close());
    this.listen(app.events, 'verify:needed', (request) => this.open(request));
    this.listen(app.events, 'ballot:ready', ({ key }) => { if (this.request && key !== this.request.key) this.close(); });
    this.listen(this.i18n, 'change', () => this.render());
    this.render();
  }

  open(request) {
    this.request = request;
    this.restart();
    this.root.hidden = false;
    this.$('verify-title').focus();
  }

  close() {
    this.request = null;
    this.root.hidden = true;
  }

  restart() {
    this.challenge = null;
    this.errors = { phone: null, code: null };
    this.$('verify-code-input').value = '';
    this.render();
  }

  render() {
    for (const el of this.root.querySelectorAll('[data-i18n]')) setText(el, this.t(el.dataset.i18n));
    const coding = !!this.challenge;
    this.$('verify-phone-form').hidden = coding;
    this.$('verify-code-form').hidden = !coding;
    this.$('verify-again').hidden = !coding;
    if (this.busy) setText(this.$(coding ? 'verify-code-submit' : 'verify-phone-submit'), this.t(coding ? 'verify.checking' : 'verify.sending'));
    for (const [field, error] of Object.entries(this.errors)) {
      showFieldError(this.$(`verify-${field}-input`), this.$(`verify-${field}-error`), `verify-${field}-hint`,
        error ? this.i18n.error(error) : '');
    }
  }

  async sendCode() {
    if (this.busy || !this.request) return;
    this.busy = true;
    this.errors.phone = null;
    this.render();
    try {
      const { body } = await this.api.sendCode({
        phone: this.$('verify-phone-input').value.trim(), areaId: this.request.areaId,
        language: this.i18n.lang, device: voterToken(),
      });
      this.challenge = body.challenge;
    } catch (err) {
      this.errors.phone = err;
    } finally {
      this.busy = false;
    }
    this.render();
    if (this.challenge) this.$('verify-code-input').focus();
  }

  async confirm() {
    if (this.busy || !this.challenge) return;
    const code = this.$('verify-code-input').value.replace(DIGITS, '');
    this.busy = true;
    this.errors.code = null;
    this.render();
    let granted = null;
    try {
      granted = (await this.api.confirmCode(this.challenge, code)).body;
    } catch (err) {
      this.errors.code = err;
    } finally {
      this.busy = false;
    }
    this.render();
    if (!granted) return;
    const { key } = this.request;
    store.set(`pass.${key}`, granted.pass);
    this.close();
    this.emit('verify:done', { key });
  }
}
