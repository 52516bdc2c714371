import { refuse, type Refusal } from '../refusal';
import { featureApplies, findFeature, type ServerProduct } from './catalog';

export type ServerLicenseStateName =
  | 'available'
  | 'assigned'
  | 'activationRequested'
  | 'activationAnswered'
  | 'active'
  | 'returnRequested'
  | 'returnAnswered'
  | 'returnUnconfirmed'
  | 'returned';

/** States in which a license holds its seats of the entitlement. */
export const SEAT_HOLDING_STATES: readonly ServerLicenseStateName[] = [
  'assigned',
  'activationRequested',
  'activationAnswered',
  'active',
  'returnRequested',
  'returnAnswered',
  'returnUnconfirmed',
];

/** States of a return that the License Activation Server has not confirmed yet. */
export const RETURN_PENDING_STATES: readonly ServerLicenseStateName[] = ['returnRequested', 'returnAnswered', 'returnUnconfirmed'];

/** What a license needs to know about the EcoStruxure BMS server an operation concerns. */
export interface BmsServerFacts {
  serverId: string;
  name: string;
  product: ServerProduct;
  internet: boolean;
  https: boolean;
  certificatesInstalled: boolean;
}

/** Seats of one feature of one license product, as the entitlement stands before an assignment. */
export interface SeatCount {
  free: number;
  /** Seats held by licenses whose offline return is not confirmed on the License Activation Server yet. */
  awaitingReturnConfirmation: number;
}

/** Some seats of one feature of a license product, drawn from an entitlement for one server. */
export interface ServerLicenseContext {
  licenseId: string;
  entitlementId: string;
  activationId: string;
  featureCode: string;
  quantity: number;
  serverId?: string;
  serverName?: string;
  assignedAt?: string;
  activationMode?: 'online' | 'offline';
  activatedAt?: string;
  /** The request file of the offline activation or return in progress. */
  requestId?: string;
  returnMode?: 'online' | 'offline';
  returnedAt?: string;
}

export type ServerLicenseEvent =
  | { type: 'ASSIGN'; server: BmsServerFacts; seats: SeatCount; featureOnServer: boolean; at: string }
  | { type: 'ACTIVATE_ONLINE'; server: BmsServerFacts; at: string }
  | { type: 'REQUEST_ACTIVATION'; server: BmsServerFacts; requestId: string; at: string }
  | { type: 'ANSWER_ACTIVATION'; requestId: string; at: string }
  | { type: 'LOAD_ACTIVATION_RESPONSE'; server: BmsServerFacts; requestId: string; at: string }
  | { type: 'DEACTIVATE'; at: string }
  | { type: 'RETURN_ONLINE'; server: BmsServerFacts; at: string }
  | { type: 'REQUEST_RETURN'; server: BmsServerFacts; requestId: string; at: string }
  | { type: 'ANSWER_RETURN'; requestId: string; at: string }
  | { type: 'LOAD_RETURN_RESPONSE'; server: BmsServerFacts; requestId: string; at: string }
  | { type: 'CONFIRM_RETURN'; requestId: string; at: string };

type Assign = Extract<ServerLicenseEvent, { type: 'ASSIGN' }>;

/** The rules behind the license machine's guards; each answers "is this allowed?". */
export const serverLicenseRules = {
  appliesToServer(ctx: ServerLicenseContext, server: BmsServerFacts): boolean {
    const feature = findFeature(ctx.featureCode);
    return feature !== undefined && featureApplies(feature, server.product);
  },
  seatsSuffice(ctx: ServerLicenseContext, ev: Assign): boolean {
    return ctx.quantity >= 1 && ctx.quantity <= ev.seats.free;
  },
  /** A per-server feature is useful once per server; a second one would be a duplicate. */
  notADuplicate(ctx: ServerLicenseContext, ev: Assign): boolean {
    return findFeature(ctx.featureCode)?.counting !== 'per-server' || !ev.featureOnServer;
  },
  /** A per-server feature takes exactly one seat of the entitlement per server. */
  oneSeatPerServer(ctx: ServerLicenseContext): boolean {
    return findFeature(ctx.featureCode)?.counting !== 'per-server' || ctx.quantity === 1;
  },
  onThisServer(ctx: ServerLicenseContext, server: BmsServerFacts): boolean {
    return ctx.serverId === server.serverId;
  },
  /** Device Administrator talks HTTPS to a server only once certificates are installed on it. */
  reachable(server: BmsServerFacts): boolean {
    return !server.https || server.certificatesInstalled;
  },
  /** Online activation and return go through the server's own Internet access. */
  online(server: BmsServerFacts): boolean {
    return server.internet && serverLicenseRules.reachable(server);
  },
  sameRequest(ctx: ServerLicenseContext, requestId: string): boolean {
    return ctx.requestId === requestId;
  },
};

