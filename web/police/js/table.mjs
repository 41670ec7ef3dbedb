/* A data table: its caption (for screen readers), column headings and rows. Each cell carries its
 * column's heading (data-label), so on a narrow screen or with large text, where police.css lays each
 * row out as a block, every value still shows - and is read - with its heading. */

import { h } from '../../js/dom.mjs';
import { AnswerView } from './view.mjs';

/** headings: the columns' words ('' for none); rows: [{cells, class}], the first cell the row's heading. */
export function dataTable(caption, headings, rows) {
  return h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, ...headings.map((words) => (words ? h('th', { scope: 'col' }, words) : h('td'))))),
    h('tbody', null, ...rows.map((row) => h('tr', { class: row.class || null }, ...row.cells.map((cell, i) => (i === 0
      ? h('th', { scope: 'row' }, cell)
      : h('td', { 'data-label': headings[i] || null }, cell)))))));
}

/** A view of one answer shown as a table: its h1 and lede (police.<name>.title and .intro) above the
 * table's box (#<name>). */
export class TableView extends AnswerView {
  constructor(root, app, name) {
    super(root, app, name);
    root.append(
      h('h1', { id: `${name}-title`, tabindex: '-1', 'data-i18n': `police.${name}.title` }),
      h('p', { class: 'lede', 'data-i18n': `police.${name}.intro` }),
      h('div', { id: name, class: 'table-wrap' }));
    this.words();
  }
}
