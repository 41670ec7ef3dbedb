/* Who hears of an area's taskings (admin): the team's email addresses and phones, each with the
 * language its messages come in, and whether it is still waiting for its owner to confirm it (SNS
 * asks an email address to confirm first). Add one, or remove one. */

import { h, setText, showFieldError } from '../../../js/dom.mjs';
import { dataTable } from '../table.mjs';
import { ConsoleView, busy } from '../view.mjs';

const choice = (name, value, key) => h('label', { class: 'choice' },
  h('input', { type: 'radio', name, value, checked: value === 'email' || value === 'en' }), h('span', { 'data-i18n': key }));

export class Subscriptions extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'subscriptions');
    this.areas = null;
    this.items = null; // the chosen area's subscriptions, or {error}
    this.done = '';
    root.append(
      h('h1', { id: 'subscriptions-title', tabindex: '-1', 'data-i18n': 'police.subs.title' }),
      h('p', { class: 'lede', 'data-i18n': 'police.subs.intro' }),
      h('div', { class: 'field' },
        h('label', { for: 'subs-area', 'data-i18n': 'police.subs.area' }),
        h('select', { id: 'subs-area', name: 'area' })),
      h('p', { id: 'subs-done', class: 'notice notice-ok', role: 'status', tabindex: '-1', hidden: true }),
      h('section', { class: 'card', 'aria-labelledby': 'subs-list-title' },
        h('h2', { id: 'subs-list-title', 'data-i18n': 'police.subs.listHeading' }),
        h('div', { id: 'subs-list', class: 'table-wrap' })),
      h('form', { id: 'subs-form', class: 'card', novalidate: true, 'aria-labelledby': 'subs-add-title' },
        h('h2', { id: 'subs-add-title', 'data-i18n': 'police.subs.addHeading' }),
        h('fieldset', { class: 'choices' }, h('legend', { 'data-i18n': 'police.subs.protocol' }),
          choice('protocol', 'email', 'police.subs.email'), choice('protocol', 'sms', 'police.subs.sms')),
        h('div', { class: 'field' },
          h('label', { for: 'subs-endpoint', id: 'subs-endpoint-label' }),
          h('p', { id: 'subs-endpoint-hint', class: 'hint' }),
          h('p', { id: 'subs-endpoint-error', class: 'error-message', hidden: true }),
          h('input', { id: 'subs-endpoint', name: 'endpoint', type: 'text', spellcheck: 'false', autocomplete: 'off',
            'aria-describedby': 'subs-endpoint-hint' })),
        h('fieldset', { class: 'choices' }, h('legend', { 'data-i18n': 'police.subs.language' }),
          choice('language', 'en', 'police.lang.en'), choice('language', 'cy', 'police.lang.cy')),
        h('div', { id: 'subs-error', class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }),
        h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'subs-add', class: 'button-primary', 'data-i18n': 'police.subs.add' }))));
    this.words();
    this.$('subs-area').addEventListener('change', () => this.loadList(this.latest.next()));
    this.$('subs-form').addEventListener('change', () => this.renderEndpoint());
    this.$('subs-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.add(); });
  }

  get protocol() {
    return this.root.querySelector('input[name=protocol]:checked')?.value || 'email';
  }

  async enter(route, current) {
    this.render();
    if (!this.areas) {
      try {
        this.areas = (await this.api.adminAreas()).areas || [];
      } catch (error) {
        if (current()) this.failed(this.$('subs-list'), error, () => this.enter(route, this.latest.next()));
        return;
      }
      if (!current()) return;
      this.renderAreas();
    }
    this.loadList(current);
  }

  async loadList(current) {
    this.items = null;
    this.renderList();
    const area = this.$('subs-area').value;
    try {
      const body = await this.api.subscriptions(area);
      if (current()) this.items = body.subscriptions || [];
    } catch (error) {
      if (current()) this.items = { error };
    }
    if (current()) this.renderList();
  }

  render() {
    this.renderAreas();
    this.renderEndpoint();
    this.renderList();
    const done = this.$('subs-done');
    done.hidden = !this.done;
    setText(done, this.done ? this.t(this.done.key, this.done.vars) : '');
  }

  renderAreas() {
    if (!this.areas) return;
    const select = this.$('subs-area');
    const chosen = select.value || this.areas[0]?.id;
    const sorted = [...this.areas].sort((a, b) => this.i18n.loc(a.name).localeCompare(this.i18n.loc(b.name), this.i18n.lang));
    select.replaceChildren(...sorted.map((a) => h('option', { value: a.id }, this.i18n.loc(a.name))));
    select.value = chosen;
  }

  renderEndpoint() {
    const sms = this.protocol === 'sms';
    setText(this.$('subs-endpoint-label'), this.t(sms ? 'police.subs.phone' : 'police.subs.emailAddress'));
    setText(this.$('subs-endpoint-hint'), this.t(sms ? 'police.subs.phoneHint' : 'police.subs.emailHint'));
    const input = this.$('subs-endpoint');
    input.type = sms ? 'tel' : 'email';
    input.autocomplete = sms ? 'tel' : 'email';
  }

  renderList() {
    const box = this.$('subs-list');
    const { items } = this;
    if (!items) box.replaceChildren(h('p', { class: 'hint' }, this.t('loading')));
    else if (items.error) this.failed(box, items.error, () => this.loadList(this.latest.next()));
    else if (!items.length) box.replaceChildren(h('p', null, this.t('police.subs.none')));
    else {
      const t = (key) => this.t(key);
      box.replaceChildren(dataTable(t('police.subs.listHeading'),
        [t('police.subs.endpoint'), t('police.subs.protocol'), t('police.subs.language'), t('police.subs.state'), ''],
        items.map((s) => {
          // one waiting for its owner's confirmation has no id yet: SNS cannot remove it until then
          const remove = s.id ? h('button', { type: 'button', class: 'button-secondary',
            'aria-label': this.t('police.subs.removeLabel', { endpoint: s.endpoint }) }, t('police.subs.remove')) : '';
          if (remove) remove.addEventListener('click', () => this.remove(s, remove));
          return {
            cells: [s.endpoint, t(`police.subs.${s.protocol}`), s.language ? t(`police.lang.${s.language}`) : '',
              s.pending ? h('span', { class: 'tag tag-issued' }, t('police.subs.pending')) : t('police.subs.confirmed'), remove],
          };
        })));
    }
  }

  async add() {
    const input = this.$('subs-endpoint');
    const endpoint = input.value.trim();
    const sms = this.protocol === 'sms';
    const ok = sms ? /^\+?[0-9 ()-]{7,20}$/.test(endpoint) : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(endpoint);
    showFieldError(input, this.$('subs-endpoint-error'), 'subs-endpoint-hint', ok ? '' : this.t(sms ? 'police.subs.phoneBad' : 'police.subs.emailBad'));
    if (!ok) {
      input.focus();
      return;
    }
    const error = this.$('subs-error');
    const language = this.root.querySelector('input[name=language]:checked')?.value || 'en';
    await busy([this.$('subs-add')], async () => {
      try {
        await this.api.subscribe({ protocol: this.protocol, endpoint, area: this.$('subs-area').value, language });
        error.hidden = true;
        input.value = '';
        this.said('police.subs.added', { endpoint });
        this.loadList(this.latest.next());
      } catch (err) {
        setText(error, this.i18n.error(err));
        error.hidden = false;
        error.focus();
      }
    });
  }

  async remove(subscription, button) {
    await busy([button], async () => {
      try {
        await this.api.unsubscribe(subscription.id);
        this.said('police.subs.removed', { endpoint: subscription.endpoint });
        this.loadList(this.latest.next());
      } catch (err) {
        this.done = null;
        const error = this.$('subs-error');
        setText(error, this.i18n.error(err));
        error.hidden = false;
      }
    });
  }

  said(key, vars) {
    this.done = { key, vars };
    this.render();
    this.$('subs-done').focus();
  }
}
