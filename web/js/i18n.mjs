/* Every word shown comes from i18n/en.json or i18n/cy.json. A counted phrase is an object keyed by
 * plural category (Welsh has zero/one/two/few/many/other); Intl.PluralRules picks the form. */

export const LANGS = ['en', 'cy'];
export const otherLang = (lang) => (lang === 'cy' ? 'en' : 'cy');

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

// Intl works out the day and time in London; the words come from the catalogues, because browsers
// do not all carry Welsh (Debian's Chromium has no 'cy' data: it answers in US English).
const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

export class I18n extends EventTarget {
  constructor(base = 'i18n/') {
    super();
    this.base = base;
    this.lang = 'en';
    this.catalogues = new Map();
    this.plurals = new Map();
    this.parts = new Set(); // catalogue parts a view asked for (i18n/<lang>.<part>.json), in every language used
  }

  async load(lang) {
    if (!this.catalogues.has(lang)) {
      const res = await fetch(`${this.base}${lang}.json`);
      if (!res.ok) throw new Error(`catalogue ${lang}: ${res.status}`);
      this.catalogues.set(lang, await res.json());
      this.plurals.set(lang, new Intl.PluralRules(lang));
    }
    await Promise.all([...this.parts].map((part) => this.loadPart(lang, part)));
  }

  /** The words of a view only some visits need, loaded with that view rather than on every first load. */
  async part(name) {
    this.parts.add(name);
    await this.loadPart(this.lang, name);
  }

  async loadPart(lang, part) {
    const words = this.catalogues.get(lang);
    if (!words || words[`part.${part}`]) return;
    const res = await fetch(`${this.base}${lang}.${part}.json`);
    if (!res.ok) throw new Error(`catalogue ${lang}.${part}: ${res.status}`);
    Object.assign(words, await res.json(), { [`part.${part}`]: true });
  }

  /** Switches language once its catalogue is in; on failure the page keeps the one it has. */
  async use(lang) {
    await this.load(lang);
    this.lang = lang;
    this.dispatchEvent(new Event('change'));
  }

  pluralForm(count) {
    return this.plurals.get(this.lang).select(count);
  }

  t(key, vars = {}) {
    let v = this.catalogues.get(this.lang)?.[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      v = v[this.pluralForm(typeof vars.count === 'number' ? vars.count : 0)] ?? v.other;
    }
    if (typeof v !== 'string') return '';
    return v.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }

  list(key) {
    return this.catalogues.get(this.lang)?.[key] || [];
  }

  /** A bilingual value from the API: {"en": "...", "cy": "..."} (or a plain string). */
  loc(v) {
    if (v == null) return '';
    if (typeof v === 'string') return v;
    return v[this.lang] || v.en || v.cy || '';
  }

  /** A place inside a sentence: its `nameInText` ("y Rhyl", "the West"), else its standalone name. */
  place(p) {
    return this.loc(p?.nameInText || p?.name);
  }

  num(n) {
    return typeof n === 'number' && Number.isFinite(n) ? numbers.format(n) : '0';
  }

  date(iso, withTime = true) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return '';
    const p = Object.fromEntries(london.formatToParts(d).map((part) => [part.type, part.value]));
    const [year, month, day] = [+p.year, +p.month, +p.day];
    return this.t(withTime ? 'date.format' : 'date.short', {
      weekday: this.list('date.weekdays')[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] || '',
      day, month: this.list('date.months')[month - 1] || month, year, time: `${p.hour}:${p.minute}`,
    });
  }

  /** A calendar day ("2026-12-23") as people say it: "Wednesday 23 December". */
  day(isoDate) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
    if (!m) return '';
    const [year, month, day] = [+m[1], +m[2], +m[3]];
    return this.t('date.day', {
      weekday: this.list('date.weekdays')[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] || '',
      day, month: this.list('date.months')[month - 1] || month,
    });
  }

  /** A moment's day and time in London: {day: "2026-12-24", time: "02:00"}. */
  london(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return null;
    const p = Object.fromEntries(london.formatToParts(d).map((part) => [part.type, part.value]));
    return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
  }

  /** The last whole day of voting for a round closing at `closesIso` (it closes as that day ends). */
  lastDay(closesIso) {
    const at = this.london(new Date(new Date(closesIso).getTime() - 1).toISOString());
    return at ? this.day(at.day) : '';
  }

  time(date) {
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }

  /** Our words for an API error, keyed by its code (the same words the API uses); generic otherwise. */
  error(err) {
    const code = err?.code;
    if (code && this.t(`error.${code}`)) return this.t(`error.${code}`);
    return this.t(err?.status >= 500 ? 'error.server' : 'error.generic');
  }
}

/** The language to start in: ?lang= in the link, then the one chosen before, then the browser's. */
export function initialLang(saved) {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (LANGS.includes(fromUrl)) return fromUrl;
  if (LANGS.includes(saved)) return saved;
  for (const p of navigator.languages || [navigator.language || 'en']) {
    const base = String(p).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}
