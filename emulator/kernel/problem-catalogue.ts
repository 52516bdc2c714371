import type { RefusalCode } from '../../models/refusal';

/** The HTTP statuses a problem can have. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 421 | 422 | 426 | 429 | 500 | 501 | 503 | 504;

/** What the catalogue says of one problem code: the words a person reads and the way out. */
export interface ProblemEntry {
  status: ProblemStatus;
  /** A short plain-language title, shown on the pages above the detail. */
  title: string;
  /** What happened, in a sentence. */
  meaning: string;
  /** What the caller can do about it. */
  wayOut: string;
}

const entry = (status: ProblemStatus, title: string, meaning: string, wayOut: string): ProblemEntry => ({ status, title, meaning, wayOut });

/** A state that forbids the operation now: 409. */
const state = (title: string, meaning: string, wayOut: string) => entry(409, title, meaning, wayOut);
/** A business rule the request breaks: 422. */
const rule = (title: string, meaning: string, wayOut: string) => entry(422, title, meaning, wayOut);
const missing = (title: string, meaning: string, wayOut: string) => entry(404, title, meaning, wayOut);

/**
 * Every problem code the emulator answers with, and the only place one is defined: `Problem` takes
 * a code from here, the models' refusal codes must all be here, and the API document, the problem
 * pages (`/problems/{code}`) and the titles of problem details are all read from this list.
 */
