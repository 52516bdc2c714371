import type { ProblemCode } from '../kernel/problem-catalogue';

/**
 * The problems each operation answers with because of what it does, keyed as "METHOD /path" in
 * the API document's spelling. The API document adds those that follow from the operation's shape
 * (see `derivedProblems` in openapi.ts): its credential, its parameters and body, its SmartServer.
 * The HTTP tests and the fuzzer check every answer against the result, so a refusal an operation
 * can give and this list leaves out fails them; every operation of the document must have an entry.
 */

/** What activating a license from the cloud (online) can meet. */
const ACTIVATION: readonly ProblemCode[] = [
  'license-retired',
  'license-not-with-customer',
  'license-already-active',
  'license-bound-offline',
  'core-needs-pi',
  'core-license-required',
  'maintenance-term-ended',
  'maintenance-expired',
  'maintenance-capacity-mismatch',
  'license-state',
];
/** What loading an offline activation file can meet. */
const OFFLINE_FILE: readonly ProblemCode[] = [
  'offline-file-unknown',
  'offline-file-unknown-key',
  'offline-file-tampered',
  'offline-file-foreign',
  'offline-file-replayed',
  'offline-file-expired',
  'license-already-active',
  'license-not-found',
  'core-needs-pi',
  'core-license-required',
  'maintenance-term-ended',
  'maintenance-expired',
  'maintenance-capacity-mismatch',
  'license-state',
];
/** What issuing an offline activation file can meet. */
const OFFLINE_ISSUE: readonly ProblemCode[] = [
  'license-retired',
  'license-not-with-customer',
  'license-already-active',
  'license-bound-offline',
  'offline-file-not-for-core',
  'offline-maintenance-needs-customer-success',
  'offline-file-not-maintenance',
  'license-state',
];
const ECX_LICENSE_STATE: readonly ProblemCode[] = ['license-state', 'entitlement-state'];
const NO_LICENSING: readonly ProblemCode[] = ['no-license-management'];
const CLOUD_REACH: readonly ProblemCode[] = ['smartserver-offline', 'connection-lost', 'cloud-unavailable', 'cloud-timeout', 'no-customer-id'];
const OWNER: readonly ProblemCode[] = ['owner-only'];
const ADMINISTRATOR: readonly ProblemCode[] = ['administrator-only'];
const LOGIN: readonly ProblemCode[] = ['invalid-credentials', 'too-many-attempts'];

