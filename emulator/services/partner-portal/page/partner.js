import { api, apiPage, ProblemError, sessions } from './api.js';
import { clearProblem, dataTable, fieldsOf, focusHeading, h, headingAfterClose, idText, load, replace, setupTabs, showProblem, showStatus } from './dom.js';
import { say } from './say.js';

/** The License Partner Portal page: every figure and every refusal comes from /partner/api. */
const SESSION = 'sslab.partner';
const $ = (id) => document.getElementById(id);
let session = sessions.read(SESSION);
let current; // the license whose Order Details are open
let customers = [];
let pendingAccount; // optional details from the "customer account not found" dialog
let notFoundFor; // the new customer name the dialog's details were typed for
const NEW_CUSTOMER = ' new'; // the drop-down's "new customer" choice; no name starts with a space

const call = (method, path, body) => api(method, `/partner/api${path}`, { body, token: session?.token });

const COLUMNS = {
  model: { header: 'Model Number', cell: (l) => h('button', { type: 'button', className: 'link', onclick: () => openOrder(l.licenseId) }, l.model) },
  kind: { header: 'Type', cell: (l) => say('licenseKind', l.kind) },
  capacity: { header: 'Devices', cell: (l) => String(l.capacity), className: 'num' },
  po: { header: 'PO Number', cell: (l) => l.poNumber },
  id: { header: 'License ID', cell: (l) => idText(l.licenseId, 'License ID') },
  original: { header: 'Original License ID', cell: (l) => idText(l.predecessorId, 'Original License ID') },
  successor: { header: 'New License ID', cell: (l) => idText(l.successorId, 'New License ID') },
  customer: { header: 'Customer', cell: (l) => l.customer?.name ?? '' },
  customerId: { header: 'Customer ID', cell: (l) => idText(l.customer?.customerId, 'Customer ID') },
  maintenanceEnds: { header: 'Maintenance Ends', cell: (l) => l.maintenanceEnds ?? '' },
  status: { header: 'Status', cell: (l) => say('licenseStatus', l.status, l) },
  transferred: { header: 'Transferred', cell: (l) => String(l.transferred), className: 'num' },
  activated: { header: 'Activated', cell: (l) => String(l.activated), className: 'num' },
  available: { header: 'Available', cell: (l) => String(l.available), className: 'num' },
};
const columns = (...names) => names.map((name) => COLUMNS[name]);
const COUNTS = ['status', 'transferred', 'activated', 'available'];
// My Inventory shows where an original went; Customer Inventory where a license came from.
const MY_COLUMNS = columns('model', 'kind', 'capacity', 'po', 'id', 'successor', 'customer', ...COUNTS);
const CUSTOMER_COLUMNS = columns('model', 'kind', 'capacity', 'po', 'id', 'original', 'customer', 'customerId', 'maintenanceEnds', ...COUNTS);
const SEARCH_COLUMNS = columns('model', 'kind', 'capacity', 'po', 'id', 'customer', 'customerId', 'maintenanceEnds', ...COUNTS);

function showView(view) {
  $('login').hidden = view !== 'login';
  $('portal').hidden = view !== 'portal';
  $('order').hidden = view !== 'order';
  $('who').hidden = view === 'login';
}

/**
 * A list the API answers a page at a time: the first page, and a button that adds the next one
 * while there are more, saying how many of how many are shown.
 */
async function showPaged(tableSlot, caption, tableColumns, path, empty) {
  const rows = [];
  const more = async (cursor) => {
    const page = await apiPage(`/partner/api${path}`, { token: session?.token, cursor });
    rows.push(...page.items);
    const parts = [dataTable(caption, tableColumns, rows, empty)];
    if (page.nextCursor) {
      const button = h('button', { type: 'button', className: 'secondary' }, `Show more (${rows.length} of ${page.total} shown)`);
      button.addEventListener('click', () => load(tableSlot, () => more(page.nextCursor)));
      parts.push(button);
    }
    replace(tableSlot, ...parts);
  };
  await more(undefined);
}

async function showLicenses(panel, slot, tableSlot, caption, tableColumns, path, empty) {
  clearProblem(slot);
  await load(panel, async () => {
    try {
      await showPaged(tableSlot, caption, tableColumns, path, empty);
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem(slot, error);
    }
  });
}

