import { api, apiPage, ProblemError, sessions } from './api.js';
import { clearProblem, dataTable, focusHeading, h, headingAfterClose, idText, labelled, load, reason, replace, showProblem, showStatus } from './dom.js';
import { say } from './say.js';

/**
 * One SmartServer's CMS: the dashboard, the Devices widget and the Manage Licenses dialog. The
 * figures, the device menus and every refusal (an Owner-only feature included) come from the API.
 */
const $ = (id) => document.getElementById(id);
const installCode = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const base = `/smartservers/${encodeURIComponent(installCode)}`;
const SESSION = `sslab.cms.${installCode}`;
let session = sessions.read(SESSION);
let startupChecked = false;

const call = (method, path, body) => api(method, `${base}${path}`, { body, token: session?.token });

const ACTION_LABELS = {
  provision: 'Provision',
  deprovision: 'Deprovision',
  'read-datapoints': 'Read datapoints',
  'write-datapoints': 'Write datapoints',
  'define-datapoint-properties': 'Datapoint properties',
  'define-connections': 'Connections',
  'configure-bacnet-server': 'BACnet server',
  schedule: 'Schedule',
  sequence: 'Sequence',
};
const MAIN_ACTIONS = new Set(['provision', 'deprovision', 'read-datapoints', 'write-datapoints']);

function showView(view) {
  $('login').hidden = view !== 'login';
  $('dashboard').hidden = view !== 'dashboard';
  $('who').hidden = view === 'login';
}

const badge = (label) => h('span', { className: 'badge', role: 'img', 'aria-label': label, title: label }, '!');

/** What the red badge stands for, with the shortfall the dashboard's figures show. */
function shortfall(board) {
  const short = board.definedDevices - board.capacity;
  return short > 0 ? `Capacity short by ${short} device${short === 1 ? '' : 's'}` : 'No device capacity';
}
const badgeLabel = (board) => `License attention: ${shortfall(board).toLowerCase()}; add capacity in Manage Licenses`;

// ---------------------------------------------------------------- dashboard and Devices widget

async function refreshDashboard() {
  clearProblem($('dashboard-problem'));
  return load($('dashboard'), async () => {
    try {
      // No box ticked shows every device; ticked boxes become the `sts` filter of the device list.
      const sts = [...$('device-filter').querySelectorAll('input:checked')].map((box) => box.value).join(',');
      const [board, devices] = await Promise.all([call('GET', '/dashboard'), call('GET', `/cms/api/devices${sts ? `?sts=${sts}` : ''}`)]);
      renderUnlessShown('board', board, renderDashboard);
      renderUnlessShown('devices', devices, renderDevices);
      dashboardNotes(board);
      return board;
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('dashboard-problem'), error);
      return undefined;
    }
  });
}

/** The answers the dashboard and the Devices widget show, as received. */
const shownAnswers = new Map();

/**
 * Builds a part of the page from an answer, unless it shows that very answer already: a refresh
 * that finds nothing changed leaves the page as it is, with nothing built or drawn again.
 */
function renderUnlessShown(part, answer, render) {
  const text = JSON.stringify(answer);
  if (shownAnswers.get(part) === text) return;
  render(answer);
  shownAnswers.set(part, text);
}

/** What the dashboard says besides its figures, each time it is read: the problem slot was cleared for the reading. */
function dashboardNotes(board) {
  if (board.licenseManagement === false) {
    showStatus($('dashboard-problem'), `Release ${board.version} needs no license management.`, 'info');
  }
  if (!startupChecked) {
    startupChecked = true;
    if (board.manageLicensesOpensAtStartup) openManage();
  }
}

