/* Sign in with a police account (Cognito). Says why the form is back when a session ended (signed out,
 * or expired), and words every failure plainly: a wrong name or password never says which was wrong. */

import { h, setText, showFieldError } from '../../../js/dom.mjs';
import { ConsoleView, busy } from '../view.mjs';

export class SignIn extends ConsoleView {
  constructor(root, app) {
    super(root, app, 'sign-in');
    this.problem = null; // a police.signIn.error.<code>
    root.append(
      h('h1', { id: 'sign-in-title', tabindex: '-1', 'data-i18n': 'police.signIn.title' }),
      h('div', { id: 'session-ended', class: 'notice notice-info', role: 'status', hidden: true }),
      h('form', { id: 'sign-in-form', class: 'card', novalidate: true },
        h('p', { class: 'lede', 'data-i18n': 'police.signIn.intro' }),
        h('div', { id: 'sign-in-error', class: 'notice notice-error', role: 'alert', tabindex: '-1', hidden: true }),
        h('div', { class: 'field' },
          h('label', { for: 'username', 'data-i18n': 'police.signIn.username' }),
          h('p', { id: 'username-hint', class: 'hint', 'data-i18n': 'police.signIn.usernameHint' }),
          h('p', { id: 'username-error', class: 'error-message', hidden: true }),
          h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', spellcheck: 'false',
            autocapitalize: 'none', 'aria-describedby': 'username-hint' })),
        h('div', { class: 'field' },
          h('label', { for: 'password', 'data-i18n': 'police.signIn.password' }),
          h('p', { id: 'password-hint', class: 'hint', 'data-i18n': 'police.signIn.passwordHint' }),
          h('p', { id: 'password-error', class: 'error-message', hidden: true }),
          h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password',
            'aria-describedby': 'password-hint' })),
        h('p', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-in-submit', class: 'button-primary', 'data-i18n': 'police.signIn.submit' }))));
    this.words();
    this.$('sign-in-form').addEventListener('submit', (ev) => { ev.preventDefault(); this.submit(); });
  }

  enter(route) {
    this.wanted = route.wanted || '#/';
    this.render();
  }

  render() {
    const ended = this.app.session.ended;
    const note = this.$('session-ended');
    note.hidden = !ended;
    setText(note, ended ? this.t(`police.signIn.ended.${ended}`) : '');
    const box = this.$('sign-in-error');
    box.hidden = !this.problem;
    setText(box, this.problem ? this.t(`police.signIn.error.${this.problem}`) : '');
  }

  async submit() {
    const user = this.$('username');
    const password = this.$('password');
    const emptyUser = !user.value.trim();
    const emptyPassword = !password.value;
    showFieldError(user, this.$('username-error'), 'username-hint', emptyUser ? this.t('police.signIn.usernameEmpty') : '');
    showFieldError(password, this.$('password-error'), 'password-hint', emptyPassword ? this.t('police.signIn.passwordEmpty') : '');
    if (emptyUser || emptyPassword) {
      (emptyUser ? user : password).focus();
      return;
    }
    this.problem = null;
    this.render();
    const button = this.$('sign-in-submit');
    await busy([button], async () => {
      try {
        await this.app.session.signIn(user.value.trim(), password.value);
      } catch (err) {
        this.problem = err.code || 'unavailable';
        password.value = '';
        this.render();
        this.$('sign-in-error').focus(); // an alert, read out once
        return;
      }
      password.value = '';
      // the session's change shows the view the address gives; a plain #/sign-in goes home
      if (location.hash !== this.wanted && this.wanted === '#/') this.app.router.go('#/');
    });
  }
}