export function mayAssign(ctx: ServerLicenseContext, ev: Assign): boolean {
  return (
    serverLicenseRules.appliesToServer(ctx, ev.server) &&
    serverLicenseRules.oneSeatPerServer(ctx) &&
    serverLicenseRules.notADuplicate(ctx, ev) &&
    serverLicenseRules.seatsSuffice(ctx, ev)
  );
}

const featureName = (ctx: ServerLicenseContext) => findFeature(ctx.featureCode)?.name ?? ctx.featureCode;
const describe = (ctx: ServerLicenseContext) => `License ${ctx.licenseId} (${ctx.quantity} × ${featureName(ctx)})`;
const server = (ctx: ServerLicenseContext) => `server ${ctx.serverName ?? ctx.serverId}`;

function serverRefusal(ctx: ServerLicenseContext, facts: BmsServerFacts, needsInternet: boolean): Refusal | undefined {
  if (!serverLicenseRules.onThisServer(ctx, facts)) {
    return refuse(
      'license-on-another-server',
      'rule',
      `${describe(ctx)} is assigned to ${server(ctx)}, not to server ${facts.name}; a license is activated only on the server it is assigned to.`,
    );
  }
  if (!serverLicenseRules.reachable(facts)) {
    return refuse(
      'server-certificates-missing',
      'state',
      `Server ${facts.name} uses HTTPS but has no certificates installed; install its certificates before Device Administrator can reach it.`,
    );
  }
  if (needsInternet && !facts.internet) {
    return refuse(
      'server-without-internet',
      'state',
      `Server ${facts.name} has no Internet access, which online activation and return need; give it access or use the offline workflow with request and response files.`,
    );
  }
  return undefined;
}

function requestRefusal(ctx: ServerLicenseContext, requestId: string): Refusal | undefined {
  if (!serverLicenseRules.sameRequest(ctx, requestId)) {
    return refuse('request-mismatch', 'rule', `${describe(ctx)} belongs to request ${ctx.requestId}, not to ${requestId}.`);
  }
  return undefined;
}

/**
 * Why `event` is refused in `state`, or undefined when the license machine accepts it.
 * Device Administrator shows these messages; the machine's guards use the same rules.
 */