function renderDashboard(board) {
  $('server-title').textContent = `· ${board.name} (${board.installCode}) · release ${board.version}`;
  replace($('status-badge'), board.badge ? [badge(badgeLabel(board)), ' ', h('span', { className: 'short' }, shortfall(board))] : '');
  const maintenanceHint = board.maintenance.ends ? `Maintenance end date: ${board.maintenance.ends}` : 'No maintenance license is held';
  const figures = [
    ['Device capacity', String(board.capacity)],
    ['Used capacity', String(board.usedCapacity)],
    ['Defined devices', String(board.definedDevices)],
    ['Licensed devices', String(board.licensedDevices)],
    [
      'Maintenance',
      h('span', { className: 'maintenance', title: maintenanceHint, tabindex: '0', 'aria-describedby': 'maintenance-hint' }, board.maintenance.status),
    ],
    ['Internet', board.online ? 'Connected' : 'Not connected'],
    ...(board.services
      ? [
          ['Device access', board.services.devices === 'reachable' ? 'Reachable' : 'Unreachable'],
          ['Scheduler', board.services.scheduler === 'running' ? 'Running' : 'Stopped'],
          ['Data logging', board.services.dataLogging === 'running' ? 'Running' : 'Stopped'],
        ]
      : []),
  ];
  replace(
    $('license-figures'),
    figures.map(([term, value]) => h('div', { className: 'tile' }, h('dt', { className: 'label' }, term), h('dd', { className: 'value' }, value))),
    h('span', { id: 'maintenance-hint', hidden: true }, maintenanceHint),
  );
  replace(
    $('smartserver-row'),
    h('span', {}, h('strong', {}, board.name), ` SmartServer IoT, install code ${board.installCode}`),
    h('button', { type: 'button', onclick: openManage }, 'Manage Licenses', board.badge ? [' ', badge(badgeLabel(board))] : ''),
  );
  replace(
    $('colour-counts'),
    Object.entries(board.devicesByColour).map(([colour, count]) =>
      h('li', {}, h('span', { className: `dot ${colour}`, 'aria-hidden': 'true' }), `${say('deviceColour', colour)}: ${count}`),
    ),
  );
}

function actionButton(device, entry) {
  return h('button', { type: 'button', onclick: () => runAction(device, entry.action) }, ACTION_LABELS[entry.action] ?? entry.action);
}

