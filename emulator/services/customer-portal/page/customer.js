import { api, apiPage, download, ProblemError, sessions } from './api.js';
import { clearProblem, dataTable, focusHeading, h, headingAfterClose, idText, load, reason, replace, showProblem, showStatus } from './dom.js';
import { say } from './say.js';

/** The License Customer Portal page: the customer's own licenses and offline activation files. */
const SESSION = 'sslab.customer';
const $ = (id) => document.getElementById(id);
let session = sessions.read(SESSION);
let chosen; // the license an offline activation file is being made for
let issued; // the last file created, ready to download

const call = (method, path, body) => api(method, `/customer/api${path}`, { body, token: session?.token });

function showView(view) {
  $('login').hidden = view !== 'login';
  $('licenses').hidden = view !== 'licenses';
  $('who').hidden = view === 'login';
}

const day = (timestamp) => timestamp.slice(0, 10);

/**
 * The portal makes offline files for the licenses the API says it issues them for; for the others
 * the row says where the file comes from instead of offering a button that can only be refused.
 */
function offlineCell(license) {
  // An unused file of this portal's binds the license until it is loaded, withdrawn or expired.
  if (license.status === 'offlineFileIssued' && license.offlineFileFrom === 'customer-portal') {
    const until = license.offlineFileExpiresAt ? `, loadable until ${day(license.offlineFileExpiresAt)}` : '';
    return h(
      'div',
      { className: 'row-actions' },
      h('small', {}, `File for ${license.installCode}${until}`),
      h('button', { type: 'button', onclick: () => withdraw(license), 'aria-label': `Withdraw offline activation file for ${license.eid}` }, 'Withdraw file'),
    );
  }
  if (license.offlineFileFrom === 'customer-success') return reason('Ask Customer Success for the offline maintenance file', { from: 'customer-success' });
  if (license.offlineFileFrom !== 'customer-portal') return reason('No offline file for this license', { from: 'none' });
  return h(
    'div',
    { className: 'row-actions' },
    h(
      'button',
      { type: 'button', onclick: () => openOffline(license), 'aria-label': `Create offline activation file for ${license.eid}` },
      'Create offline activation file',
    ),
  );
}

async function showLicenses() {
  clearProblem($('licenses-problem'));
  await load($('licenses'), async () => {
    try {
      await renderLicenses();
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('licenses-problem'), error);
    }
  });
}

const LICENSE_COLUMNS = [
  { header: 'EID', cell: (l) => idText(l.eid, 'EID') },
  { header: 'Model Number', cell: (l) => l.model },
  { header: 'Type', cell: (l) => say('licenseKind', l.kind) },
  { header: 'Devices', cell: (l) => String(l.capacity), className: 'num' },
  { header: 'Description', cell: (l) => l.description },
  { header: 'Status', cell: (l) => say('licenseStatus', l.status, l) },
  { header: 'Install Code', cell: (l) => l.installCode ?? '' },
  { header: 'Activation', cell: (l) => say('activationMode', l.activationMode) },
  { header: 'Maintenance Ends', cell: (l) => l.maintenanceEnds ?? '' },
  { header: 'Offline Activation', cell: offlineCell },
];

/** The API answers a page at a time: the first page, and a button that adds the next one while there are more. */
async function renderLicenses() {
  const rows = [];
  const more = async (cursor) => {
    const page = await apiPage('/customer/api/licenses', { token: session?.token, cursor });
    rows.push(...page.items);
    const parts = [dataTable('My licenses', LICENSE_COLUMNS, rows, 'This account holds no license.')];
    if (page.nextCursor) {
      const button = h('button', { type: 'button', className: 'secondary' }, `Show more (${rows.length} of ${page.total} shown)`);
      button.addEventListener('click', () =>
        load($('licenses'), () =>
          more(page.nextCursor).catch((error) => {
            if (!handleLoggedOut(error)) showProblem($('licenses-problem'), error);
          }),
        ),
      );
      parts.push(button);
    }
    replace($('licenses-table'), ...parts);
  };
  await more(undefined);
}