export function serverLicenseRefusal(state: ServerLicenseStateName, ctx: ServerLicenseContext, ev: ServerLicenseEvent): Refusal | undefined {
  const id = describe(ctx);
  if (state === 'returned') {
    return refuse('license-returned', 'state', `${id} was returned from ${server(ctx)}; assign the freed seats again to use them.`);
  }
  switch (ev.type) {
    case 'ASSIGN':
      if (state !== 'available') return refuse('license-already-assigned', 'state', `${id} is already assigned to ${server(ctx)}.`);
      if (!serverLicenseRules.appliesToServer(ctx, ev.server)) {
        return refuse(
          'license-not-applicable',
          'rule',
          `${featureName(ctx)} does not apply to server ${ev.server.name}, an ${ev.server.product}; choose a server it applies to.`,
        );
      }
      if (!serverLicenseRules.oneSeatPerServer(ctx)) {
        return refuse('one-seat-per-server', 'rule', `${featureName(ctx)} is licensed per server; assign one seat to each server, not ${ctx.quantity}.`);
      }
      if (!serverLicenseRules.notADuplicate(ctx, ev)) {
        return refuse(
          'feature-already-on-server',
          'rule',
          `${featureName(ctx)} is licensed per server and server ${ev.server.name} already has it; one license covers the whole server.`,
        );
      }
      if (ctx.quantity < 1) return refuse('no-seats-asked', 'rule', `${id} asks for no seats; assign at least one.`);
      if (!serverLicenseRules.seatsSuffice(ctx, ev)) {
        if (ev.seats.awaitingReturnConfirmation > 0 && ctx.quantity <= ev.seats.free + ev.seats.awaitingReturnConfirmation) {
          return refuse(
            'return-not-confirmed',
            'state',
            `${ev.seats.awaitingReturnConfirmation} seat(s) of ${featureName(ctx)} are being returned offline; confirm the return on the License Activation Server before assigning them again.`,
          );
        }
        return refuse(
          'not-enough-seats',
          'rule',
          `Only ${ev.seats.free} seat(s) of ${featureName(ctx)} are free in activation ID ${ctx.activationId}; ${ctx.quantity} were asked for.`,
        );
      }
      return undefined;
    case 'ACTIVATE_ONLINE':
    case 'REQUEST_ACTIVATION':
      if (state === 'available') return refuse('license-not-assigned', 'state', `${id} is not assigned to a server; assign it before activating it.`);
      if (state === 'active')
        return refuse('license-already-active', 'state', `${id} is already active on ${server(ctx)}; it cannot be activated there twice.`);
      if (state === 'activationRequested' || state === 'activationAnswered') {
        return refuse(
          'activation-request-pending',
          'state',
          `${id} has an offline activation request (${ctx.requestId}) in progress; finish it with the response file.`,
        );
      }
      if (state !== 'assigned') return refuse('return-in-progress', 'state', `${id} is being returned from ${server(ctx)}.`);
      return serverRefusal(ctx, ev.server, ev.type === 'ACTIVATE_ONLINE');
    case 'ANSWER_ACTIVATION':
      if (state !== 'activationRequested')
        return refuse('no-activation-request', 'state', `${id} has no offline activation request waiting for the License Activation Server.`);
      return requestRefusal(ctx, ev.requestId);
    case 'LOAD_ACTIVATION_RESPONSE':
      if (state === 'active') return refuse('license-already-active', 'state', `${id} is already active on ${server(ctx)}.`);
      if (state === 'activationRequested') {
        return refuse(
          'activation-response-not-ready',
          'state',
          `The License Activation Server has not answered request ${ctx.requestId} yet; upload the request file there first.`,
        );
      }
      if (state !== 'activationAnswered') return refuse('no-activation-request', 'state', `${id} has no offline activation waiting for a response file.`);
      return requestRefusal(ctx, ev.requestId) ?? serverRefusal(ctx, ev.server, false);
    case 'DEACTIVATE':
      if (state === 'active') {
        return refuse(
          'license-cannot-be-deactivated',
          'rule',
          `${id} is activated on ${server(ctx)} and cannot be deactivated; return all licenses of the server instead.`,
        );
      }
      return refuse('license-not-active', 'state', `${id} is not activated, so there is nothing to deactivate.`);
    case 'RETURN_ONLINE':
    case 'REQUEST_RETURN':
      if (state === 'returnRequested' || state === 'returnAnswered' || state === 'returnUnconfirmed') {
        return refuse('return-in-progress', 'state', `${id} is already being returned offline (request ${ctx.requestId}).`);
      }
      if (state !== 'active') return refuse('license-not-active', 'state', `${id} is not active on a server, so it cannot be returned.`);
      return serverRefusal(ctx, ev.server, ev.type === 'RETURN_ONLINE');
    case 'ANSWER_RETURN':
      if (state !== 'returnRequested')
        return refuse('no-return-request', 'state', `${id} has no offline return request waiting for the License Activation Server.`);
      return requestRefusal(ctx, ev.requestId);
    case 'LOAD_RETURN_RESPONSE':
      if (state === 'returnRequested') {
        return refuse(
          'return-response-not-ready',
          'state',
          `The License Activation Server has not answered return request ${ctx.requestId} yet; upload the request file there first.`,
        );
      }
      if (state !== 'returnAnswered') return refuse('no-return-request', 'state', `${id} has no offline return waiting for a response file.`);
      return requestRefusal(ctx, ev.requestId) ?? serverRefusal(ctx, ev.server, false);
    case 'CONFIRM_RETURN':
      if (state === 'returnRequested' || state === 'returnAnswered') {
        return refuse('return-not-sent-to-server', 'state', `Send the return response file to ${server(ctx)} before confirming the return of ${id}.`);
      }
      if (state !== 'returnUnconfirmed') return refuse('no-return-request', 'state', `${id} has no offline return to confirm.`);
      return requestRefusal(ctx, ev.requestId);
  }
}