const actionList = (entries) => {
  const labels = entries.map((a) => (ACTION_LABELS[a.action] ?? a.action).toLowerCase());
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}` : labels[0];
};

/**
 * Where the device's menu offers actions it refuses now, one line says why in their place: an
 * unlicensed device needs capacity added; any other refusal is said as the API words it.
 */
function refusedActions(entries) {
  return [...Map.groupBy(entries, (entry) => entry.refusal?.code ?? 'refused')].map(([code, list]) =>
    reason(code === 'device-unlicensed' ? `Unlicensed: add capacity to ${actionList(list)}` : `Not now: ${list[0].refusal?.detail ?? actionList(list)}`, {
      code,
    }),
  );
}

function renderDevices(devices) {
  replace(
    $('devices-table'),
    dataTable(
      'Devices',
      [
        { header: 'Colour', cell: (d) => [h('span', { className: `dot ${d.colour}`, 'aria-hidden': 'true' }), say('deviceColour', d.colour)] },
        { header: '#', cell: (d) => String(d.id) },
        { header: 'Name', cell: (d) => d.name },
        { header: 'Protocol', cell: (d) => say('protocol', d.protocol) },
        { header: 'State', cell: (d) => say('deviceState', d.state) },
        { header: 'Provision State', cell: (d) => say('provisionState', d.status?.state) },
        { header: 'Health', cell: (d) => say('deviceHealth', d.status?.health) },
        { header: 'License', cell: (d) => (d.licensed ? 'Licensed' : 'Unlicensed') },
        {
          header: 'Actions',
          cell: (d) => {
            const offered = d.actions.filter((a) => a.offered && a.allowed);
            const more = offered.filter((a) => !MAIN_ACTIONS.has(a.action));
            return h(
              'div',
              { className: 'row-actions' },
              offered.filter((a) => MAIN_ACTIONS.has(a.action)).map((a) => actionButton(d, a)),
              refusedActions(d.actions.filter((a) => a.offered && !a.allowed)),
              more.length
                ? h(
                    'details',
                    {},
                    h('summary', {}, 'More actions'),
                    h(
                      'div',
                      { className: 'row-actions' },
                      more.map((a) => actionButton(d, a)),
                    ),
                  )
                : '',
            );
          },
        },
      ],
      devices,
      'This SmartServer has no devices.',
    ),
  );
}

function runAction(device, action) {
  clearProblem($('devices-problem'));
  load($('dashboard'), async () => {
    try {
      await call('POST', `/iap/devs/${device.id}/do`, { action });
      await refreshDashboard();
      showStatus($('devices-problem'), `${ACTION_LABELS[action]}: ${device.name} done.`);
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('devices-problem'), error);
    }
  });
}

// ---------------------------------------------------------------- Manage Licenses dialog

const dialog = $('manage-dialog');
const view = $('manage-view');
const closeButton = () => h('button', { type: 'button', onclick: () => dialog.close() }, 'CLOSE');
const backButton = () => h('button', { type: 'button', onclick: () => showMain() }, 'BACK');
const statusSlot = () => h('div', { className: 'slot', id: 'manage-status' });

function openManage() {
  if (!dialog.open) dialog.showModal();
  return showMain();
}
dialog.addEventListener('close', () => {
  if (session) refreshDashboard();
});

/** Fills the dialog with one view; the view's builder may refuse, and then the refusal is shown. */
/** Runs one action of the dialog: its view stays busy until the outcome shows, a refusal goes to `slot`. */
function act(slot, work) {
  return load(view, async () => {
    try {
      await work();
      // The dashboard behind the dialog follows what the action changed.
      await refreshDashboard();
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem(slot, error);
    }
  });
}

async function showIn(title, build, footer = backButton) {
  return load(view, async () => {
    const slot = statusSlot();
    let body;
    try {
      body = await build(slot);
    } catch (error) {
      if (handleLoggedOut(error)) return;
      body = h('div', { className: 'slot' });
      showProblem(body, error);
    }
    replace(view, h('h2', {}, title), body, slot, h('div', { className: 'actions' }, footer()));
  });
}

async function showMain(message) {
  await showIn(
    'Manage Licenses',
    async (slot) => {
      const licenses = await call('GET', '/iap/lic');
      if (message) showStatus(slot, message);
      return [
        h(
          'div',
          { className: 'toolbar', role: 'toolbar', 'aria-label': 'License actions' },
          h('button', { type: 'button', onclick: () => showAccounts() }, 'Manage Customer Accounts'),
          h('button', { type: 'button', onclick: () => showCloud() }, 'Download Licenses from the Cloud'),
          h('button', { type: 'button', onclick: () => showAddLicense() }, 'Add License'),
          h('button', { type: 'button', onclick: () => showNotifications() }, 'Edit Notifications'),
          h('button', { type: 'button', onclick: () => askTransfer() }, 'Transfer to Cloud'),
        ),
        h(
          'div',
          { className: 'scroll' },
          dataTable(
            'Activated licenses',
            [
              { header: 'Segment Controller', cell: (l) => l.segmentController },
              { header: 'Type', cell: (l) => say('licenseKind', l.kind) },
              { header: 'Description', cell: (l) => l.description },
              { header: 'Status', cell: (l) => l.status },
              { header: 'Activation Date', cell: (l) => l.activationDate },
              { header: 'License ID', cell: (l) => idText(l.licenseId, 'License ID') },
              { header: 'Note', cell: noteCell },
            ],
            licenses,
            'No license is activated on this SmartServer.',
          ),
        ),
      ];
    },
    closeButton,
  );
}

/** The optional Note of a license (where the unit is, for instance), edited in place. */
function noteCell(license) {
  const cell = h('div', { className: 'row-actions' });
  const show = () =>
    replace(
      cell,
      license.note ?? '',
      h('button', { type: 'button', className: 'quiet', 'aria-label': `Edit note of license ${license.licenseId}`, onclick: edit }, 'Edit note'),
    );
  const edit = () => {
    const input = h('input', { type: 'text', value: license.note ?? '', maxlength: '200' });
    replace(
      cell,
      labelled(input, `Note of license ${license.licenseId}`),
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Save note of license ${license.licenseId}`,
          onclick: () =>
            act($('manage-status'), async () => {
              await call('PUT', `/iap/lic/${encodeURIComponent(license.licenseId)}/note`, { note: input.value.trim() === '' ? null : input.value.trim() });
              await showMain('Note saved.');
            }),
        },
        'Save note',
      ),
    );
    input.focus();
  };
  show();
  return cell;
}

