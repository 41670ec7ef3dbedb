/* Balance Your Bobbies: the residents' page. Plain JavaScript, no framework, no build step.
 * Views are sections of index.html shown by hash route:
 *   #/                      find your area (postcode or list)
 *   #/area/<id>             share out the bobbies (the link people share)
 *   #/area/<id>/results     confirmation, results, district, "you said, we did", share
 * Every word shown comes from i18n/en.json or i18n/cy.json.
 */
(() => {
  'use strict';

  const doc = document;
  const root = doc.documentElement;
  const API = root.getAttribute('data-api') || '/api';
  const LANGS = ['en', 'cy'];
  const PREFIX = 'bobbies.';
  // A full postcode, or just its first half (the API accepts both).
  const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?([0-9][A-Z]{2})?$/;
  const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
  const SVG = 'http://www.w3.org/2000/svg';
  const POLL_AFTER_SUBMIT = [800, 1500, 2500, 4000, 6000, 9000];

  const $ = (id) => doc.getElementById(id);

  /* ------------------------------------------------------------------ storage */
  // localStorage may be missing or full (private browsing): fall back to memory for this visit.
  const memory = Object.create(null);
  const store = {
    get(key) {
      try {
        const raw = localStorage.getItem(PREFIX + key);
        if (raw !== null) return JSON.parse(raw);
      } catch (_) { /* fall through */ }
      return key in memory ? memory[key] : null;
    },
    set(key, value) {
      memory[key] = value;
      try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch (_) { /* memory only */ }
    },
    remove(key) {
      delete memory[key];
      try { localStorage.removeItem(PREFIX + key); } catch (_) { /* ignore */ }
    },
  };

  function newToken() {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let s = '';
    for (const b of crypto.getRandomValues(new Uint8Array(32))) s += abc[b & 63];
    return s;
  }

  function voterToken() {
    const v = store.get('voter');
    if (typeof v === 'string' && TOKEN.test(v)) return v;
    const fresh = newToken();
    store.set('voter', fresh);
    return fresh;
  }

  /* ------------------------------------------------------------------ messages */
  const catalogues = Object.create(null);
  let lang = 'en';

  async function loadCatalogue(l) {
    if (!catalogues[l]) {
      const res = await fetch(`i18n/${l}.json`);
      if (!res.ok) throw new Error(`catalogue ${l}: ${res.status}`);
      catalogues[l] = await res.json();
    }
    return catalogues[l];
  }

  function t(key, vars) {
    let v = (catalogues[lang] || {})[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const n = vars && typeof vars.count === 'number' ? vars.count : 0;
      let form = 'other';
      try { form = new Intl.PluralRules(lang).select(n); } catch (_) { /* other */ }
      v = v[form] !== undefined ? v[form] : v.other;
    }
    if (typeof v !== 'string') return '';
    return v.replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
  }

  const list = (key) => (catalogues[lang] || {})[key] || [];
  const other = (l) => (l === 'cy' ? 'en' : 'cy');

  /** A bilingual value from the API: {"en": "...", "cy": "..."} (or a plain string). */
  function loc(v) {
    if (v == null) return '';
    if (typeof v === 'string') return v;
    return v[lang] || v.en || v.cy || '';
  }

  const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
  const num = (n) => (typeof n === 'number' && Number.isFinite(n) ? numberFormat.format(n) : '0');

  // Dates are formatted from the catalogues (browsers do not all carry Welsh date names).
  let londonFormat = null;
  try {
    londonFormat = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
  } catch (_) { londonFormat = null; }

  function dateParts(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return null;
    if (!londonFormat) {
      return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(),
        hour: String(d.getHours()).padStart(2, '0'), minute: String(d.getMinutes()).padStart(2, '0') };
    }
    const p = {};
    for (const part of londonFormat.formatToParts(d)) p[part.type] = part.value;
    return { year: +p.year, month: +p.month, day: +p.day, hour: p.hour, minute: p.minute };
  }

  function fmtDate(iso, withTime = true) {
    const p = dateParts(iso);
    if (!p) return '';
    const vars = {
      weekday: list('date.weekdays')[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] || '',
      day: p.day, month: list('date.months')[p.month - 1] || p.month, year: p.year,
      time: `${p.hour}:${p.minute}`,
    };
    return t(withTime ? 'date.format' : 'date.short', vars);
  }

  function fmtTime(date) {
    return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  }

  /* ------------------------------------------------------------------ DOM helpers */
  function h(tag, props, ...kids) {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) {
      if (kid != null && kid !== false && kid !== '') el.append(kid.nodeType ? kid : String(kid));
    }
    return el;
  }

  function icon(name, cls) {
    const svg = doc.createElementNS(SVG, 'svg');
    svg.setAttribute('class', cls);
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (name === 'helmet') {
      svg.setAttribute('viewBox', '0 0 24 24');
      const use = doc.createElementNS(SVG, 'use');
      use.setAttribute('href', '#helmet');
      svg.append(use);
    } else {
      svg.setAttribute('viewBox', '0 0 20 20');
      const path = doc.createElementNS(SVG, 'path');
      path.setAttribute('d', name === 'plus' ? 'M3 8.5h5.5V3h3v5.5H17v3h-5.5V17h-3v-5.5H3z' : 'M3 8.5h14v3H3z');
      svg.append(path);
    }
    return svg;
  }

  function helmets(container, filled, total) {
    // Re-use the icons already there; only their state changes.
    if (container.childElementCount !== total) {
      container.replaceChildren(...Array.from({ length: total }, () => icon('helmet', 'helmet')));
    }
    Array.from(container.children).forEach((el, i) => {
      el.classList.toggle('empty', i >= filled);
    });
  }

  function setText(el, text) {
    if (el.textContent !== text) el.textContent = text;
  }

  function focusEl(el) {
    if (!el) return;
    el.focus({ preventScroll: false });
  }

  /* ------------------------------------------------------------------ API */
  class ApiError extends Error {
    constructor(code, status, message) {
      super(message || code);
      this.code = code;
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const headers = { Accept: 'application/json', 'Accept-Language': lang, ...(options.headers || {}) };
    let res;
    try {
      res = await fetch(API + path, { ...options, headers, cache: 'no-store' });
    } catch (e) {
      throw new ApiError('network', 0, String(e));
    }
    let body = null;
    try { body = await res.json(); } catch (_) { body = null; }
    if (!res.ok) {
      const err = body && body.error;
      const code = err && typeof err.code === 'string' ? err.code : res.status >= 500 ? 'server' : 'generic';
      throw new ApiError(code, res.status, err && err.message);
    }
    if (body === null) throw new ApiError(res.status >= 500 ? 'server' : 'generic', res.status);
    return { status: res.status, body };
  }

  /** Our own words for an API error, keyed by its code; a generic message otherwise. */
  function errorText(err) {
    const code = err && err.code;
    if (code === 'network') return t('error.network');
    if (code && t(`error.${code}`)) return t(`error.${code}`);
    if (err && err.status >= 500) return t('error.server');
    return t('error.generic');
  }

  const enc = encodeURIComponent;

  let areasPromise = null;
  function getAreas() {
    if (!areasPromise) {
      areasPromise = api('/areas').then(({ body }) => body.areas || []);
      areasPromise.catch(() => { areasPromise = null; });
    }
    return areasPromise;
  }

  /* ------------------------------------------------------------------ state */
  const state = {
    route: null,
    token: 0,
    ballot: null, // GET /ballot body for the area on screen
    alloc: null, // {priorityId: n}
    allocKey: null, // "<area>.<round>"
    submitting: false,
    ballotError: null,
    confirmation: null, // set by a successful submit, shown once on the results view
    home: { message: null }, // {kind: 'error'|'notCovered', key|err, postcode}
    pollTimer: null,
    cache: { ballot: Object.create(null), results: Object.create(null) },
  };

  /* ------------------------------------------------------------------ routing */
  function parseRoute() {
    const raw = location.hash.replace(/^#\/?/, '');
    const parts = raw.split('/').filter(Boolean).map((p) => {
      try { return decodeURIComponent(p); } catch (_) { return p; }
    });
    if (parts[0] === 'area' && parts[1]) {
      return { view: parts[2] === 'results' ? 'results' : 'ballot', areaId: parts[1] };
    }
    return { view: 'home' };
  }

  const VIEWS = ['home', 'ballot', 'results', 'missing'];

  function showView(name) {
    for (const v of VIEWS) $(`view-${v}`).hidden = v !== name;
    setLoading(false);
  }

  function setLoading(on) {
    setText($('loading'), on ? t('loading') : '');
  }

  function setTitle(text) {
    doc.title = text ? `${text} | ${t('appName')}` : t('appName');
  }

  function stopPolling() {
    if (state.pollTimer) clearTimeout(state.pollTimer);
    state.pollTimer = null;
  }

  async function route(opts = {}) {
    const focus = opts.focus !== false;
    const reuse = !!opts.reuse;
    const r = parseRoute();
    const token = ++state.token;
    state.route = r;
    stopPolling();
    // The confirmation belongs to the results view it led to; leaving it ends it.
    if (state.confirmation && !(r.view === 'results' && r.areaId === state.confirmation.areaId)) {
      state.confirmation = null;
    }
    const current = () => token === state.token;
    if (r.view === 'home') await renderHome(current, focus);
    else if (r.view === 'ballot') await renderBallot(r.areaId, current, focus, reuse);
    else await renderResults(r.areaId, current, focus, reuse);
  }

  function showMissing(focus) {
    showView('missing');
    applyStatic();
    setTitle(t('missing.title'));
    if (focus) focusEl($('missing-title'));
  }

  /* ------------------------------------------------------------------ static text */
  function applyStatic() {
    root.lang = lang;
    for (const el of doc.querySelectorAll('[data-i18n]')) setText(el, t(el.dataset.i18n));
    const toggle = $('lang-toggle');
    toggle.lang = other(lang);
  }

  /* ------------------------------------------------------------------ home */
  function normalisePostcode(raw) {
    const compact = String(raw || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
    const display = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
    return { compact, display };
  }

  function fieldError(inputId, errorId, hintId, text) {
    const input = $(inputId);
    const error = $(errorId);
    setText(error, text || '');
    error.hidden = !text;
    input.classList.toggle('invalid', !!text);
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', [hintId, text ? errorId : null].filter(Boolean).join(' '));
    if (text) {
      // The message is shown beside the field and read out by screen readers.
      announce(text);
    }
  }

  function renderHomeMessage() {
    const m = state.home.message;
    const notCovered = $('not-covered');
    if (m && m.kind === 'notCovered') {
      fieldError('postcode', 'postcode-error', 'postcode-hint', '');
      setText($('not-covered-text'), t('postcode.notCovered', { postcode: m.postcode }));
      notCovered.hidden = false;
    } else {
      notCovered.hidden = true;
      const text = m ? (m.err ? errorText(m.err) : t(m.key)) : '';
      fieldError('postcode', 'postcode-error', 'postcode-hint', text);
    }
  }

  async function renderHome(current, focus) {
    applyStatic();
    setTitle('');
    showView('home');
    renderHomeMessage();
    if (focus && state.route) focusEl($('home-title'));
    const select = $('area-select');
    const pickError = $('pick-error');
    let areas;
    try {
      areas = await getAreas();
    } catch (err) {
      if (!current()) return;
      setText(pickError, errorText(err));
      pickError.hidden = false;
      select.replaceChildren(h('option', { value: '' }, t('home.pickPlaceholder')));
      return;
    }
    if (!current()) return;
    pickError.hidden = true;
    setText(pickError, '');
    const chosen = select.value;
    const groups = new Map();
    for (const a of areas) {
      const d = a.district || {};
      if (!groups.has(d.id)) groups.set(d.id, { name: loc(d.name), areas: [] });
      groups.get(d.id).areas.push(a);
    }
    const options = [h('option', { value: '' }, t('home.pickPlaceholder'))];
    for (const g of groups.values()) {
      const og = h('optgroup', { label: g.name });
      g.areas
        .slice()
        .sort((x, y) => loc(x.name).localeCompare(loc(y.name), lang))
        .forEach((a) => og.append(h('option', { value: a.id }, loc(a.name))));
      options.push(og);
    }
    select.replaceChildren(...options);
    select.value = chosen;

    const lastId = store.get('area');
    const last = areas.find((a) => a.id === lastId);
    $('continue').hidden = !last;
    if (last) {
      const link = $('continue-link');
      link.href = `#/area/${enc(last.id)}`;
      setText(link, t('home.continue', { area: loc(last.name) }));
    }
  }

  async function onPostcode(ev) {
    ev.preventDefault();
    const { compact, display } = normalisePostcode($('postcode').value);
    state.home.message = null;
    if (!compact) state.home.message = { kind: 'error', key: 'postcode.empty' };
    else if (!POSTCODE.test(compact)) state.home.message = { kind: 'error', key: 'error.invalid_postcode' };
    if (state.home.message) {
      renderHomeMessage();
      $('postcode').focus();
      return;
    }
    renderHomeMessage();
    const button = $('postcode-submit');
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    setLoading(true);
    try {
      const { body } = await api(`/postcodes/${enc(compact)}`);
      const area = body.area;
      store.set('area', area.id);
      location.hash = `#/area/${enc(area.id)}`;
    } catch (err) {
      if (err.code === 'postcode_not_covered') {
        state.home.message = { kind: 'notCovered', postcode: display };
        renderHomeMessage();
        focusEl($('not-covered'));
      } else {
        state.home.message = { kind: 'error', err };
        renderHomeMessage();
      }
    } finally {
      button.removeAttribute('aria-disabled');
      setLoading(false);
    }
  }

  function onPick(ev) {
    ev.preventDefault();
    const id = $('area-select').value;
    const pickError = $('pick-error');
    if (!id) {
      setText(pickError, t('home.pickEmpty'));
      pickError.hidden = false;
      announce(t('home.pickEmpty'));
      $('area-select').focus();
      return;
    }
    pickError.hidden = true;
    store.set('area', id);
    location.hash = `#/area/${enc(id)}`;
  }

  /* ------------------------------------------------------------------ ballot */
  const total = () => Object.values(state.alloc || {}).reduce((s, n) => s + n, 0);

  function validAlloc(a, priorities, budget) {
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

  function savedBallot(key) {
    const s = store.get(`ballot.${key}`);
    return s && typeof s === 'object' && s.allocations ? s : null;
  }

  async function renderBallot(areaId, current, focus, reuse) {
    const view = $('view-ballot');
    if (view.hidden) setLoading(true);
    let data = reuse ? state.cache.ballot[areaId] : null;
    let failure = null;
    if (!data) {
      try {
        data = (await api(`/areas/${enc(areaId)}/ballot`)).body;
        state.cache.ballot[areaId] = data;
      } catch (err) {
        failure = err;
      }
    }
    if (!current()) return;
    applyStatic();
    $('see-results').href = `#/area/${enc(areaId)}/results`;
    $('ballot-existing').hidden = true;
    $('ballot-closed').hidden = true;
    $('ballot-load-error').hidden = true;

    if (failure) {
      if (failure.code === 'area_not_found') return showMissing(focus);
      let area = null;
      try { area = (await getAreas()).find((a) => a.id === areaId) || null; } catch (_) { area = null; }
      if (!current()) return;
      if ((failure.code === 'no_open_round' || failure.code === 'round_not_found') && area) {
        return showClosed(area, focus);
      }
      if (failure.status === 404 && !area) return showMissing(focus);
      $('ballot-form').hidden = true;
      setText($('ballot-title'), area ? loc(area.name) : t('appName'));
      setText($('ballot-meta'), '');
      showLoadError($('ballot-load-error'), failure, () => route({ focus: false }));
      setTitle(area ? loc(area.name) : '');
      showView('ballot');
      if (focus) focusEl($('ballot-title'));
      return;
    }

    const now = Date.now();
    if (data.round.closed || new Date(data.round.closes).getTime() <= now || new Date(data.round.opens).getTime() > now) {
      return showClosed(data.area || { id: areaId }, focus);
    }

    const key = `${areaId}.${data.round.id}`;
    const priorities = data.priorities || [];
    const budget = data.budget;
    const saved = savedBallot(key);
    if (state.allocKey !== key || !state.alloc) {
      state.ballotError = null;
      state.alloc =
        validAlloc(store.get(`draft.${key}`), priorities, budget) ||
        validAlloc(saved && saved.allocations, priorities, budget) ||
        Object.fromEntries(priorities.map((p) => [p.id, 0]));
      state.allocKey = key;
    }
    state.ballot = data;
    store.set('area', areaId);

    const area = data.area || {};
    setText($('ballot-title'), loc(area.name));
    setText($('ballot-meta'), t('ballot.closes', { date: fmtDate(data.round.closes) }));
    setTitle(loc(area.name));
    if (saved) {
      setText($('ballot-existing-text'), t('ballot.existingBody', { digest: saved.digest || saved.ballot || '' }));
      $('ballot-existing').hidden = false;
    }
    setText($('ballot-intro'), t('ballot.intro', { budget }));

    const items = priorities.map((p, i) => priorityItem(p, i, budget));
    $('priorities').replaceChildren(...items);
    $('ballot-form').hidden = false;
    $('budget-note').textContent = '';
    renderBallotError();
    for (const p of priorities) syncPriority(p.id, null);
    updateBudget();
    showView('ballot');
    if (focus) focusEl($('ballot-title'));
  }

  function showClosed(area, focus) {
    $('ballot-form').hidden = true;
    setText($('ballot-title'), loc(area.name));
    setText($('ballot-meta'), '');
    setText($('ballot-closed-text'), t('ballot.noRoundBody', { area: loc(area.name) }));
    $('ballot-closed').hidden = false;
    setTitle(loc(area.name));
    showView('ballot');
    if (focus) focusEl($('ballot-title'));
  }

  function showLoadError(box, err, retry) {
    const button = h('button', { type: 'button', class: 'button-secondary' }, t('common.retry'));
    button.addEventListener('click', retry);
    box.replaceChildren(h('p', { role: 'alert' }, errorText(err)), h('p', null, button));
    box.hidden = false;
  }

  function priorityItem(p, i, budget) {
    const title = loc(p.title);
    const n = state.alloc[p.id] || 0;
    const ids = { title: `p${i}-title`, desc: `p${i}-desc`, range: `p${i}-range`, num: `p${i}-num` };
    const range = h('input', {
      type: 'range', id: ids.range, class: 'slider', min: 0, max: budget, step: 1, value: n,
      'aria-labelledby': ids.title, 'aria-describedby': ids.desc, 'data-pid': p.id,
    });
    const count = h('input', {
      type: 'number', id: ids.num, class: 'count', min: 0, max: budget, step: 1, value: n,
      inputmode: 'numeric', 'data-pid': p.id,
    });
    const less = h('button', { type: 'button', class: 'step', 'data-pid': p.id, 'data-delta': -1, 'aria-label': t('ballot.less', { title }) });
    less.append(icon('minus', 'step-icon'));
    const more = h('button', { type: 'button', class: 'step', 'data-pid': p.id, 'data-delta': 1, 'aria-label': t('ballot.more', { title }) });
    more.append(icon('plus', 'step-icon'));
    return h('li', { class: 'priority', 'data-pid': p.id },
      h('h2', { id: ids.title, class: 'priority-title' }, title),
      h('p', { id: ids.desc, class: 'priority-desc' }, loc(p.description)),
      h('div', { class: 'allocator' },
        less, range, more,
        h('span', { class: 'count-wrap' },
          h('label', { for: ids.num, class: 'visually-hidden' }, t('ballot.numberLabel', { title })),
          count)),
      h('div', { class: 'given-row' },
        h('div', { class: 'helmets helmets-small', 'aria-hidden': 'true' }),
        h('span', { class: 'given-count', 'aria-hidden': 'true' })));
  }

  function rowFor(pid) {
    for (const li of $('priorities').children) if (li.dataset.pid === pid) return li;
    return null;
  }

  function syncPriority(pid, source) {
    const li = rowFor(pid);
    if (!li) return;
    const n = state.alloc[pid] || 0;
    const range = li.querySelector('.slider');
    const count = li.querySelector('.count');
    if (range !== source || range.valueAsNumber !== n) range.value = String(n);
    range.setAttribute('aria-valuetext', t('ballot.count', { count: n }));
    range.style.setProperty('--fill', `${(n / state.ballot.budget) * 100}%`);
    if (count !== source || count.value === '' || Number(count.value) !== n) {
      if (!(count === source && count.value === '')) count.value = String(n);
    }
    const budget = state.ballot.budget;
    const icons = li.querySelector('.helmets-small');
    if (budget <= 20) helmets(icons, n, n);
    setText(li.querySelector('.given-count'), t('ballot.count', { count: n }));
    li.classList.toggle('has-bobbies', n > 0);
  }

  function updateBudget() {
    const budget = state.ballot.budget;
    const placed = total();
    const left = budget - placed;
    if (budget <= 20) helmets($('budget-helmets'), placed, budget);
    setText($('budget-left'), t('ballot.left', { left, budget }));
    $('budget').classList.toggle('complete', left === 0);
    const saved = savedBallot(state.allocKey);
    const submit = $('submit-ballot');
    submit.disabled = left !== 0;
    setText(submit, state.submitting ? t('ballot.sending') : t(saved ? 'ballot.submitChange' : 'ballot.submit'));
    setText($('submit-hint'), left === 0 ? t('ballot.hintReady') : t('ballot.hintPlace', { count: left }));
    for (const b of $('priorities').querySelectorAll('.step')) {
      const n = state.alloc[b.dataset.pid] || 0;
      b.disabled = b.dataset.delta === '1' ? left === 0 : n === 0;
    }
  }

  /** The one place an allocation changes: whole bobbies, never below 0, never over the budget. */
  function setAlloc(pid, raw, source) {
    if (!state.alloc || !(pid in state.alloc)) return;
    const budget = state.ballot.budget;
    const cur = state.alloc[pid];
    const max = budget - (total() - cur);
    let n = Math.round(Number(raw));
    if (!Number.isFinite(n)) n = cur;
    let capped = false;
    if (n > max) { n = max; capped = true; }
    if (n < 0) n = 0;
    state.alloc[pid] = n;
    syncPriority(pid, capped ? null : source);
    updateBudget();
    setText($('budget-note'), capped ? t('ballot.budgetFull') : '');
    store.set(`draft.${state.allocKey}`, state.alloc);
  }

  function onAllocInput(ev) {
    const el = ev.target;
    const pid = el.dataset && el.dataset.pid;
    if (!pid) return;
    if (el.classList.contains('count') && el.value === '') return; // let them type
    setAlloc(pid, el.valueAsNumber, el);
  }

  function onAllocChange(ev) {
    const el = ev.target;
    if (el.classList && el.classList.contains('count')) {
      setAlloc(el.dataset.pid, el.value === '' ? 0 : el.valueAsNumber, null);
    }
  }

  function onStep(ev) {
    const b = ev.target.closest && ev.target.closest('button.step');
    if (!b) return;
    const pid = b.dataset.pid;
    setAlloc(pid, (state.alloc[pid] || 0) + Number(b.dataset.delta), null);
    // A step button that has just become unusable would drop focus to the page: keep it nearby.
    if (b.disabled) {
      const li = rowFor(pid);
      if (li) li.querySelector('.count').focus();
    }
  }

  function onReset() {
    if (!state.alloc) return;
    for (const pid of Object.keys(state.alloc)) state.alloc[pid] = 0;
    for (const pid of Object.keys(state.alloc)) syncPriority(pid, null);
    updateBudget();
    setText($('budget-note'), '');
    store.set(`draft.${state.allocKey}`, state.alloc);
  }

  function renderBallotError() {
    const box = $('ballot-error');
    const err = state.ballotError;
    if (!err) {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.replaceChildren(
      h('h2', { class: 'notice-title' }, t('ballot.errorHeading')),
      h('p', null, errorText(err)),
      h('p', null, t('ballot.errorKeep')));
    box.hidden = false;
  }

  async function onSubmit(ev) {
    ev.preventDefault();
    if (state.submitting || !state.ballot) return;
    const data = state.ballot;
    const budget = data.budget;
    if (total() !== budget) {
      setText($('budget-note'), t('error.budget_mismatch'));
      return;
    }
    const areaId = data.area.id;
    const key = state.allocKey;
    const allocations = { ...state.alloc };
    state.submitting = true;
    state.ballotError = null;
    renderBallotError();
    const submit = $('submit-ballot');
    submit.setAttribute('aria-disabled', 'true');
    $('ballot-form').setAttribute('aria-busy', 'true');
    updateBudget();
    // The results as they were, fetched alongside, tell the results view when this ballot has landed.
    const before = api(`/areas/${enc(areaId)}/results`).then((r) => r.body, () => null);
    const previous = savedBallot(key);
    try {
      const { status, body } = await api(`/areas/${enc(areaId)}/ballots`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ voter: voterToken(), allocations }),
      });
      const record = {
        ballot: body.ballot, round: body.round || data.round.id, digest: body.digest,
        allocations: body.allocations || allocations, replaced: !!body.replaced || status === 200,
        closes: data.round.closes, at: new Date().toISOString(),
      };
      store.set(`ballot.${key}`, record);
      store.remove(`draft.${key}`);
      state.confirmation = {
        areaId, record, before: await before, previous: previous && previous.allocations, applied: false, polling: true,
      };
      state.cache.results[areaId] = null;
      location.hash = `#/area/${enc(areaId)}/results`;
    } catch (err) {
      if (err.code === 'invalid_voter') store.set('voter', newToken());
      state.ballotError = err;
      renderBallotError();
    } finally {
      state.submitting = false;
      submit.removeAttribute('aria-disabled');
      $('ballot-form').removeAttribute('aria-busy');
      if (state.ballot) updateBudget();
    }
  }

  /* ------------------------------------------------------------------ results */
  async function renderResults(areaId, current, focus, reuse) {
    if ($('view-results').hidden) setLoading(true);
    let areas;
    try {
      areas = await getAreas();
    } catch (err) {
      if (!current()) return;
      applyStatic();
      setText($('results-title'), t('appName'));
      showView('results');
      $('confirmation').hidden = true;
      showLoadError($('area-results'), err, () => route({ focus: false }));
      return;
    }
    if (!current()) return;
    const area = areas.find((a) => a.id === areaId);
    if (!area) return showMissing(focus);
    applyStatic();
    const name = loc(area.name);
    setText($('results-title'), t('results.title', { area: name }));
    setTitle(t('results.title', { area: name }));

    const change = $('change-ballot');
    change.href = `#/area/${enc(areaId)}`;
    renderShare(area);
    setText($('district-title'), t('results.districtHeading', { district: loc(area.district && area.district.name) }));

    const cached = reuse ? state.cache.results[areaId] : null;
    if (cached) {
      paintAreaResults(area, cached.results);
      paintDistrict(area, cached.district);
      paintTaskings(cached.taskings);
    } else if ($('view-results').dataset.area !== areaId) {
      for (const id of ['area-results', 'district-results', 'taskings']) {
        $(id).replaceChildren(h('p', { class: 'hint' }, t('loading')));
      }
      setText($('results-meta'), '');
    }
    $('view-results').dataset.area = areaId;
    renderConfirmation(area, cached ? cached.results : null);
    showView('results');
    const c = state.confirmation && state.confirmation.areaId === areaId ? state.confirmation : null;
    if (c && focus) focusEl($('confirmation'));
    else if (focus) focusEl($('results-title'));
    if (c && c.polling && !c.applied) pollAfterSubmit(area, current);
    if (!cached) await loadResults(area, current);
  }

  async function loadResults(area, current, only) {
    const id = enc(area.id);
    const jobs = [api(`/areas/${id}/results`)];
    if (!only) {
      jobs.push(area.district ? api(`/districts/${enc(area.district.id)}/results`) : Promise.reject(new ApiError('generic', 0)));
      jobs.push(api(`/taskings?area=${id}`));
    }
    const [results, district, taskings] = await Promise.allSettled(jobs);
    if (!current()) return null;
    const entry = state.cache.results[area.id] || {};
    entry.results = results.status === 'fulfilled' ? results.value.body : { error: results.reason };
    if (!only) {
      entry.district = district.status === 'fulfilled' ? district.value.body : { error: district.reason };
      entry.taskings = taskings.status === 'fulfilled' ? taskings.value.body : { error: taskings.reason };
    }
    state.cache.results[area.id] = entry;
    const c = state.confirmation;
    if (c && c.areaId === area.id && !c.applied && ballotApplied(c, entry.results)) c.applied = true;
    paintAreaResults(area, entry.results);
    renderConfirmation(area, entry.results);
    if (!only) {
      paintDistrict(area, entry.district);
      paintTaskings(entry.taskings);
    }
    return entry;
  }

  /** Whether results `r` include the ballot just cast (compared with the results fetched beside it). */
  function ballotApplied(c, r) {
    const before = c.before;
    if (!r || r.error || !before || r.round !== before.round) return false;
    if (!c.record.replaced) return r.ballots > before.ballots;
    const was = new Map((before.priorities || []).map((p) => [p.id, p.support]));
    const old = c.previous || {};
    const now = c.record.allocations || {};
    const moved = Object.keys({ ...old, ...now }).filter((pid) => (now[pid] || 0) !== (old[pid] || 0));
    if (c.previous && !moved.length) return true;
    return (r.priorities || []).some((p) => moved.includes(p.id) && p.support !== was.get(p.id));
  }

  function pollAfterSubmit(area, current) {
    // The tally follows the ballot through a stream, a moment after the ballot is stored.
    const c = state.confirmation;
    let i = 0;
    const tick = async () => {
      state.pollTimer = null;
      if (!current() || c.applied) return;
      i += 1;
      if (i >= POLL_AFTER_SUBMIT.length) c.polling = false; // the last look: paint it as settled
      await loadResults(area, current, true);
      if (current() && c.polling && !c.applied) state.pollTimer = setTimeout(tick, POLL_AFTER_SUBMIT[i]);
    };
    state.pollTimer = setTimeout(tick, POLL_AFTER_SUBMIT[0]);
  }

  function renderConfirmation(area, results) {
    const box = $('confirmation');
    const change = $('change-ballot');
    const c = state.confirmation && state.confirmation.areaId === area.id ? state.confirmation : null;
    let record = c ? c.record : null;
    if (!record && results && results.round) record = savedBallot(`${area.id}.${results.round}`);
    setText(change, t(record ? 'results.changeBallot' : 'results.vote'));
    if (!record) {
      box.hidden = true;
      return;
    }
    setText($('confirmation-title'), c ? t(record.replaced ? 'confirm.headingReplaced' : 'confirm.heading') : t('ballot.existingHeading'));
    box.classList.toggle('fresh', !!c);
    setText($('receipt'), record.digest || record.ballot || '');
    const titles = new Map();
    const priorities = (state.ballot && state.ballot.area && state.ballot.area.id === area.id && state.ballot.priorities) ||
      (results && results.priorities) || [];
    for (const p of priorities) titles.set(p.id, loc(p.title));
    const items = Object.entries(record.allocations || {})
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([pid, n]) => h('li', null, h('span', { class: 'given-title' }, titles.get(pid) || pid), ' ', h('strong', null, t('ballot.count', { count: n }))));
    $('confirmation-list').replaceChildren(...items);
    const closes = record.closes || (results && results.closes);
    setText($('confirmation-change'), closes ? t('confirm.change', { date: fmtDate(closes) }) : '');
    box.hidden = false;
  }

  function stat(label, ...values) {
    return h('div', { class: 'stat' }, h('dt', null, label), ...values.map((v) => h('dd', null, v)));
  }

  function paintAreaResults(area, r) {
    const box = $('area-results');
    if (!r || r.error) {
      showLoadError(box, r && r.error, () => refreshResults(area));
      return;
    }
    const budget = area.budget || (state.ballot && state.ballot.budget) || 10;
    const ranked = (r.priorities || []).slice().sort((a, b) => (a.rank || 99) - (b.rank || 99));
    const leader = ranked.find((p) => p.id === r.leader);
    const quorumMet = !!r.quorumMet;
    const needed = Math.max(0, (r.quorum || 0) - (r.ballots || 0));
    const stats = h('dl', { class: 'stats' },
      stat(t('results.ballots'), h('strong', { class: 'stat-value', 'data-stat': 'ballots' }, num(r.ballots || 0))),
      stat(t('results.quorum'), h('strong', { class: 'stat-value' }, num(r.quorum || 0))),
      stat(t('results.leader'), h('strong', { class: 'stat-value stat-text', 'data-stat': 'leader' }, leader ? loc(leader.title) : t('results.noLeader'))));
    stats.lastChild.classList.add('stat-wide');
    const quorum = h('p', { class: quorumMet ? 'quorum quorum-met' : 'quorum', 'data-stat': 'quorum' },
      quorumMet ? t('results.quorumMet') : t('results.quorumNotMet', { count: needed }));
    setText($('results-meta'), r.closes ? t('ballot.closes', { date: fmtDate(r.closes) }) : '');
    const c = state.confirmation;
    const updating = !!(c && c.areaId === area.id && c.polling && !c.applied);
    const max = Math.max(1, ...ranked.map((p) => p.average || 0));
    const chart = r.ballots
      ? h('ol', { class: 'chart' }, ranked.map((p) => {
        const isLeader = p.id === r.leader;
        const bar = h('span', { class: 'bar' });
        bar.style.width = `${Math.max(0, Math.min(100, ((p.average || 0) / max) * 100))}%`;
        return h('li', { class: isLeader ? 'bar-row leader' : 'bar-row', 'data-pid': p.id },
          h('span', { class: 'bar-label' }, loc(p.title), isLeader ? h('span', { class: 'tag tag-ok' }, t('results.leading')) : null),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
          h('span', { class: 'bar-value' }, num(p.average || 0)));
      }))
      : h('p', { class: 'empty-state' }, t(updating ? 'results.updating' : 'results.noBallots'));
    box.replaceChildren(
      updating && r.ballots ? h('p', { class: 'hint' }, t('results.updating')) : '',
      stats, quorum, chart, h('p', { class: 'hint' }, t('results.chartNote', { budget })));
  }

  async function refreshResults(area) {
    const current = (() => { const tok = state.token; return () => tok === state.token; })();
    const status = $('refresh-status');
    setText(status, t('loading'));
    const entry = await loadResults(area, current);
    if (!current()) return;
    const failed = !entry || (entry.results && entry.results.error);
    setText(status, failed ? '' : t('results.updated', { time: fmtTime(new Date()) }));
  }

  function paintDistrict(area, d) {
    const box = $('district-results');
    if (!d || d.error) {
      showLoadError(box, d && d.error, () => refreshResults(area));
      return;
    }
    const rows = (d.areas || []).map((a) => {
      const isHere = a.id === area.id;
      const link = h('a', { href: `#/area/${enc(a.id)}/results`, 'aria-current': isHere ? 'page' : null }, loc(a.name));
      return h('tr', { class: isHere ? 'current' : null },
        h('th', { scope: 'row' }, link),
        h('td', { class: 'num' }, num(a.ballots || 0)),
        h('td', null, a.leader ? `${loc(a.leader.title)} (${num(a.leader.average || 0)})` : t('results.noLeader')));
    });
    box.replaceChildren(
      h('p', null, t('results.districtTotal', { count: d.ballots || 0 })),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'district' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('results.districtArea')),
            h('th', { scope: 'col', class: 'num' }, t('results.ballots')),
            h('th', { scope: 'col' }, t('results.districtLeader')))),
          h('tbody', null, rows))));
  }

  function paintTaskings(data) {
    const box = $('taskings');
    if (!data || data.error) {
      showLoadError(box, data && data.error, () => route({ focus: false }));
      return;
    }
    const taskings = (data.taskings || []).slice().sort((a, b) => String(b.issued || '').localeCompare(String(a.issued || '')));
    if (!taskings.length) {
      box.replaceChildren(h('p', { class: 'empty-state' }, t('results.noTaskings')));
      return;
    }
    box.replaceChildren(h('ol', { class: 'taskings' }, taskings.map((k) => {
      const status = String(k.status || '');
      const noQuorum = status === 'quorum_not_met' || !k.priority;
      const outcome = loc(k.outcome);
      return h('li', { class: `tasking status-${status}` },
        h('h3', null, k.priority ? loc(k.priority.title) : t('tasking.noPriority')),
        h('p', null, h('span', { class: `tag tag-${status}` }, t(`status.${status}`) || status)),
        noQuorum
          ? h('p', null, t('tasking.quorumNotMet', { ballots: num(k.ballots || 0) }))
          : h('p', null, t('tasking.figures', { average: num(k.average || 0), ballots: num(k.ballots || 0), margin: num(k.margin || 0) })),
        k.issued ? h('p', { class: 'hint' }, t('tasking.issued', { date: fmtDate(k.issued, false) })) : null,
        outcome
          ? h('div', { class: 'outcome' }, h('p', null, h('strong', null, t('tasking.outcome'))), h('p', null, outcome))
          : !noQuorum && k.review ? h('p', null, t('tasking.noOutcome', { date: fmtDate(k.review, false) })) : null);
    })));
  }

  /* ------------------------------------------------------------------ share */
  function shareUrl(area) {
    return `${location.origin}${location.pathname}#/area/${enc(area.id)}`;
  }

  function renderShare(area) {
    const name = loc(area.name);
    setText($('share-body'), t('share.body', { area: name }));
    setText($('share-label'), t('share.label', { area: name }));
    $('share-url').value = shareUrl(area);
    $('native-share').hidden = typeof navigator.share !== 'function';
    setText($('share-status'), '');
  }

  async function onCopy() {
    const input = $('share-url');
    try {
      await navigator.clipboard.writeText(input.value);
      setText($('share-status'), t('share.copied'));
    } catch (_) {
      input.focus();
      input.select();
      setText($('share-status'), t('share.copyFailed'));
    }
  }

  async function onNativeShare() {
    const r = state.route;
    if (!r || !r.areaId) return;
    let name = r.areaId;
    try { name = loc(((await getAreas()).find((a) => a.id === r.areaId) || {}).name) || name; } catch (_) { /* id */ }
    try {
      await navigator.share({ title: t('appName'), text: t('share.text', { area: name }), url: $('share-url').value });
    } catch (_) { /* cancelled */ }
  }

  /* ------------------------------------------------------------------ announcements */
  let announceTimer = null;
  function announce(text) {
    // A polite live region outside the views, for messages that are also shown beside a field.
    const region = $('announcer');
    region.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { region.textContent = text; }, 50);
  }

  /* ------------------------------------------------------------------ language */
  function initialLang() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    if (LANGS.includes(fromUrl)) {
      store.set('lang', fromUrl);
      return fromUrl;
    }
    const saved = store.get('lang');
    if (LANGS.includes(saved)) return saved;
    const prefs = navigator.languages || [navigator.language || 'en'];
    for (const p of prefs) {
      const base = String(p).toLowerCase().split('-')[0];
      if (LANGS.includes(base)) return base;
    }
    return 'en';
  }

  async function setLang(l) {
    try {
      await loadCatalogue(l);
    } catch (_) {
      return; // keep the language we have; the toggle can be tried again
    }
    lang = l;
    store.set('lang', l);
    applyStatic();
    if (state.ballot && state.route && state.route.view === 'ballot') renderBallotError();
    await route({ focus: false, reuse: true });
  }

  /* ------------------------------------------------------------------ start */
  function wire() {
    const live = h('div', { id: 'announcer', class: 'visually-hidden', 'aria-live': 'polite' });
    doc.body.append(live);
    $('lang-toggle').addEventListener('click', () => setLang(other(lang)));
    doc.querySelector('.skip-link').addEventListener('click', (ev) => {
      ev.preventDefault();
      const main = $('main');
      main.focus();
      main.scrollIntoView();
    });
    $('postcode-form').addEventListener('submit', onPostcode);
    $('pick-form').addEventListener('submit', onPick);
    const ballotForm = $('ballot-form');
    ballotForm.addEventListener('submit', onSubmit);
    ballotForm.addEventListener('input', onAllocInput);
    ballotForm.addEventListener('change', onAllocChange);
    $('priorities').addEventListener('click', onStep);
    $('reset-ballot').addEventListener('click', onReset);
    $('refresh-results').addEventListener('click', () => {
      const r = state.route;
      if (!r || !r.areaId) return;
      getAreas().then((areas) => {
        const area = areas.find((a) => a.id === r.areaId);
        if (area) refreshResults(area);
      }, () => route({ focus: false }));
    });
    $('copy-link').addEventListener('click', onCopy);
    $('native-share').addEventListener('click', onNativeShare);
    $('share-url').addEventListener('focus', (ev) => ev.target.select());
    window.addEventListener('hashchange', () => {
      if (location.hash && !location.hash.startsWith('#/')) return;
      route();
    });
  }

  async function start() {
    lang = initialLang();
    try {
      await loadCatalogue(lang);
    } catch (_) {
      lang = other(lang);
      try { await loadCatalogue(lang); } catch (e) { return; }
    }
    wire();
    applyStatic();
    await route({ focus: false });
    root.classList.add('ready');
  }

  start();
})();
