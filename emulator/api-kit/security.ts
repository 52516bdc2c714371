/**
 * Who may call an operation. Every route declares one of these as its `security`, the public ones
 * too (`PUBLIC`), and the API document describes each scheme from here: where its credential comes
 * from and where it is accepted.
 */
export type SecurityRequirements = Array<Record<string, string[]>>;

export const SECURITY_SCHEMES = {
  partnerSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A partner's session token from POST /partner/api/session (the partner's email and password). Accepted by the License Partner Portal's operations (/partner/api/…) only; expires after 8 hours.",
  },
  customerSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A customer's session token from POST /customer/api/session (an EID, that is a License ID of the customer, or the contact email). Accepted by the License Customer Portal's operations (/customer/api/…) only; expires after 8 hours.",
  },
  cmsSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A CMS user's session token from POST /smartservers/{installCode}/login. Accepted by that one SmartServer's CMS and REST operations (/smartservers/{installCode}/…) only, never by another SmartServer's; licensing operations take the Owner's only. Expires after 8 hours.",
  },
  websocketToken: {
    type: 'apiKey',
    in: 'header',
    name: 'Sec-WebSocket-Protocol',
    description:
      "The Owner's CMS session token (from POST /smartservers/{installCode}/login) offered as the WebSocket subprotocol after `bearer` (`Sec-WebSocket-Protocol: bearer, <token>`), for WebSocket clients that cannot set the Authorization header; the server answers with the `bearer` subprotocol. Never taken from the query, where it would end up in logs. Accepted by that SmartServer's WebSocket only.",
  },
  ecostruxureSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The EcoStruxure Device Administrator operator's session token from POST /ecostruxure/api/session (the operator's user name and password, printed when the emulator starts). Accepted by Device Administrator's operations (/ecostruxure/api/…) only; expires after 8 hours.",
  },
  iapSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'sslab_iap',
    description:
      "The session cookie a SmartServer's login page (/smartservers/{installCode}/user/login.html) sets for the custom web pages it serves: HttpOnly, SameSite=Strict, scoped to that SmartServer's path. Accepted by that SmartServer's IAP/REST datapoint operations only.",
  },
  cloudClientKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-cloud-client-key',
    description:
      "The key a sharded emulator's SmartServer shards share with its licensing cloud (derived from their shared token secret; no login gives it). Accepted by the licensing cloud API (/cloud/api/…) only.",
  },
} as const;

export type SecuritySchemeName = keyof typeof SECURITY_SCHEMES;

const needs = (...alternatives: SecuritySchemeName[]): SecurityRequirements => alternatives.map((name) => ({ [name]: [] }));

/** Open to anyone: logins, the emulator's control plane, the pages and this document. */
export const PUBLIC: SecurityRequirements = [];
export const partnerAuth = needs('partnerSession');
export const customerAuth = needs('customerSession');
export const cmsAuth = needs('cmsSession');
/** The SmartServer's WebSocket: the CMS token in the Authorization header, or as the subprotocol after `bearer` where a client cannot set that header. */
export const cmsWebSocketAuth = needs('cmsSession', 'websocketToken');
export const ecoStruxureAuth = needs('ecostruxureSession');
export const cloudClientAuth = needs('cloudClientKey');
/** IAP/REST datapoints: a CMS session token, or the session cookie of the SmartServer's own login page. */
export const iapAuth = needs('cmsSession', 'iapSession');