/** Withdraws the license's unused file, so a file made for the wrong install code does not hold it. */
function withdraw(license) {
  clearProblem($('licenses-problem'));
  load($('licenses'), async () => {
    try {
      const answer = await call('DELETE', `/licenses/${encodeURIComponent(license.licenseId)}/offline-activation-files`);
      await renderLicenses();
      showStatus($('licenses-problem'), answer.message);
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('licenses-problem'), error);
    }
  });
}

function openOffline(license) {
  chosen = license;
  issued = undefined;
  $('offline-form').reset();
  $('offline-download').hidden = true;
  clearProblem($('offline-result'));
  replace($('offline-license'), `${license.model}, ${license.description}, EID `, h('code', {}, license.eid));
  $('offline-dialog').showModal();
}

$('offline-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearProblem($('offline-result'));
  $('offline-download').hidden = true;
  load($('offline-dialog'), async () => {
    try {
      issued = await call('POST', `/licenses/${encodeURIComponent(chosen.licenseId)}/offline-activation-files`, {
        installCode: $('install-code').value.trim(),
        installCodeAgain: $('install-code-again').value.trim(),
      });
      showStatus(
        $('offline-result'),
        `Offline activation file ${issued.fileName} created for install code ${issued.installCode}: it binds the license to that SmartServer. Download it and load it with Add License in its CMS by ${day(issued.expiresAt)}; if it is not loaded by then, the license comes back to you. You can withdraw it in My Licenses until it is loaded.`,
      );
      $('offline-download').hidden = false;
      await showLicenses();
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('offline-result'), error);
    }
  });
});

$('offline-download').addEventListener('click', () => {
  if (issued) download(issued.fileName, issued.text);
});
$('offline-close').addEventListener('click', () => $('offline-dialog').close());

function logIn(body) {
  clearProblem($('login-problem'));
  load($('login'), async () => {
    try {
      const answer = await api('POST', '/customer/api/session', { body });
      session = { token: answer.token, customer: answer.customer };
      sessions.write(SESSION, session);
      enter();
      focusHeading(document.querySelector('h1'));
    } catch (error) {
      showProblem($('login-problem'), error);
    }
  });
}

$('eid-form').addEventListener('submit', (event) => {
  event.preventDefault();
  logIn({ eid: $('eid').value.trim() });
});
$('email-form').addEventListener('submit', (event) => {
  event.preventDefault();
  logIn({ email: $('email').value.trim() });
});
$('refresh').addEventListener('click', showLicenses);
/**
 * What the portal showed belongs to the customer whose session ended: none of it stays in the page,
 * hidden, for whoever logs in next in the same tab.
 */
function forgetLicenses() {
  sessions.clear(SESSION);
  session = null;
  chosen = undefined;
  issued = undefined;
  if ($('offline-dialog').open) $('offline-dialog').close();
  $('offline-form').reset();
  // The announcer is made on the first announcement, so it may not be there yet.
  for (const slot of ['who-name', 'licenses-table', 'licenses-problem', 'offline-license', 'offline-result', 'announcer']) $(slot)?.replaceChildren();
}

$('logout').addEventListener('click', () => {
  // The server ends the session too, so the token is no good to anyone who copied it.
  if (session) call('DELETE', '/session').catch(() => {});
  forgetLicenses();
  showView('login');
  $('eid').focus();
});
headingAfterClose($('offline-dialog'), () => $('licenses-title'));

function handleLoggedOut(error) {
  if (!(error instanceof ProblemError) || error.problem.status !== 401) return false;
  forgetLicenses();
  showView('login');
  showProblem($('login-problem'), error);
  return true;
}

function enter() {
  const c = session.customer;
  $('who-name').textContent = c ? `${c.name} (Customer ID ${c.customerId})` : '';
  showView('licenses');
  showLicenses();
}

if (session) enter();
else {
  showView('login');
  $('eid').focus();
}
