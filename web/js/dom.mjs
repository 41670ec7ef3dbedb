/* Small DOM helpers shared by the components. */

const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes ("class", "text" and the rest) and children, in arrays nested as deep as
 * need be; null/false/'' are skipped. */
export function h(tag, props, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid != null && kid !== false && kid !== '') el.append(kid.nodeType ? kid : String(kid));
  }
  return el;
}

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

const PATHS = {
  plus: 'M3 8.5h5.5V3h3v5.5H17v3h-5.5V17h-3v-5.5H3z',
  minus: 'M3 8.5h14v3H3z',
};

/** A decorative icon: the helmet from the page's sprite, or a plus or minus. */
export function icon(name, cls) {
  const helmet = name === 'helmet';
  const svg = svgEl('svg', {
    class: cls, 'aria-hidden': 'true', focusable: 'false', viewBox: helmet ? '0 0 24 24' : '0 0 20 20',
  });
  svg.append(helmet ? svgEl('use', { href: '#helmet' }) : svgEl('path', { d: PATHS[name] }));
  return svg;
}

/** `total` helmets in `container`, the first `filled` of them solid; the icons are reused. */
export function helmets(container, filled, total) {
  if (container.childElementCount !== total) {
    container.replaceChildren(...Array.from({ length: total }, () => icon('helmet', 'helmet')));
  }
  Array.from(container.children).forEach((el, i) => el.classList.toggle('empty', i >= filled));
}

export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** A text field GOV.UK style: its label, hint and error line (hidden until needed), then the input with
 * its submit button beside it. Ids follow `prefix` (-hint, -error, -submit); `input` holds the input's
 * id and the attributes that differ; label, hint and button are catalogue keys (data-i18n). */
export function textField({ prefix, label, hint, button, input }) {
  const hintId = `${prefix}-hint`;
  return h('div', { class: 'field' },
    h('label', { for: input.id, 'data-i18n': label }),
    h('p', { id: hintId, class: 'hint', 'data-i18n': hint }),
    h('p', { id: `${prefix}-error`, class: 'error-message', hidden: true }),
    h('div', { class: 'inline-field' },
      h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': hintId, ...input }),
      h('button', { type: 'submit', id: `${prefix}-submit`, 'data-i18n': button })));
}

/** A field's own error (GOV.UK style): shown under its hint, the field marked invalid and pointing at
 * both, and read out; an empty text clears it. */
export function showFieldError(input, error, hintId, text) {
  setText(error, text);
  error.hidden = !text;
  input.classList.toggle('invalid', !!text);
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  input.setAttribute('aria-describedby', text ? `${hintId} ${error.id}` : hintId);
  if (text) announce(text);
}

/** An error in place of content, with a button to try again. */
export function showLoadError(box, message, retryLabel, retry) {
  const button = h('button', { type: 'button', class: 'button-secondary' }, retryLabel);
  button.addEventListener('click', retry);
  box.replaceChildren(h('p', { role: 'alert' }, message), h('p', null, button));
  box.hidden = false;
}

let region = null;
let timer = null;
/** Reads a message out politely (it is also shown beside the field it is about). */
export function announce(text) {
  if (!region) {
    region = h('div', { id: 'announcer', class: 'visually-hidden', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.textContent = '';
  clearTimeout(timer);
  timer = setTimeout(() => { region.textContent = text; }, 50);
}