const views = {
  'tab-my': () => showLicenses($('panel-my'), $('my-problem'), $('my-table'), 'My Inventory', MY_COLUMNS, '/inventory', 'No purchased licenses yet.'),
  'tab-customers': () =>
    showLicenses(
      $('panel-customers'),
      $('customers-problem'),
      $('customers-table'),
      'Customer Inventory',
      CUSTOMER_COLUMNS,
      '/customer-inventory',
      'No license has been transferred to a customer yet.',
    ),
  'tab-search': () => refreshCustomerChoices(),
};
const portalTabs = setupTabs($('portal-tabs'), (tab) => views[tab.id]());
const orderTabs = setupTabs($('order-tabs'));

async function refreshCustomerChoices() {
  const select = $('search-customer');
  await load($('panel-search'), async () => {
    try {
      // The choices are every customer: the list answers a page at a time, so follow the pages.
      customers = [];
      let cursor;
      do {
        const page = await apiPage('/partner/api/customers?limit=1000', { token: session?.token, cursor });
        customers.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const chosen = select.value;
      replace(
        select,
        h('option', { value: '' }, 'Any customer'),
        customers.map((c) => h('option', { value: c.name, selected: c.name === chosen }, `${c.name} (Customer ID ${c.customerId})`)),
      );
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('search-problem'), error);
    }
  });
}

$('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { customerName, poNumber, assets } = fieldsOf(event.target);
  const query = new URLSearchParams();
  if (customerName) query.set('customerName', customerName);
  if (poNumber) query.set('poNumber', poNumber);
  if (assets === 'available') query.set('onlyAvailable', 'true');
  clearProblem($('search-problem'));
  await load($('panel-search'), async () => {
    try {
      await showPaged($('search-table'), 'Search results', SEARCH_COLUMNS, `/search?${query}`, 'No license matches.');
    } catch (error) {
      replace($('search-table'));
      if (!handleLoggedOut(error)) showProblem($('search-problem'), error);
    }
  });
});

$('find-customer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('find-customer-name').value.trim();
  const slot = $('found-customers');
  await load(slot, async () => {
    try {
      const found = await call('GET', `/customers${name ? `?${new URLSearchParams({ name })}` : ''}`);
      replace(
        slot,
        dataTable(
          'Matching customers',
          [
            { header: 'Customer Name', cell: (c) => c.name },
            { header: 'Customer ID', cell: (c) => idText(c.customerId, 'Customer ID') },
            { header: 'Contact Email', cell: (c) => c.contactEmail ?? '' },
          ],
          found,
          'No customer account has that name.',
        ),
      );
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem(slot, error);
    }
  });
});