async function showAccounts(message) {
  await showIn('Manage Customer Accounts', async (slot) => {
    const rows = await call('GET', '/iap/lic/accounts');
    if (message) showStatus(slot, message);
    const settle = (method, path, done) => () =>
      act(slot, async () => {
        await call(method, path);
        await showAccounts(done);
      });
    const enter = (input) =>
      act(slot, async () => {
        await call('POST', '/iap/lic/accounts/draft', { customerId: input.value.trim() });
        await showAccounts('Customer ID entered; save or discard it.');
      });
    return [
      h(
        'p',
        { className: 'muted' },
        'Segment Controller and Install Code are read-only. Enter the Customer ID that the License Partner Portal shows for the customer account, then save or discard it.',
      ),
      dataTable(
        'Customer accounts',
        [
          { header: 'Segment Controller', cell: (r) => r.segmentController },
          { header: 'Install Code', cell: (r) => h('code', {}, r.installCode) },
          {
            header: 'Customer ID',
            cell: (r) => {
              const input = h('input', {
                type: 'text',
                value: r.pendingCustomerId ?? r.customerId ?? '',
                spellcheck: 'false',
                placeholder: '2133c667-af41-4518-94df-a2bb3b775330',
                onchange: (event) => enter(event.target),
                onkeydown: (event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    event.target.blur();
                  }
                },
              });
              return h(
                'div',
                {},
                h(
                  'div',
                  { className: 'row-actions' },
                  labelled(input, 'Customer ID'),
                  r.pendingCustomerId
                    ? [
                        h(
                          'button',
                          { type: 'button', className: 'primary', onclick: settle('POST', '/iap/lic/accounts/draft/save', 'Customer ID saved.') },
                          'Save Changes',
                        ),
                        h(
                          'button',
                          { type: 'button', onclick: settle('DELETE', '/iap/lic/accounts/draft', 'Entered Customer ID discarded.') },
                          'Discard Changes',
                        ),
                      ]
                    : '',
                ),
                h('small', { className: 'muted' }, 'Saved: ', r.customerId ? idText(r.customerId, 'saved Customer ID') : 'none'),
              );
            },
          },
        ],
        rows,
      ),
    ];
  });
}

async function showCloud(message) {
  // The manual calls this view "Download Licenses from Cloud"; the button that opens it says "from the Cloud".
  await showIn('Download Licenses from Cloud', async (slot) => {
    const offers = [];
    // Kept apart from the checkboxes, which are drawn again when another page is added.
    const selected = new Set();
    const activate = h('button', { type: 'button', className: 'primary', disabled: true }, 'ACTIVATE');
    activate.addEventListener('click', () => {
      const licenseIds = [...selected];
      showStatus(slot, `Activating ${licenseIds.length} license(s); this can take a while on a real SmartServer.`, 'info');
      act(slot, async () => {
        const result = await call('POST', '/iap/lic/cloud/download', { licenseIds });
        await showCloud(`Activated ${result.activated.length} license(s); they are listed in Manage Licenses now.`);
      });
    });
    const table = () =>
      dataTable(
        'Licenses in the cloud',
        [
          {
            header: 'Select',
            cell: (o) =>
              labelled(
                h('input', {
                  type: 'checkbox',
                  name: 'offer',
                  value: o.licenseId,
                  checked: selected.has(o.licenseId),
                  onchange: (event) => {
                    if (event.target.checked) selected.add(o.licenseId);
                    else selected.delete(o.licenseId);
                    activate.disabled = selected.size === 0;
                  },
                }),
                `Select license ${o.licenseId}`,
              ),
          },
          { header: 'Segment Controller', cell: (o) => o.segmentController },
          { header: 'License ID', cell: (o) => idText(o.licenseId, 'License ID') },
          { header: 'Transfer Date', cell: (o) => o.transferDate },
          { header: 'Model Number', cell: (o) => o.model },
          { header: 'Type', cell: (o) => say('licenseKind', o.kind) },
          { header: 'Description', cell: (o) => o.description },
        ],
        offers,
        'The cloud holds no license to download for the saved Customer ID.',
      );
    // The cloud answers a page at a time: the first page, and a button that adds the next one while there are more.
    const tableSlot = h('div', { className: 'scroll' });
    const more = async (cursor) => {
      const page = await apiPage(`${base}/iap/lic/cloud`, { token: session?.token, cursor });
      offers.push(...page.items);
      const parts = [table()];
      if (page.nextCursor) {
        const button = h('button', { type: 'button', className: 'secondary' }, `Show more (${offers.length} of ${page.total} shown)`);
        button.addEventListener('click', () =>
          load(view, () =>
            more(page.nextCursor).catch((error) => {
              if (!handleLoggedOut(error)) showProblem(slot, error);
            }),
          ),
        );
        parts.push(button);
      }
      replace(tableSlot, ...parts);
    };
    await more(undefined);
    if (message) showStatus(slot, message);
    return [
      h('p', { className: 'muted' }, 'Licenses the licensing cloud holds for the saved Customer ID. Select the ones to activate on this SmartServer.'),
      tableSlot,
      h('div', { className: 'toolbar' }, activate),
    ];
  });
}