export const PROBLEM_CATALOGUE = {
  // The request itself.
  'invalid-input': entry(
    400,
    'Something in the request is not valid',
    'A field is missing, empty, of the wrong type or outside its rule; `field` names it and the detail gives the rule.',
    'Correct the named field and send the request again.',
  ),
  'body-not-json': entry(400, 'The request body is not valid JSON', 'The body could not be read as JSON.', 'Send a well-formed JSON body.'),
  'body-empty': entry(
    400,
    'The request body is empty',
    'The request says it carries JSON but its body is empty.',
    'Send the JSON body the operation describes, or no content type.',
  ),
  'bad-url': entry(400, 'The address is not valid', 'The request path is not valid percent-encoding.', 'Encode the path correctly and try again.'),
  'bad-request': entry(
    400,
    'The request could not be read',
    'The request is malformed in a way no field explains.',
    'Check the request against the API document.',
  ),
  'path-parameter-too-long': entry(
    414,
    'A value in the address is too long',
    'A path parameter is longer than any identifier the API uses.',
    'Check the identifier in the path.',
  ),
  'body-too-large': entry(413, 'The request body is too large', 'Bodies are limited to 1 MiB.', 'Send a smaller body.'),
  'unsupported-media-type': entry(
    415,
    'This kind of content is not accepted',
    'The body has a content type the operation does not read.',
    'Send the body as application/json.',
  ),
  'route-not-found': entry(
    404,
    'Nothing is served at this address',
    'No operation has this path.',
    'Check the path against the API document at /openapi.json.',
  ),
  'method-not-allowed': entry(
    405,
    'This address does not take that method',
    'The path exists but does not serve this HTTP method; the Allow header lists those it serves.',
    'Use one of the methods in the Allow header.',
  ),
  'host-not-served': entry(
    421,
    'This host name is not served here',
    'The Host header names a host the emulator was not told to answer to; this keeps pages of other sites from reaching it through DNS rebinding.',
    'Call it as localhost or 127.0.0.1, or start it with --allow-host NAME for the name you use.',
  ),
  'cross-origin-refused': entry(
    403,
    'Requests from other sites may not change anything',
    'A browser sent this state-changing request or WebSocket from a page of another origin.',
    'Call the emulator from its own pages, or from a client that sends no Origin header.',
  ),
  'problem-not-found': missing('No such problem code', 'The problem catalogue has no entry with this code.', 'See /problems for every code.'),
  'page-asset-not-found': missing('No such page file', 'The pages serve no script or style sheet by this name.', 'Reload the page from its address.'),
  'docs-asset-not-found': missing(
    'No such API reference file',
    'The API reference page serves no script, style sheet or icon by this name.',
    'Open the reference from /docs.',
  ),
  'websocket-upgrade-required': entry(
    426,
    'Open this address as a WebSocket',
    'The path speaks WebSocket only and the request was a plain HTTP request.',
    'Open it with a WebSocket client (an Upgrade request).',
  ),
  'internal-error': entry(
    500,
    'The emulator failed',
    'An unexpected error; the emulator never answers bad input this way.',
    'Report it with the emulator log; the request may be sent again.',
  ),

  // Logins and sessions.
  unauthenticated: entry(
    401,
    'Please log in',
    'The operation needs a session token and the request carried none, or one that is malformed, altered, expired, ended by a logout or a reset, made for another purpose, or from another emulator.',
    'Log in again and send the new token as `Authorization: Bearer <token>`.',
  ),
  'invalid-credentials': entry(
    401,
    'The login details are not right',
    'The email address, EID, user name or password does not match an account.',
    'Check the login details; after five failures in 15 minutes the account is locked for a while.',
  ),
  'too-many-attempts': entry(
    429,
    'Too many failed logins',
    'Five logins of this account failed within 15 minutes, so every login of it is refused for a while, a correct one too; or so many logins from this address failed that its logins are refused for a while.',
    'Wait the seconds the Retry-After header gives, then log in again.',
  ),
  'ecostruxure-only': entry(
    403,
    'This is for EcoStruxure Device Administrator',
    'The operation belongs to EcoStruxure Device Administrator and the session is not its operator’s.',
    'Log in at POST /ecostruxure/api/session and use that token.',
  ),
  'partner-only': entry(
    403,
    'This is for partners',
    'The operation belongs to the License Partner Portal and the session is not a partner session.',
    'Log in at POST /partner/api/session and use that token.',
  ),
  'customer-only': entry(
    403,
    'This is for customers',
    'The operation belongs to the License Customer Portal and the session is not a customer session.',
    'Log in at POST /customer/api/session and use that token.',
  ),
  'not-this-smartserver': entry(
    403,
    'This session belongs to another SmartServer',
    "A CMS session is good on the SmartServer that issued it only, and this is another one (or the token is a portal's).",
    "Log in to this SmartServer's CMS and use that token.",
  ),
  'owner-only': entry(
    403,
    'Only the Owner may manage licenses',
    "Licensing in a SmartServer's CMS is open to the Owner user type only.",
    'Log in as the Owner user.',
  ),
  'administrator-only': entry(
    403,
    'Only an Owner or Admin may change the system',
    'System configuration is open to the Owner and Admin user types only.',
    'Log in as the Owner or an Admin user.',
  ),
  'cloud-client-unknown': entry(
    401,
    'Only the emulator’s own SmartServers may call the cloud',
    "The licensing cloud API answers the emulator's SmartServer shards, which send their shared key; the request did not carry it.",
    "Reach the cloud through a SmartServer's CMS instead.",
  ),

  // Records that are not there.
  'license-not-found': missing('No such license', 'No license with this License ID is known to the caller.', 'Check the License ID in your inventory.'),
  'customer-account-not-found': missing(
    'No such customer account',
    'The partner has no customer account with this name.',
    'Choose an existing customer, or send the transfer again with `newAccount` to create the account.',
  ),
  'customer-id-not-found': missing(
    'No such Customer ID',
    'The licensing cloud knows no customer with this Customer ID.',
    'Check the Customer ID the partner portal shows for the customer.',
  ),
  'license-for-this-customer-id-not-found': missing(
    'This license is not offered to this customer',
    'The license is not among those the licensing cloud holds for the Customer ID.',
    "Choose a license from the SmartServer's cloud list.",
  ),
  'license-not-held': missing(
    'This SmartServer does not hold that license',
    'Notes go on the licenses a SmartServer holds, and it holds none with this ID.',
    'Choose a license listed in Manage Licenses.',
  ),
  'smartserver-not-found': missing('No such SmartServer', 'No SmartServer has this install code.', 'Check the install code on the SmartServer’s label or CMS.'),
  'device-not-found': missing('No such device', 'The SmartServer has no device with this ID.', 'List the devices and use one of their IDs.'),
  'segment-not-found': missing('No such segment', 'The segment ID is not the SmartServer’s own install code.', 'Use the install code as the segment ID.'),
  'partner-not-found': missing('No such partner', 'No partner account has this ID.', 'Place an order first; it creates the partner.'),
  'seeded-partner-not-found': missing(
    'The seed names an unknown partner',
    'A seed record refers to a partner the seed does not create.',
    "Add the partner to the seed's orders.",
  ),
  'snapshot-not-found': missing(
    'No such snapshot',
    'The emulator holds no snapshot under this name.',
    'List the snapshots (GET /_emulator/snapshots) and use one of their names.',
  ),
  'custom-page-not-found': missing('No such web page', 'This SmartServer serves no custom web page by this name.', 'Upload the page first, or check its name.'),
  'datapoint-not-found': missing(
    'No such datapoint',
    'No datapoint at this address matches on this SmartServer.',
    'Check the device filter, block, index and datapoint name.',
  ),
  'snapshot-unknown': missing(
    'This paged read has expired',
    'The snapshot named by xs is not kept any more (only the newest paged reads are) or belongs to another SmartServer.',
    'Read page 1 again without xs to take a new snapshot.',
  ),
  'fleet-not-found': missing('No such fleet', 'No fleet has this name.', 'List the fleets and use one of their names.'),
  'entitlement-not-found': missing(
    'No such entitlement',
    'The License Activation Server knows no entitlement with this ID.',
    'Check the ID in the entitlement email.',
  ),
  'license-product-not-found': missing(
    'No such license product',
    'No entitlement holds a license product with this activation ID.',
    'Check the activation ID in the entitlement email.',
  ),
  'license-request-not-found': missing(
    'No such license request',
    'No activation or return request with this ID was written.',
    'Create the request file in Device Administrator again.',
  ),
  'ecostruxure-bms-server-not-found': missing(
    'No such EcoStruxure server',
    'Device Administrator knows no server with this ID.',
    'List the servers and use one of their IDs.',
  ),

  // Records that are there already.
  'order-exists': state('This order was placed already', 'A purchase order with this number exists.', 'Use a new PO number.'),
  'customer-name-taken': state(
    'That customer name is taken',
    'The partner has a customer account with this name already.',
    'Transfer to that customer, or choose another name.',
  ),
  'contact-email-taken': state(
    'That contact email is in use',
    'Contact emails identify customers at login, so each belongs to one customer account.',
    'Use another contact email.',
  ),
  'smartserver-exists': state('That install code is in use', 'A SmartServer with this install code exists.', 'Choose another install code, or leave it out.'),
  'device-name-taken': state('That device name is in use', 'The SmartServer has a device with this name.', 'Choose another name.'),
  'server-exists': state('That server name is in use', 'Server names are unique in Device Administrator.', 'Choose another name.'),
  'fleet-exists': state('That fleet name is in use', 'A fleet with this name exists.', 'Remove it first, or choose another name.'),
  'fleet-seed-in-use': state(
    'That seed is in use',
    'A fleet made from the same seed holds the segment controller IDs this fleet would draw.',
    'Give this fleet another seed, or remove the other fleet first.',
  ),
  'customer-ambiguous': state(
    'Several customers have that name',
    'Customers of several partners have the name the fleet gives.',
    "Give the group's `partner` (the partner's email) to say which one.",
  ),

  // Licenses (SmartServer).
  'license-retired': state(
    'This License ID was replaced',
    'A transfer gave the license a new License ID; the old one no longer works anywhere.',
    "Use the new License ID (the detail names it; the partner's Customer Inventory lists it).",
  ),
  'license-active': state(
    'This license is in use on a SmartServer',
    'An active license cannot be transferred.',
    'Return it to the cloud from its SmartServer (Transfer to Cloud) first.',
  ),
  'license-already-active': state('This license is active already', 'The license is active on a SmartServer or server already.', 'Return it first to move it.'),
  'license-not-active': state('This license is not active', 'The operation needs an active license.', 'Activate the license first.'),
  'license-not-with-customer': state(
    'This license is not with a customer',
    'The license has not been transferred to a customer, so the cloud does not offer it.',
    'Transfer it to the customer in the partner portal first.',
  ),
  'license-bound-offline': state(
    'This license is bound to an offline activation file',
    'An offline activation file was issued for the license, which keeps it for that install code until the file is loaded or expires.',
    'Load the file on its SmartServer, or wait until it expires.',
  ),
  'license-elsewhere': state(
    'This license is not active here',
    'The license is not active on the SmartServer that asked.',
    'Return it from the SmartServer it is active on.',
  ),
  'license-state': state('The license cannot do that now', 'The license is in a state that does not take this operation.', 'Check the license’s state first.'),
  'license-returned': state('This license was returned', 'The seats were returned from their server.', 'Assign the freed seats again to use them.'),
  'maintenance-expired': state('The maintenance has ended', 'The SmartServer’s maintenance expired before this.', 'Activate a new maintenance license.'),
  'maintenance-term-ended': state('The maintenance has ended', 'The maintenance license’s term ended before this date.', 'Buy a new maintenance license.'),
  'maintenance-capacity-mismatch': rule(
    'The maintenance does not match the capacity',
    'A maintenance license must cover the same device capacity as the capacity license it goes with.',
    'Choose a maintenance license of the same capacity.',
  ),
  'maintenance-required': state(
    'This upgrade needs active maintenance',
    'Upgrading to this release needs maintenance active on the SmartServer today.',
    'Activate a maintenance license first, or install an Update release of the current version.',
  ),
  'offline-file-not-for-core': rule(
    'Core licenses are not activated with files',
    'A SmartServer Pi Core license cannot be activated with an offline file.',
    'Activate it online from the SmartServer.',
  ),
  'offline-file-not-maintenance': rule(
    'Only capacity licenses get offline files here',
    'Maintenance licenses are not activated with offline files from the customer portal.',
    'Activate the maintenance license online, or ask Customer Success.',
  ),
  'offline-maintenance-needs-customer-success': rule(
    'Offline maintenance goes through Customer Success',
    'A maintenance license for an offline SmartServer is activated by Customer Success.',
    'Ask Customer Success to activate it.',
  ),
  'core-license-required': state(
    'A Core license is needed first',
    'A SmartServer Pi needs its Core license (SSPI-CORE) before it takes devices.',
    'Activate the SmartServer Pi Core license first.',
  ),
  'core-needs-pi': rule('Core licenses are for SmartServer Pi', 'A Core license works on a SmartServer Pi only.', 'Activate it on a SmartServer Pi.'),
  'no-license-management': state(
    'This SmartServer has no license management',
    'The SmartServer runs a release from before 3.3, which has no license management.',
    'Update the SmartServer to release 3.3 or later.',
  ),
  'lon-needs-pi-4.3': rule(
    'LON on SmartServer Pi needs release 4.3',
    'SmartServer Pi supports LON devices from release 4.3 on.',
    'Install release 4.3 or later first.',
  ),
  'release-not-for-pi': rule(
    'This release is not for SmartServer Pi',
    'The release does not run on SmartServer Pi.',
    'Choose a release SmartServer Pi supports.',
  ),
  'no-licenses': state('There are no licenses to return', 'The SmartServer holds no license to give back.', 'Nothing to do.'),
  'licenses-changed': state(
    'The licenses changed meanwhile',
    'The SmartServer’s licenses changed while they were being returned; nothing was returned.',
    'Try again.',
  ),
  'no-customer-id': state(
    'Save a Customer ID first',
    'The SmartServer has no saved Customer ID, so it cannot reach the cloud’s licenses.',
    'Save one in Manage Customer Accounts.',
  ),
  'no-pending-change': state('There is no Customer ID to save or discard', 'No Customer ID was entered.', 'Enter a Customer ID first.'),
  'smartserver-offline': state(
    'The SmartServer is offline',
    'The SmartServer has no Internet connection, so it cannot reach the licensing cloud.',
    'Reconnect it, or use an offline activation file.',
  ),
  'connection-lost': state(
    'The connection was lost',
    'The SmartServer lost its Internet connection during the operation; nothing was changed.',
    'Reconnect and try again.',
  ),
  'smartserver-state': state(
    'The SmartServer cannot do that now',
    'The SmartServer is in a state that does not take this operation.',
    'Check its state first.',
  ),
  'device-state': state(
    'The device cannot do that now',
    'The device is in a state that does not take this action.',
    'Provision the device first, or choose another action.',
  ),
  'no-device-capacity': state(
    'The SmartServer holds no device capacity',
    'Its licenses went back to the cloud, or none was activated: its devices are inaccessible and the scheduler and data logging are stopped.',
    'Activate a device capacity license on the SmartServer.',
  ),
  'datapoint-read-only': rule(
    'This datapoint cannot be written',
    'The datapoint is an output the device reports.',
    'Write one of the device’s input datapoints instead.',
  ),
  'pages-need-admin': entry(
    403,
    'Only an Owner or Admin can upload web pages',
    'The logged-in CMS user is neither the Owner nor an Admin.',
    'Log in as the Owner or an Admin.',
  ),
  'action-not-emulated': entry(
    501,
    'This request is not emulated',
    'The emulator answers create, provision and deprovision requests over IAP/MQ only.',
    'Send one of the emulated actions, or use the CMS.',
  ),
  'request-failed': entry(
    503,
    'The request could not be answered',
    'Something went wrong while answering an IAP/MQ request.',
    'Try again; the emulator’s log has the details.',
  ),
  'device-unlicensed': state(
    'The device has no license',
    'The device is unlicensed (purple); the action needs a device capacity license with room for it.',
    'Activate a capacity license with room for it.',
  ),
  'feature-unavailable': state(
    'This feature is not available',
    'The SmartServer’s release or licenses do not offer the feature.',
    'The detail says what it needs.',
  ),

  'no-offline-file': state(
    'No offline file is waiting',
    'The license has no offline activation file waiting to be loaded.',
    'Issue a file first, or check the license’s status.',
  ),
  'offline-file-not-expired': state(
    'The offline file has not expired yet',
    'An unused offline activation file holds its license until it expires.',
    'Withdraw the file in the customer portal, or wait until it expires.',
  ),
  'offline-file-withdrawn': state(
    'This offline file no longer applies',
    'The file was withdrawn in the customer portal, or it expired unused and its license came back.',
    'Ask for a new file.',
  ),
  // Snapshots of the emulator's state.
  'too-many-snapshots': state('The emulator holds too many snapshots', 'The emulator keeps at most 16 snapshots.', 'Delete one, or reuse a name.'),
  'not-a-snapshot': rule('This is not a snapshot file', 'The file does not carry the snapshot format’s name.', 'Load a file written by sslab snapshot save.'),
  'snapshot-unreadable': rule('The snapshot file is cut short or damaged', 'The file is not whole JSON.', 'Save the snapshot again.'),
  'snapshot-checksum-mismatch': rule(
    'The snapshot file was changed',
    'Its checksum does not match its content: it was edited or damaged.',
    'Save the snapshot again.',
  ),
  'snapshot-version-unsupported': rule(
    'The snapshot is of another format version',
    'This sslab reads snapshot files of its own format version only.',
    'Save a snapshot with this version of sslab.',
  ),
  'snapshot-profile-mismatch': rule(
    'The snapshot is of another vendor profile',
    'The file holds the state of another set of vendors than this emulator keeps.',
    'Load it into an emulator of its own profile.',
  ),
  'snapshot-malformed': rule(
    'The snapshot is not shaped as it should be',
    'A part of the file is missing or of the wrong shape; the detail names it.',
    'Save a snapshot with this version of sslab.',
  ),
  'snapshot-does-not-fit': rule('The snapshot’s rows do not fit', 'Its rows do not fit this emulator’s tables.', 'Save a snapshot with this version of sslab.'),
  'snapshot-keys-unusable': rule('The snapshot’s keys cannot be used', 'A signing key in the file is not a usable key.', 'Save the snapshot again.'),

  // Offline activation files.
  'offline-file-unknown': state('This file was not issued here', 'The licensing cloud has no record of this offline activation file.', 'Ask for a new file.'),
  'offline-file-unknown-key': rule(
    'This file was signed elsewhere',
    'The offline activation file was signed with a key this licensing cloud does not know.',
    'Ask for a file from the portal that serves this SmartServer.',
  ),
  'offline-file-tampered': rule(
    'This file was altered',
    'The offline activation file’s signature does not match its content.',
    'Download the file again from where it was issued.',
  ),
  'offline-file-foreign': rule(
    'This file is for another SmartServer',
    'The offline activation file was made for another install code.',
    'Ask for a file made for this install code.',
  ),
  'offline-file-replayed': state(
    'This file was loaded already',
    'Each offline activation file activates its license once.',
    'Nothing to do; the license stays where it went.',
  ),
  'offline-file-expired': rule('This file has expired', 'Offline activation files can be loaded for 30 days.', 'Ask for a new file for this install code.'),

  // The licensing cloud and the shards.
  'cloud-unavailable': entry(
    503,
    'The licensing cloud is unavailable',
    'The licensing cloud could not be reached or failed; nothing was changed.',
    'Try again later.',
  ),
  'cloud-timeout': entry(504, 'The licensing cloud did not answer in time', 'The licensing cloud took too long; nothing was changed.', 'Try again later.'),
  'shard-unavailable': entry(
    503,
    'Part of the emulator is not running',
    'The shard that serves this SmartServer cannot be reached.',
    'Start it again, or bring the fleet up anew.',
  ),
  'shard-failed': entry(503, 'Part of the emulator failed', 'The shard that serves this SmartServer answered with an error.', 'See the shard’s log.'),
  'fleet-through-cloud': state(
    'Create fleets through the main process',
    'This process is a shard; fleets are created through the portal-and-cloud process.',
    'Send the request to the portal-and-cloud process.',
  ),
  'fleet-share-on-cloud': state('Fleet shares go to the shards', 'The portal-and-cloud process holds no SmartServers.', 'Send the share to a shard.'),

  // EcoStruxure.
  'entitlement-already-added': state('This entitlement was added already', 'The entitlement is in Device Administrator already.', 'Use it as it is.'),
  'entitlement-not-added': state('Add the entitlement first', 'The entitlement is not in Device Administrator.', 'Add it with its certificate file.'),
  'entitlement-state': state(
    'The entitlement cannot do that now',
    'The entitlement is in a state that does not take this operation.',
    'Check its state first.',
  ),
  'certificate-mismatch': rule(
    'The certificate file does not match',
    'The certificate file was altered or belongs to another entitlement.',
    'Use the file from the entitlement email.',
  ),
  'feature-not-in-product': rule('The product has no such feature', 'The license product does not include this feature.', 'Choose a feature of the product.'),
  'license-product-not-in-entitlement': rule(
    'The product is not in this entitlement',
    'The entitlement holds no such license product.',
    'Choose a product of the entitlement.',
  ),
  'license-already-assigned': state('The seats are assigned already', 'The license is assigned to a server already.', 'Unassign it first.'),
  'license-not-assigned': state('Assign the license first', 'The license is not assigned to a server.', 'Assign it before activating it.'),
  'license-not-on-chosen-servers': rule(
    'The license is not on these servers',
    'The license is not assigned to any of the chosen servers.',
    'Choose the servers it is assigned to.',
  ),
  'license-on-another-server': rule(
    'The license is on another server',
    'The license is assigned to another server than the one named.',
    'Use the server it is assigned to.',
  ),
  'license-not-applicable': rule(
    'The license does not apply to this server',
    'The licensed feature does not apply to this kind of server.',
    'Assign it to a server of a product it applies to.',
  ),
  'license-cannot-be-deactivated': rule(
    'This license cannot be deactivated here',
    'The license is activated on its server and is not deactivated one by one.',
    'Return the server’s licenses instead.',
  ),
  'feature-already-on-server': rule(
    'The server has this feature already',
    'The feature is licensed per server and this server has it.',
    'Choose another server.',
  ),
  'not-enough-seats': rule('Not enough seats', 'The license has fewer free seats than asked for.', 'Ask for fewer seats or buy more.'),
  'no-seats-asked': rule('No seats asked for', 'An assignment must ask for at least one seat.', 'Assign at least one seat.'),
  'one-seat-per-server': rule('One seat per server', 'The feature is licensed per server.', 'Assign one seat to each server.'),
  'nothing-to-activate': state('Nothing waits for activation', 'No assigned license waits for activation on the server.', 'Assign licenses first.'),
  'no-licenses-to-return': state('No licenses to return', 'The server has no activated licenses.', 'Nothing to do.'),
  'no-activation-request': state('No activation request', 'No activation request is open for this license.', 'Create an activation request first.'),
  'no-return-request': state('No return request', 'No return request is open for this license.', 'Create a return request first.'),
  'activation-request-pending': state('An activation request is open', 'The license waits for its activation response.', 'Load the activation response file.'),
  'activation-response-not-ready': state(
    'The activation response is not ready',
    'The activation request has not been answered.',
    'Process the request file at the License Activation Server first.',
  ),
  'return-in-progress': state('A return is in progress', 'The license is being returned.', 'Finish the return first.'),
  'return-not-confirmed': state(
    'The return is not confirmed',
    'The return has not been confirmed at the License Activation Server.',
    'Confirm the return first.',
  ),
  'return-response-not-ready': state('The return response is not ready', 'The return request has not been answered.', 'Process the return request first.'),
  'return-not-sent-to-server': state(
    'Send the return response first',
    'The return response file has not reached the server.',
    'Load it in Device Administrator, then confirm.',
  ),
  'not-a-return': state('This is not a return request', 'Only return requests are confirmed.', 'Confirm a return request.'),
  'request-mismatch': rule('The license belongs to another request', 'The license is part of another request.', 'Use the file of its own request.'),
  'request-file-altered': rule('The request file was altered', 'Its licenses differ from those Device Administrator wrote.', 'Create a new request file.'),
  'response-file-altered': rule(
    'The response file was altered',
    'Its licenses differ from those of its request.',
    'Use the file the License Activation Server gave.',
  ),
  'response-for-another-server': rule(
    'This response is for another server',
    'The response file answers a request of another server.',
    'Load it on the server that asked.',
  ),
  'server-certificates-missing': state(
    'The server has no certificates',
    'The server uses HTTPS but has no certificates installed.',
    'Install the server certificates first.',
  ),
  'server-without-internet': state('The server has no Internet connection', 'Online activation needs the Internet.', 'Use offline activation files.'),
} as const satisfies Record<string, ProblemEntry>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;

/** Every code the models refuse with is a problem code too. */
type RefusalsCatalogued = RefusalCode extends ProblemCode ? true : RefusalCode;
const refusalsCatalogued: RefusalsCatalogued = true;
void refusalsCatalogued;

export const PROBLEM_CODES = Object.keys(PROBLEM_CATALOGUE) as ProblemCode[];

export const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(PROBLEM_CATALOGUE, code);

/** Where a problem's `type` points: its page in the catalogue. */
export const problemType = (code: ProblemCode) => `/problems/${code}`;