function renderOrder(details) {
  const l = details.license;
  current = l;
  customers = details.customers;
  replace(
    $('order-facts'),
    [
      ['Model Number', l.model],
      ['Description', l.description],
      ['Type', say('licenseKind', l.kind)],
      ['Devices', String(l.capacity)],
      ['License ID', idText(l.licenseId, 'License ID')],
      ['PO Number', l.poNumber],
      ['Status', say('licenseStatus', l.status, l)],
      ['Customer', l.customer?.name ?? '—'],
      ['Customer ID', idText(l.customer?.customerId, 'Customer ID') || '—'],
      ['Original License ID', idText(l.predecessorId, 'Original License ID') || '—'],
      ['New License ID', idText(l.successorId, 'New License ID') || '—'],
      ['Maintenance Ends', l.maintenanceEnds ?? '—'],
      ['Transferred', String(l.transferred)],
      ['Activated', String(l.activated)],
      ['Available', String(l.available)],
    ].flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
  replace($('order-summary'), `${l.model}, ${l.description}, License ID `, idText(l.licenseId, 'License ID'));
  // A retired License ID stays for tracking only: no Transfer form, and the way to its successor.
  const retired = l.status === 'retired';
  $('transfer-form').hidden = retired;
  $('tracking-only').hidden = !retired;
  replace(
    $('tracking-only'),
    retired
      ? [
          'License ID ',
          idText(l.licenseId, 'License ID'),
          ' is kept for tracking only: it was transferred, and it cannot be transferred or activated again.',
          l.successorId
            ? [
                ' Its new License ID is ',
                idText(l.successorId, 'New License ID'),
                '. ',
                h('button', { type: 'button', className: 'link', onclick: () => openOrder(l.successorId) }, 'Open the new License ID'),
              ]
            : '',
        ]
      : '',
  );
  replace(
    $('customer-name'),
    h('option', { value: '' }, 'Choose a customer'),
    customers.map((c) => h('option', { value: c.name }, `${c.name} (Customer ID ${c.customerId})`)),
    h('option', { value: NEW_CUSTOMER }, 'New customer…'),
  );
  $('transfer-to').value = details.transferDefaults?.transferTo ?? 'Customer';
  $('customer-name').value = '';
  $('new-customer-name').value = '';
  showCustomerId();
  orderTabs.select(details.transferDefaults?.tab === 'Details' ? 'tab-details' : 'tab-transfer');
}

async function openOrder(licenseId, banner) {
  showView('order');
  clearProblem($('order-problem'));
  if (!banner) clearProblem($('order-banner'));
  await load($('order'), async () => {
    try {
      renderOrder(await call('GET', `/licenses/${encodeURIComponent(licenseId)}`));
      if (banner) showStatus($('order-banner'), banner);
    } catch (error) {
      if (!handleLoggedOut(error)) showProblem($('order-problem'), error);
    }
  });
}

const knownCustomer = (name) => customers.find((c) => c.name === name);

/** The customer the form names: one chosen from the drop-down, or the new name typed. */
function chosenName() {
  const choice = $('customer-name').value;
  return choice === NEW_CUSTOMER ? $('new-customer-name').value.trim() : choice;
}

function showCustomerId() {
  const isNew = $('customer-name').value === NEW_CUSTOMER;
  $('new-customer-field').hidden = !isNew;
  const known = knownCustomer(chosenName());
  replace(
    $('customer-id'),
    known ? ['Customer ID ', idText(known.customerId, 'Customer ID')] : isNew ? 'A new customer account is made with the transfer.' : '',
  );
}
$('customer-name').addEventListener('change', () => {
  showCustomerId();
  if ($('customer-name').value === NEW_CUSTOMER) $('new-customer-name').focus();
});
$('new-customer-name').addEventListener('input', showCustomerId);

function askAccountDetails(name) {
  // Details typed for this name stay, so a refused transfer is corrected rather than typed again.
  if (notFoundFor !== name) $('not-found-form').reset();
  notFoundFor = name;
  $('not-found-name').textContent = name;
  $('not-found-dialog').showModal();
}

$('transfer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = chosenName();
  if (!name) {
    const isNew = $('customer-name').value === NEW_CUSTOMER;
    showProblem(
      $('order-problem'),
      new ProblemError({
        status: 400,
        code: 'invalid-input',
        field: isNew ? 'newCustomerName' : 'customerName',
        detail: isNew ? 'Type the name of the new customer.' : 'Choose a customer from the list, or choose New customer.',
      }),
    );
    (isNew ? $('new-customer-name') : $('customer-name')).focus();
    return;
  }
  clearProblem($('order-problem'));
  pendingAccount = undefined;
  // A name missing from the partner's customer list goes through the "not found" dialog first.
  if (knownCustomer(name)) confirmTransfer(name);
  else askAccountDetails(name);
});

$('not-found-cancel').addEventListener('click', () => $('not-found-dialog').close());
$('not-found-form').addEventListener('submit', (event) => {
  event.preventDefault();
  pendingAccount = fieldsOf(event.target);
  $('not-found-dialog').close();
  confirmTransfer(chosenName());
});

function confirmTransfer(name) {
  const known = knownCustomer(name);
  replace(
    $('confirm-text'),
    `Transfer ${current.model} (License ID `,
    idText(current.licenseId, 'License ID'),
    `) to customer ${name}`,
    known ? [' (Customer ID ', idText(known.customerId, 'Customer ID'), ')'] : ', a new customer account',
    '?',
  );
  clearProblem($('confirm-problem'));
  $('confirm-dialog').showModal();
}