async function showAddLicense(message) {
  await showIn('Add License', async (slot) => {
    if (message) showStatus(slot, message);
    const form = h(
      'form',
      {},
      h('label', { for: 'license-file' }, 'License file'),
      h('input', { id: 'license-file', name: 'file', type: 'file', required: true }),
      h('button', { type: 'submit', className: 'primary' }, 'LOAD FILE'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const file = form.elements.file.files[0];
      act(slot, async () => {
        const result = await call('POST', '/iap/lic/files', { file: file ? await file.text() : '' });
        await showAddLicense(`License ${result.activated.licenseId} activated from the offline activation file.`);
      });
    });
    return [
      h(
        'p',
        { className: 'muted' },
        'Load an offline activation file: a device capacity file created in the License Customer Portal, or a maintenance file from Customer Success.',
      ),
      form,
    ];
  });
}

const listOf = (text) =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);

async function showNotifications(message) {
  await showIn('Edit Notifications', async (slot) => {
    const settings = await call('GET', '/iap/lic/notifications');
    if (message) showStatus(slot, message);
    const form = h(
      'form',
      {},
      h('label', { for: 'notify-emails' }, 'Email addresses'),
      h('textarea', { id: 'notify-emails', name: 'emails', rows: '3' }),
      h('label', { for: 'notify-days' }, 'Days before maintenance ends'),
      h('input', { id: 'notify-days', name: 'daysBefore', type: 'text', inputmode: 'numeric', placeholder: '90, 30, 7' }),
      h(
        'label',
        { className: 'choice' },
        h('input', { type: 'checkbox', name: 'renewalConfirmation', checked: Boolean(settings.renewalConfirmation) }),
        'Send a confirmation when maintenance is renewed',
      ),
      h('button', { type: 'submit', className: 'primary' }, 'SAVE'),
    );
    form.elements.emails.value = (settings.emails ?? []).join('\n');
    form.elements.daysBefore.value = (settings.daysBefore ?? []).join(', ');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // Numbers go as typed; the API names any entry that is not a whole number of days.
      const daysBefore = listOf(form.elements.daysBefore.value).map((d) => (/^\d+$/.test(d) ? Number(d) : d));
      act(slot, async () => {
        await call('PUT', '/iap/lic/notifications', {
          emails: listOf(form.elements.emails.value),
          daysBefore,
          renewalConfirmation: form.elements.renewalConfirmation.checked,
        });
        await showNotifications('Notifications saved.');
      });
    });
    return [h('p', { className: 'muted' }, 'Who is emailed before the maintenance of this SmartServer ends, and on which days.'), form];
  });
}

function askTransfer() {
  clearProblem($('transfer-problem'));
  $('transfer-dialog').showModal();
}
$('transfer-cancel').addEventListener('click', () => $('transfer-dialog').close());
$('transfer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearProblem($('transfer-problem'));
  act($('transfer-problem'), async () => {
    const result = await call('POST', '/iap/lic/cloud/upload');
    $('transfer-dialog').close();
    await showMain(`${result.returned.length} license(s) transferred to the cloud.`);
  });
});

// ---------------------------------------------------------------- login

$('open-manage').addEventListener('click', openManage);
$('device-filter').addEventListener('change', () => refreshDashboard());
$('refresh').addEventListener('click', () => refreshDashboard());
$('login-code').textContent = installCode;

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearProblem($('login-problem'));
  const username = event.target.elements.username.value.trim();
  const password = event.target.elements.password.value;
  load($('login'), async () => {
    try {
      const answer = await api('POST', `${base}/login`, { body: { username, password } });
      session = { token: answer.token, username, userType: answer.userType };
      sessions.write(SESSION, session);
      startupChecked = false;
      await enter();
      if (!dialog.open) focusHeading(document.querySelector('h1'));
    } catch (error) {
      showProblem($('login-problem'), error);
    }
  });
});

$('logout').addEventListener('click', () => {
  // The server ends the session too, so the token is no good to anyone who copied it.
  if (session) call('POST', '/logout').catch(() => {});
  sessions.clear(SESSION);
  session = null;
  if (dialog.open) dialog.close();
  showView('login');
  $('username').focus();
});
for (const closing of [dialog, $('transfer-dialog')]) {
  // Closing the last dialog puts focus on the dashboard's heading.
  headingAfterClose(closing, () => (document.querySelector('dialog[open]') ? undefined : $('dashboard-title')));
}

function handleLoggedOut(error) {
  if (!(error instanceof ProblemError) || error.problem.status !== 401) return false;
  sessions.clear(SESSION);
  session = null;
  if (dialog.open) dialog.close();
  showView('login');
  showProblem($('login-problem'), error);
  return true;
}

function enter() {
  $('who-name').textContent = `${session.username} (${session.userType})`;
  showView('dashboard');
  return refreshDashboard();
}

if (session) enter();
else {
  showView('login');
  $('username').focus();
}
