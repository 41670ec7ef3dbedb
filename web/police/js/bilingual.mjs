/* A text in both languages, as the API takes it ({en, cy}, both needed): one fieldset, an input (or a
 * text area) per language with its own lang attribute, the field's hint and its error line. */

import { announce, h, setText } from '../../js/dom.mjs';

const LANGS = ['en', 'cy'];

export class BilingualField {
  /** id: the ids' prefix; legend, hint: catalogue keys; max: the most characters; multiline: a text area. */
  constructor({ id, legend, hint, max, multiline = false }) {
    this.id = id;
    this.max = max;
    this.error = h('p', { id: `${id}-error`, class: 'error-message', hidden: true });
    this.inputs = {};
    const rows = LANGS.map((lang) => {
      const input = h(multiline ? 'textarea' : 'input', {
        id: `${id}-${lang}`, name: `${id}-${lang}`, lang, spellcheck: 'true', rows: multiline ? 4 : null,
        type: multiline ? null : 'text', 'aria-describedby': `${id}-hint`,
      });
      this.inputs[lang] = input;
      return h('div', { class: 'bilingual-row' }, h('label', { for: input.id, 'data-i18n': `police.field.${lang}` }), input);
    });
    this.el = h('fieldset', { class: 'field bilingual', id },
      h('legend', { 'data-i18n': legend }),
      h('p', { id: `${id}-hint`, class: 'hint', 'data-i18n': hint }),
      this.error, ...rows);
  }

  set(values = {}) {
    for (const lang of LANGS) this.inputs[lang].value = values?.[lang] || '';
  }

  value() {
    return Object.fromEntries(LANGS.map((lang) => [lang, this.inputs[lang].value.trim()]));
  }

  /** Shows what is wrong (a language missing, too long) and says whether all is well. */
  check(i18n) {
    const v = this.value();
    const missing = LANGS.filter((lang) => !v[lang]);
    const long = LANGS.filter((lang) => v[lang].length > this.max);
    let text = '';
    if (missing.length === 2) text = i18n.t('police.field.empty');
    else if (missing.length) text = i18n.t(`police.field.missing.${missing[0]}`);
    else if (long.length) text = i18n.t('police.field.tooLong', { count: this.max });
    const bad = missing.length === 2 ? LANGS : missing.length ? missing : long;
    setText(this.error, text);
    this.error.hidden = !text;
    for (const lang of LANGS) {
      const wrong = !!text && bad.includes(lang);
      this.inputs[lang].classList.toggle('invalid', wrong);
      if (wrong) this.inputs[lang].setAttribute('aria-invalid', 'true');
      else this.inputs[lang].removeAttribute('aria-invalid');
      this.inputs[lang].setAttribute('aria-describedby', wrong ? `${this.id}-hint ${this.error.id}` : `${this.id}-hint`);
    }
    this.bad = text ? this.inputs[bad[0]] : null;
    return !text;
  }

  /** Checks every field; on a problem, says it and puts the cursor in the first field to put right. */
  static checkAll(fields, i18n) {
    const wrong = fields.filter((f) => !f.check(i18n));
    if (!wrong.length) return true;
    announce(wrong[0].error.textContent);
    wrong[0].bad.focus();
    return false;
  }
}