$('confirm-cancel').addEventListener('click', () => $('confirm-dialog').close());
// Back goes one step back with everything typed kept: to the new account's details, or to the form.
$('confirm-back').addEventListener('click', () => {
  const name = chosenName();
  $('confirm-dialog').close();
  if (!knownCustomer(name)) askAccountDetails(name);
});
$('confirm-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearProblem($('confirm-problem'));
  const customerName = chosenName();
  const body = { customerName, transferTo: $('transfer-to').value, ...(pendingAccount ? { newAccount: pendingAccount } : {}) };
  load($('order'), async () => {
    try {
      const result = await call('POST', `/licenses/${encodeURIComponent(current.licenseId)}/transfers`, body);
      $('confirm-dialog').close();
      notFoundFor = undefined;
      const created = result.customer.created ? ' The customer account was created.' : '';
      await openOrder(result.license.licenseId, [
        `License ${result.license.model} transferred to ${result.customer.name} (Customer ID `,
        idText(result.customer.customerId, 'Customer ID'),
        ') under the new License ID ',
        idText(result.license.licenseId, 'New License ID'),
        '. The original License ID ',
        idText(result.retiredLicenseId, 'original License ID'),
        ` is kept for tracking only.${created}`,
      ]);
    } catch (error) {
      if (error instanceof ProblemError && error.problem.code === 'customer-account-not-found') {
        // The name is unknown after all (another session renamed or never made it): ask for the details.
        $('confirm-dialog').close();
        askAccountDetails(customerName);
      } else if (!handleLoggedOut(error)) showProblem($('confirm-problem'), error);
    }
  });
});

$('order-back').addEventListener('click', () => {
  showView('portal');
  portalTabs.select('tab-my');
});

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearProblem($('login-problem'));
  const { email = '', password = '' } = fieldsOf(event.target);
  load($('login'), async () => {
    try {
      const answer = await api('POST', '/partner/api/session', { body: { email, password } });
      session = { token: answer.token, partner: answer.partner };
      sessions.write(SESSION, session);
      enterPortal();
      focusHeading(document.querySelector('h1'));
    } catch (error) {
      showProblem($('login-problem'), error);
    }
  });
});

/**
 * What the portal showed belongs to the partner whose session ended: none of it stays in the page,
 * hidden, for whoever logs in next in the same tab.
 */
function forgetPortal() {
  sessions.clear(SESSION);
  session = null;
  current = undefined;
  customers = [];
  pendingAccount = undefined;
  notFoundFor = undefined;
  const shown = ['who-name', 'found-customers', 'my-table', 'customers-table', 'search-table', 'order-facts', 'order-summary', 'tracking-only'];
  const asked = ['customer-id', 'not-found-name', 'confirm-text', 'announcer'];
  const problems = ['my-problem', 'customers-problem', 'search-problem', 'order-problem', 'order-banner', 'confirm-problem'];
  // The announcer is made on the first announcement, so it may not be there yet.
  for (const slot of [...shown, ...asked, ...problems]) $(slot)?.replaceChildren();
  for (const form of ['find-customer', 'search-form', 'transfer-form', 'not-found-form']) $(form).reset();
  replace($('search-customer'), h('option', { value: '' }, 'Any customer'));
  replace($('customer-name'));
}

$('logout').addEventListener('click', () => {
  // The server ends the session too, so the token is no good to anyone who copied it.
  if (session) call('DELETE', '/session').catch(() => {});
  forgetPortal();
  showView('login');
  $('email').focus();
});

/** An expired or foreign session sends the user back to the login with the API's reason. */
function handleLoggedOut(error) {
  if (!(error instanceof ProblemError) || error.problem.status !== 401) return false;
  forgetPortal();
  showView('login');
  showProblem($('login-problem'), error);
  return true;
}

function enterPortal() {
  $('who-name').textContent = session.partner ? `${session.partner.name} (${session.partner.email})` : '';
  showView('portal');
  portalTabs.select('tab-my');
}

for (const dialog of [$('not-found-dialog'), $('confirm-dialog')]) {
  // Unless another dialog took over, focus returns to the heading of Order Details.
  headingAfterClose(dialog, () => (document.querySelector('dialog[open]') ? undefined : $('order-title')));
}

if (session) enterPortal();
else {
  showView('login');
  $('email').focus();
}
