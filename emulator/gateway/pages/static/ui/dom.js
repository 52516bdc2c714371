import { ProblemError } from './api.js';
import { problemWords } from './say.js';

/** Builds an element: `h('button', { type: 'button', onclick }, 'Save')`. Null and false children are skipped. */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

let fieldCount = 0;
/** A field inside a table cell with a <label> that screen readers read and the column header makes redundant on screen. */
export function labelled(input, text) {
  input.id ||= `field-${++fieldCount}`;
  return [h('label', { for: input.id, className: 'visually-hidden' }, text), input];
}

/**
 * An ID shown in full (monospace, wrapping where it must) with a button that copies it. The
 * button holds no text of its own (the stylesheet draws its word), so a cell reads as the ID alone.
 */
export function idText(id, what = 'ID') {
  if (!id) return '';
  const code = h('code', { className: 'id' }, id);
  const button = h('button', { type: 'button', className: 'copy', 'aria-label': `Copy ${what} ${id}`, title: `Copy ${what}` });
  button.addEventListener('click', () => copy(id, code, button, what));
  return h('span', { className: 'id-copy' }, code, button);
}

async function copy(id, code, button, what) {
  try {
    await navigator.clipboard.writeText(id);
  } catch {
    // Without clipboard access the ID is selected, ready for Ctrl+C.
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
  button.dataset.copied = 'true';
  announce(`${what} ${id} copied.`);
  setTimeout(() => delete button.dataset.copied, 2000);
}

/** Says something to screen readers without moving focus or showing it. */
export function announce(text) {
  let region = document.getElementById('announcer');
  if (!region) {
    region = h('div', { id: 'announcer', className: 'visually-hidden', 'aria-live': 'polite' });
    document.body.append(region);
  }
  region.textContent = text;
}

/** Moves focus to a heading (made focusable for it), as after logging in or closing a dialog. */
export function focusHeading(heading) {
  if (!heading || heading.closest('[hidden]')) return;
  heading.tabIndex = -1;
  heading.focus();
}

/** When the dialog closes, focus goes to the heading `headingOf()` names, not to the page's body. */
export function headingAfterClose(dialog, headingOf) {
  dialog.addEventListener('close', () => setTimeout(() => focusHeading(headingOf()), 0));
}

/** A reason shown where an action's button would be, when the action cannot be taken. */
export const reason = (text, dataset = {}) => h('span', { className: 'reason', dataset }, text);

/** Shows a refusal as the API worded it; the status and code ride along for whoever reads the page. */
export function showProblem(slot, error) {
  if (!(error instanceof ProblemError)) {
    console.error(error);
    error = new ProblemError({ status: 0, code: 'page-error', title: 'The page failed', detail: String(error?.message || error) });
  }
  const p = error.problem;
  const { title, detail } = problemWords(p);
  replace(
    slot,
    h(
      'div',
      {
        role: 'alert',
        className: 'problem',
        dataset: { status: String(p.status ?? ''), code: p.code ?? '', field: p.field ?? '', successorId: p.successorId ?? '' },
      },
      h('strong', {}, title),
      ' ',
      detail,
    ),
  );
}

export function clearProblem(slot) {
  slot.replaceChildren();
}

/** A status message (success banner or progress note) that screen readers announce. */
export function showStatus(slot, text, tone = 'success') {
  replace(slot, h('div', { role: 'status', className: `banner ${tone}` }, text));
}

/**
 * A data table with a caption. `columns` are `{ header, cell(row) }`; each row is one record. An
 * empty table says so in one row spanning every column.
 */
export function dataTable(caption, columns, rows, empty = 'Nothing to show.') {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', className: c.className }, c.header)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', { className: 'empty' }, h('td', { colspan: columns.length }, empty))
        : rows.map((row) =>
            h(
              'tr',
              {},
              // The column's name rides on the cell, for the stacked rows of small screens.
              columns.map((c) => h('td', { className: c.className, dataset: { label: c.header } }, h('div', { className: 'cell' }, c.cell(row)))),
            ),
          ),
    ),
  );
}

/**
 * Marks a region busy while its data loads, so assistive technology (and tests) know when the
 * content is current. Only the latest load for a region may fill it.
 */
const generations = new WeakMap();
export async function load(region, work) {
  const generation = (generations.get(region) ?? 0) + 1;
  generations.set(region, generation);
  region.setAttribute('aria-busy', 'true');
  try {
    const result = await work();
    return generations.get(region) === generation ? result : undefined;
  } finally {
    if (generations.get(region) === generation) region.setAttribute('aria-busy', 'false');
  }
}

/** Tabs that follow the ARIA pattern: click or arrow keys select, the matching panel shows. */
export function setupTabs(tablist, onSelect) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const select = (tab, focus = false) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
    onSelect?.(tab);
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      select(tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length], true);
    });
  }
  return { select: (id) => select(tabs.find((t) => t.id === id)) };
}

/** Reads a form's named fields as trimmed strings; empty ones are left out. */
export function fieldsOf(form) {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}
