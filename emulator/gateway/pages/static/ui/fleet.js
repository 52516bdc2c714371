import { api } from './api.js';
import { clearProblem, dataTable, h, load, replace, showProblem } from './dom.js';

/**
 * The fleet overview: tiles and colour bars for the SmartServers the filters keep, then one page of
 * them. The server filters, sorts and pages (GET /fleet/api/overview), so a fleet of ten thousand
 * costs the browser one page of rows. The filters live in the address, so a view can be shared.
 */
const $ = (id) => document.getElementById(id);

/** The colours of the CMS Devices widget, in the words its manual uses, worst last. */
const COLOURS = [
  ['green', 'Provisioned'],
  ['green-red-ring', 'Provisioned, marginal'],
  ['yellow', 'Provisioned, suspect'],
  ['red', 'Provisioned, down'],
  ['blue-spinner', 'Provisioning'],
  ['blue', 'Not provisioned'],
  ['purple', 'Unlicensed'],
];
const number = new Intl.NumberFormat('en');
const n = (value) => number.format(value);
const percent = (part, whole) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`);
const count = (value, one, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;
const FILTERS = ['group', 'customer', 'release', 'connection', 'attention', 'sort', 'order'];

/** The view: the filters and sort as the address gives them, the page size (?limit, 50 unless given) and the first row shown. */
const state = { offset: 0, query: new URLSearchParams(location.search) };
state.offset = Number(state.query.get('offset') ?? 0) || 0;
state.query.delete('offset');
const PAGE_SIZE = Math.min(500, Math.max(1, Number(state.query.get('limit')) || 50));
state.query.delete('limit');

function colourWords(counts) {
  const shown = COLOURS.filter(([colour]) => (counts[colour] ?? 0) > 0);
  return shown.length === 0 ? 'no devices' : shown.map(([colour, label]) => `${n(counts[colour])} ${label.toLowerCase()}`).join(', ');
}

/** One stacked bar of device colours, read out as the counts it shows. */
function colourBar(counts, label) {
  const total = COLOURS.reduce((sum, [colour]) => sum + (counts[colour] ?? 0), 0);
  const segments = COLOURS.filter(([colour]) => (counts[colour] ?? 0) > 0).map(([colour, words]) => {
    const segment = h('span', { className: `segment ${colour}`, title: `${words}: ${n(counts[colour])} (${percent(counts[colour], total)})` });
    // Through the style object, not a style attribute, which the pages' content security policy refuses.
    segment.style.flexGrow = String(counts[colour]);
    return segment;
  });
  return h(
    'div',
    { className: 'colour-bar', role: 'img', 'aria-label': `${label}: ${colourWords(counts)}` },
    total === 0 ? h('span', { className: 'segment none' }) : segments,
  );
}

function legend(counts) {
  return h(
    'ul',
    { className: 'counts legend' },
    COLOURS.map(([colour, label]) => h('li', {}, h('span', { className: `dot ${colour}`, 'aria-hidden': 'true' }), `${label}: ${n(counts[colour] ?? 0)}`)),
  );
}

function tile(value, label, detail) {
  return h(
    'li',
    { className: 'tile' },
    h('span', { className: 'label' }, label),
    h('p', { className: 'value' }, value),
    detail ? h('span', { className: 'muted' }, detail) : null,
  );
}

function showGlance(overview) {
  const s = overview.summary;
  const filtered = overview.matching !== overview.fleetSize;
  $('scope').textContent = filtered
    ? `${n(overview.matching)} of the ${n(overview.fleetSize)} SmartServers: those the filters below keep.`
    : `Every emulated SmartServer: ${n(overview.fleetSize)}.`;
  replace(
    $('tiles'),
    tile(n(s.smartServers), 'SmartServers', filtered ? `of ${n(overview.fleetSize)}` : null),
    tile(n(s.online), 'Online', `${percent(s.online, s.smartServers)} connected to the Internet`),
    tile(n(s.badge), 'With the red badge', 'devices beyond the licensed capacity'),
    tile(n(s.attention), 'Need attention', 'capacity short or maintenance ending'),
    tile(n(s.definedDevices), 'Devices', colourWords(s.devicesByColour)),
    tile(
      `${n(s.usedCapacity)} of ${n(s.capacity)}`,
      'Capacity used of licensed',
      s.capacity === 0 ? 'no capacity licensed; each SmartServer takes one place' : `${percent(s.usedCapacity, s.capacity)} used`,
    ),
  );
  replace($('fleet-bar'), colourBar(s.devicesByColour, 'Devices by colour'), legend(s.devicesByColour));
  replace(
    $('group-bars'),
    overview.groups.map((g) =>
      h(
        'li',
        {},
        h('span', { className: 'group-name' }, g.label),
        h(
          'span',
          { className: 'muted' },
          `${count(g.smartServers, 'SmartServer')}, ${n(g.online)} online, ${n(g.attention)} ${g.attention === 1 ? 'needs' : 'need'} attention`,
        ),
        colourBar(g.devicesByColour, `${g.label}, devices by colour`),
      ),
    ),
  );
}

function options(select, choices, anyLabel) {
  const current = state.query.get(select.name) ?? '';
  replace(
    select,
    h('option', { value: '' }, anyLabel),
    choices.map((c) => h('option', { value: c.value, selected: c.value === current }, `${c.label} (${n(c.count)})`)),
  );
}

function showFilters(overview) {
  options($('f-group'), overview.choices.group, 'Every group');
  options($('f-customer'), overview.choices.customer, 'Every customer');
  options($('f-release'), overview.choices.release, 'Every release');
  for (const name of ['connection', 'sort', 'order']) $(`f-${name}`).value = state.query.get(name) ?? $(`f-${name}`).options[0].value;
  $('f-attention').checked = state.query.get('attention') === 'true';
}

const ATTENTION = 'License attention: the device capacity is zero or below the number of defined devices';

function showRows(overview) {
  replace(
    $('fleet-table'),
    dataTable(
      'SmartServer fleet',
      [
        { header: 'SmartServer', cell: (s) => h('a', { href: s.cmsPath }, s.name) },
        { header: 'Install Code', cell: (s) => h('code', {}, s.installCode) },
        { header: 'Group', cell: (s) => s.group ?? '—' },
        { header: 'Customer', cell: (s) => (s.customerId ? [s.customerName ?? '', ' ', h('code', { className: 'full-id' }, s.customerId)] : '—') },
        { header: 'Release', cell: (s) => s.release },
        { header: 'Internet', cell: (s) => (s.online ? 'Connected' : 'Not connected') },
        { header: 'Used of capacity', cell: (s) => (s.licenseManagement ? `${n(s.usedCapacity)} of ${n(s.capacity)}` : 'no license needed'), className: 'num' },
        {
          header: 'Needs attention',
          cell: (s) => [
            s.badge ? h('span', { className: 'badge', role: 'img', 'aria-label': ATTENTION, title: ATTENTION }, '!') : null,
            s.attention.length ? ` ${s.attention.join('; ')}` : '',
          ],
        },
        { header: 'Maintenance', cell: (s) => (s.maintenance.ends ? `${s.maintenance.status} (ends ${s.maintenance.ends})` : s.maintenance.status) },
        {
          header: 'Devices',
          cell: (s) => [h('span', { className: 'num-inline' }, n(s.definedDevices)), colourBar(s.devicesByColour, `${s.name}, devices by colour`)],
        },
      ],
      overview.rows,
      'No SmartServer matches these filters.',
    ),
  );
  const first = overview.matching === 0 ? 0 : overview.offset + 1;
  const last = overview.offset + overview.rows.length;
  $('showing').textContent = `Showing ${n(first)}–${n(last)} of ${n(overview.matching)} SmartServers.`;
  const pages = Math.max(1, Math.ceil(overview.matching / overview.limit));
  $('page-of').textContent = `Page ${n(Math.floor(overview.offset / overview.limit) + 1)} of ${n(pages)}`;
  $('previous').disabled = overview.offset === 0;
  $('next').disabled = last >= overview.matching;
}

async function refresh() {
  clearProblem($('fleet-problem'));
  await load($('fleet'), async () => {
    try {
      const query = new URLSearchParams(state.query);
      query.set('offset', String(state.offset));
      query.set('limit', String(PAGE_SIZE));
      const overview = await api('GET', `/fleet/api/overview?${query}`);
      // A page past the end (the fleet shrank) goes back to the last page.
      if (overview.rows.length === 0 && overview.offset > 0 && overview.matching > 0) {
        state.offset = Math.floor((overview.matching - 1) / PAGE_SIZE) * PAGE_SIZE;
        return refresh();
      }
      showGlance(overview);
      showFilters(overview);
      showRows(overview);
      $('refreshed').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      showProblem($('fleet-problem'), error);
    }
  });
}

/** Keeps the address in step with the filters and the page, so reloading or sharing it shows the same view. */
function remember() {
  const query = new URLSearchParams(state.query);
  if (PAGE_SIZE !== 50) query.set('limit', String(PAGE_SIZE));
  if (state.offset > 0) query.set('offset', String(state.offset));
  history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
}

$('filters').addEventListener('change', () => {
  const form = new FormData($('filters'));
  state.query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = form.get(name);
    if (typeof value === 'string' && value !== '' && !(name === 'sort' && value === 'attention') && !(name === 'order' && value === 'asc'))
      state.query.set(name, value);
  }
  state.offset = 0;
  remember();
  refresh();
});
$('filters').addEventListener('reset', (event) => {
  event.preventDefault();
  state.query = new URLSearchParams();
  state.offset = 0;
  remember();
  refresh();
});
$('filters').addEventListener('submit', (event) => event.preventDefault());
$('previous').addEventListener('click', () => {
  state.offset = Math.max(0, state.offset - PAGE_SIZE);
  remember();
  refresh();
});
$('next').addEventListener('click', () => {
  state.offset += PAGE_SIZE;
  remember();
  refresh();
});
$('refresh').addEventListener('click', refresh);
setInterval(() => {
  if (document.visibilityState === 'visible') refresh();
}, 10_000);
refresh();
