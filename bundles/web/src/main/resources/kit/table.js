// Sortable, filterable tables. Columns: {key, label, render(row) -> Node|string, value(row) -> sort/filter
// value, numeric}. update(rows) redraws only when the data changed, and a redraw gives focus back to the
// same control of the same row (rows are keyed by the first column), so polling keeps focus and scroll.
import { el } from '/kit/dom.js';

let tables = 0;

export class DataTable {
  constructor(host, { columns, caption, filterLabel = 'Filter', empty = 'Nothing here yet.', initialSort = null }) {
    this.columns = columns;
    this.empty = empty;
    this.rows = [];
    this.signature = null;
    this.sort = initialSort || { key: columns[0].key, dir: 1 };
    const id = `bh-table-${++tables}`;
    this.filter = el('input', { id: `${id}-filter`, type: 'search', autocomplete: 'off' });
    this.filter.addEventListener('input', () => this.draw());
    this.count = el('p', { class: 'bh-hint', 'aria-live': 'polite', id: `${id}-count` });
    this.head = el('tr');
    this.body = el('tbody');
    this.table = el('table', { class: 'bh-table' }, el('caption', {}, caption), el('thead', {}, this.head), this.body);
    host.replaceChildren(el('div', { class: 'bh-filter' }, el('label', { for: `${id}-filter` }, filterLabel), this.filter),
      this.count, el('div', { class: 'bh-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, this.table));
    this.drawHead();
  }

  value(column, row) {
    const v = column.value ? column.value(row) : row[column.key];
    return v === null || v === undefined ? '' : v;
  }

  drawHead() {
    this.head.replaceChildren(...this.columns.map((c) => {
      if (c.sortable === false) return el('th', { scope: 'col' }, c.label);
      const active = this.sort.key === c.key;
      const th = el('th', { scope: 'col', 'aria-sort': active ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        el('button', { type: 'button', class: 'bh-sort', onclick: () => this.sortBy(c.key) }, c.label,
          el('span', { 'aria-hidden': 'true' }, active ? (this.sort.dir > 0 ? ' ▲' : ' ▼') : ' ↕')));
      return th;
    }));
  }

  sortBy(key) {
    this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : 1 };
    this.drawHead();
    this.draw();
  }

  /** New data; redraws when it differs from the last. */
  update(rows) {
    const signature = JSON.stringify(rows);
    if (signature === this.signature) return;
    this.signature = signature;
    this.rows = rows;
    this.draw();
  }

  draw() {
    const needle = this.filter.value.trim().toLowerCase();
    const column = this.columns.find((c) => c.key === this.sort.key) || this.columns[0];
    const shown = this.rows
      .filter((r) => !needle || this.columns.some((c) => String(this.value(c, r)).toLowerCase().includes(needle)))
      .sort((a, b) => {
        const x = this.value(column, a);
        const y = this.value(column, b);
        const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
        return cmp * this.sort.dir;
      });
    const focus = this.focused();
    this.count.textContent = needle ? `${shown.length} of ${this.rows.length} shown` : `${this.rows.length} in total`;
    if (shown.length === 0) {
      this.body.replaceChildren(el('tr', {}, el('td', { colspan: this.columns.length },
        this.rows.length ? 'Nothing matches the filter.' : this.empty)));
      return;
    }
    this.body.replaceChildren(...shown.map((r) => el('tr', { 'data-key': String(this.value(this.columns[0], r)) },
      this.columns.map((c) => el(c.header ? 'th' : 'td', c.header ? { scope: 'row' } : { class: c.numeric ? 'bh-num' : null },
        c.render ? c.render(r) : String(this.value(c, r)))))));
    this.refocus(focus);
  }

  /** Where focus is inside the body: the row's key, the cell's column and the control's place in the cell. */
  focused() {
    const active = document.activeElement;
    if (!active || !this.body.contains(active)) return null;
    const cell = active.closest('td, th');
    const row = cell && cell.parentElement;
    if (!row) return null;
    const controls = [...cell.querySelectorAll('button, a, input, select, [tabindex]')];
    return { key: row.dataset.key, column: [...row.children].indexOf(cell), index: controls.indexOf(active) };
  }

  /** Focuses the same control in the redrawn row, when that row is still shown. */
  refocus(focus) {
    if (!focus) return;
    const row = [...this.body.rows].find((r) => r.dataset.key === focus.key);
    const cell = row && row.children[focus.column];
    const target = cell && cell.querySelectorAll('button, a, input, select, [tabindex]')[Math.max(0, focus.index)];
    if (target) target.focus({ preventScroll: true });
  }
}