export const OPERATION_PROBLEMS: Record<string, readonly ProblemCode[]> = {
  // The document, the catalogue and the pages.
  'GET /openapi.json': [],
  'GET /docs': [],
  'GET /problems': [],
  'GET /problems/{code}': ['problem-not-found'],
  'GET /': [],
  'GET /partner': [],
  'GET /customer': [],
  'GET /fleet': [],
  'GET /fleet/api/overview': [],
  'GET /smartservers/{installCode}/cms': [],
  'GET /ui/{file}': ['page-asset-not-found'],
  'GET /ui/words.js': [],

  // The control plane.
  'GET /_emulator/health': [],
  'GET /_emulator/clock': [],
  'PUT /_emulator/clock': [],
  'POST /_emulator/clock/advance': [],
  'GET /_emulator/coverage': [],
  'GET /_emulator/customer-ids': [],
  'GET /_emulator/faults': [],
  'PUT /_emulator/faults': [],
  'POST /_emulator/reset': [],
  'GET /_emulator/topology': [],
  'POST /_emulator/smartservers': ['smartserver-exists', 'core-license-required', 'lon-needs-pi-4.3', 'release-not-for-pi'],
  'GET /_emulator/smartservers': [],
  'GET /_emulator/smartservers/{installCode}': [],
  'PUT /_emulator/smartservers/{installCode}/connection': [],
  'PUT /_emulator/smartservers/{installCode}/provisioning': [],
  'POST /_emulator/fleets': ['fleet-exists', 'fleet-through-cloud', 'smartserver-exists', 'customer-ambiguous', 'customer-account-not-found'],
  'GET /_emulator/fleets': [],
  'GET /_emulator/fleets/{name}': ['fleet-not-found'],
  'DELETE /_emulator/fleets/{name}': ['fleet-not-found', 'fleet-through-cloud'],
  'POST /_emulator/fleets/{name}/share': ['fleet-exists', 'fleet-share-on-cloud', 'smartserver-exists', 'customer-ambiguous', 'customer-account-not-found'],
  'GET /_emulator/fleets/{name}/smartservers': ['fleet-not-found'],
  'POST /_emulator/ecostruxure/entitlements': [],
  'POST /_emulator/ecostruxure/reset': [],
  'POST /_emulator/ecostruxure/servers': ['server-exists'],
  'PATCH /_emulator/ecostruxure/servers/{serverId}': ['ecostruxure-bms-server-not-found'],

  // The vendors' internal desks.
  'POST /backoffice/api/orders': ['order-exists'],
  'POST /backoffice/api/maintenance-files': ['license-not-found', 'smartserver-not-found', ...OFFLINE_ISSUE],
  'GET /backoffice/api/support/{installCode}': [],

  // The License Partner Portal.
  'POST /partner/api/session': LOGIN,
  'GET /partner/api/inventory': [],
  'GET /partner/api/customer-inventory': [],
  'GET /partner/api/customers': [],
  'GET /partner/api/search': ['customer-account-not-found'],
  'GET /partner/api/licenses/{licenseId}': ['license-not-found'],
  'POST /partner/api/licenses/{licenseId}/transfers': [
    'license-not-found',
    'license-retired',
    'license-active',
    'license-bound-offline',
    'license-state',
    'customer-account-not-found',
    'customer-name-taken',
    'contact-email-taken',
  ],

  // The License Customer Portal.
  'POST /customer/api/session': LOGIN,
  'GET /customer/api/licenses': [],
  'POST /customer/api/licenses/{licenseId}/offline-activation-files': ['license-not-found', ...OFFLINE_ISSUE],

  // The licensing cloud API the shards call.
  'GET /cloud/api/customers/{customerId}/licenses': ['customer-id-not-found'],
  'POST /cloud/api/activations': ['customer-id-not-found', 'license-for-this-customer-id-not-found', ...ACTIVATION],
  'POST /cloud/api/returns': ['license-not-found', 'license-elsewhere', 'license-not-active', 'license-state'],
  'POST /cloud/api/offline-files/checks': OFFLINE_FILE,
  'POST /cloud/api/offline-files/activations': OFFLINE_FILE,

  // A SmartServer's CMS and REST paths.
  'POST /smartservers/{installCode}/login': LOGIN,
  'GET /smartservers/{installCode}/dashboard': [],
  'GET /smartservers/{installCode}/features': [],
  'PUT /smartservers/{installCode}/features/{feature}': [...ADMINISTRATOR, 'feature-unavailable'],
  'GET /smartservers/{installCode}/cms/api/devices': [],
  'GET /smartservers/{installCode}/iap/devs': [],
  'POST /smartservers/{installCode}/iap/devs': ['device-name-taken', 'core-license-required', 'lon-needs-pi-4.3', 'no-license-management'],
  'GET /smartservers/{installCode}/iap/devs/count': [],
  'POST /smartservers/{installCode}/iap/devs/{id}/do': ['device-not-found', 'device-state', 'device-unlicensed'],
  'GET /smartservers/{installCode}/iap/lic': [...OWNER, ...NO_LICENSING],
  'GET /smartservers/{installCode}/iap/lic/status': [...OWNER, ...NO_LICENSING],
  'PUT /smartservers/{installCode}/iap/lic/{licenseId}/note': [...OWNER, ...NO_LICENSING, 'license-not-held'],
  'GET /smartservers/{installCode}/iap/lic/accounts': [...OWNER, ...NO_LICENSING],
  'PUT /smartservers/{installCode}/iap/lic/accounts': [...OWNER, ...NO_LICENSING, 'segment-not-found'],
  'POST /smartservers/{installCode}/iap/lic/accounts/draft': [...OWNER, ...NO_LICENSING],
  'DELETE /smartservers/{installCode}/iap/lic/accounts/draft': [...OWNER, ...NO_LICENSING, 'no-pending-change'],
  'POST /smartservers/{installCode}/iap/lic/accounts/draft/save': [...OWNER, ...NO_LICENSING, 'no-pending-change'],
  'GET /smartservers/{installCode}/iap/lic/cloud': [...OWNER, ...NO_LICENSING, ...CLOUD_REACH, 'customer-id-not-found'],
  'POST /smartservers/{installCode}/iap/lic/cloud/download': [
    ...OWNER,
    ...NO_LICENSING,
    ...CLOUD_REACH,
    ...ACTIVATION,
    'customer-id-not-found',
    'license-for-this-customer-id-not-found',
    'smartserver-state',
  ],
  'POST /smartservers/{installCode}/iap/lic/cloud/upload': [
    ...OWNER,
    ...NO_LICENSING,
    ...CLOUD_REACH,
    'no-licenses',
    'licenses-changed',
    'license-elsewhere',
    'license-not-active',
    'license-not-found',
    'license-state',
    'smartserver-state',
  ],
  'POST /smartservers/{installCode}/iap/lic/files': [...OWNER, ...NO_LICENSING, ...OFFLINE_FILE, 'cloud-unavailable', 'cloud-timeout', 'smartserver-state'],
  'GET /smartservers/{installCode}/iap/lic/notifications': [...OWNER, ...NO_LICENSING],
  'PUT /smartservers/{installCode}/iap/lic/notifications': [...OWNER, ...NO_LICENSING],
  'GET /smartservers/{installCode}/iap/lic/notifications/due': [...OWNER, ...NO_LICENSING],
  'GET /smartservers/{installCode}/iap/ws': OWNER,
  'POST /smartservers/{installCode}/reset-databases': ADMINISTRATOR,
  'POST /smartservers/{installCode}/restore-factory-settings': ADMINISTRATOR,
  'POST /smartservers/{installCode}/software': [...ADMINISTRATOR, 'maintenance-required', 'release-not-for-pi', 'no-license-management'],

  // EcoStruxure Device Administrator and the License Activation Server.
  'GET /ecostruxure/api/entitlements': [],
  'POST /ecostruxure/api/entitlements': ['entitlement-not-found', 'entitlement-already-added', 'certificate-mismatch', ...ECX_LICENSE_STATE],
  'GET /ecostruxure/api/servers': [],
  'GET /ecostruxure/api/servers/{serverId}': ['ecostruxure-bms-server-not-found'],
  'POST /ecostruxure/api/activations': [
    'license-not-found',
    'license-not-assigned',
    'license-not-on-chosen-servers',
    'license-already-active',
    'nothing-to-activate',
    'server-certificates-missing',
    'server-without-internet',
    'ecostruxure-bms-server-not-found',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/assignments': [
    'ecostruxure-bms-server-not-found',
    'license-product-not-found',
    'entitlement-not-added',
    'feature-already-on-server',
    'feature-not-in-product',
    'license-product-not-in-entitlement',
    'license-not-applicable',
    'license-already-assigned',
    'not-enough-seats',
    'no-seats-asked',
    'one-seat-per-server',
    'return-not-confirmed',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/licenses/{licenseId}/deactivation': [
    'ecostruxure-bms-server-not-found',
    'license-not-found',
    'license-cannot-be-deactivated',
    'license-not-active',
    'return-in-progress',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/activation-request': [
    'ecostruxure-bms-server-not-found',
    'nothing-to-activate',
    'activation-request-pending',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/activation-response': [
    'ecostruxure-bms-server-not-found',
    'license-request-not-found',
    'response-for-another-server',
    'response-file-altered',
    'license-already-active',
    'no-activation-request',
    'activation-response-not-ready',
    'request-mismatch',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/return': [
    'ecostruxure-bms-server-not-found',
    'no-licenses-to-return',
    'server-without-internet',
    'server-certificates-missing',
    'return-in-progress',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/return-request': [
    'ecostruxure-bms-server-not-found',
    'no-licenses-to-return',
    'return-in-progress',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/api/servers/{serverId}/return-response': [
    'ecostruxure-bms-server-not-found',
    'license-request-not-found',
    'response-for-another-server',
    'response-file-altered',
    'no-return-request',
    'return-response-not-ready',
    'request-mismatch',
    ...ECX_LICENSE_STATE,
  ],
  'GET /ecostruxure/las/api/entitlements/{entitlementId}': ['entitlement-not-found'],
  'POST /ecostruxure/las/api/responses': [
    'license-request-not-found',
    'request-file-altered',
    'no-activation-request',
    'no-return-request',
    'request-mismatch',
    ...ECX_LICENSE_STATE,
  ],
  'POST /ecostruxure/las/api/returns/{requestId}/confirmation': [
    'license-request-not-found',
    'not-a-return',
    'no-return-request',
    'return-not-sent-to-server',
    'request-mismatch',
    ...ECX_LICENSE_STATE,
  ],
};
