import { assertEvent, assign, setup } from 'xstate';
import { mayAssign, serverLicenseRules as rules, type ServerLicenseContext, type ServerLicenseEvent } from './license.rules';

export type { ServerLicenseContext, ServerLicenseEvent } from './license.rules';

/**
 * Seats of one license feature on one EcoStruxure BMS server, from the entitlement to their return.
 *
 * available ─ASSIGN─▶ assigned ─ACTIVATE_ONLINE─▶ active
 * assigned ─REQUEST_ACTIVATION─▶ activationRequested ─ANSWER_ACTIVATION─▶ activationAnswered ─LOAD_ACTIVATION_RESPONSE─▶ active
 * active ─RETURN_ONLINE─▶ returned
 * active ─REQUEST_RETURN─▶ returnRequested ─ANSWER_RETURN─▶ returnAnswered ─LOAD_RETURN_RESPONSE─▶ returnUnconfirmed ─CONFIRM_RETURN─▶ returned
 *
 * No state accepts DEACTIVATE: an activated license leaves its server only with a return of all
 * the server's licenses. The seats stay taken until `returned`, so an offline return frees them
 * only once the License Activation Server has confirmed it.
 */
export const serverLicenseMachine = setup({
  types: {
    context: {} as ServerLicenseContext,
    events: {} as ServerLicenseEvent,
    input: {} as ServerLicenseContext,
  },
  guards: {
    mayAssign: ({ context, event }) => {
      assertEvent(event, 'ASSIGN');
      return mayAssign(context, event);
    },
    mayReachLicenseServer: ({ context, event }) => {
      assertEvent(event, ['ACTIVATE_ONLINE', 'RETURN_ONLINE']);
      return rules.onThisServer(context, event.server) && rules.online(event.server);
    },
    mayReachServer: ({ context, event }) => {
      assertEvent(event, ['REQUEST_ACTIVATION', 'REQUEST_RETURN']);
      return rules.onThisServer(context, event.server) && rules.reachable(event.server);
    },
    answersThisRequest: ({ context, event }) => {
      assertEvent(event, ['ANSWER_ACTIVATION', 'ANSWER_RETURN', 'CONFIRM_RETURN']);
      return rules.sameRequest(context, event.requestId);
    },
    loadsThisRequest: ({ context, event }) => {
      assertEvent(event, ['LOAD_ACTIVATION_RESPONSE', 'LOAD_RETURN_RESPONSE']);
      return rules.sameRequest(context, event.requestId) && rules.onThisServer(context, event.server) && rules.reachable(event.server);
    },
  },
  actions: {
    assignToServer: assign(({ event }) => {
      assertEvent(event, 'ASSIGN');
      return { serverId: event.server.serverId, serverName: event.server.name, assignedAt: event.at };
    }),
    activateOnline: assign(({ event }) => {
      assertEvent(event, 'ACTIVATE_ONLINE');
      return { activationMode: 'online' as const, activatedAt: event.at };
    }),
    rememberRequest: assign(({ event }) => {
      assertEvent(event, ['REQUEST_ACTIVATION', 'REQUEST_RETURN']);
      return { requestId: event.requestId };
    }),
    activateOffline: assign(({ event }) => {
      assertEvent(event, 'LOAD_ACTIVATION_RESPONSE');
      return { activationMode: 'offline' as const, activatedAt: event.at, requestId: undefined };
    }),
    returnOnline: assign(({ event }) => {
      assertEvent(event, 'RETURN_ONLINE');
      return { returnMode: 'online' as const, returnedAt: event.at };
    }),
    confirmReturn: assign(({ event }) => {
      assertEvent(event, 'CONFIRM_RETURN');
      return { returnMode: 'offline' as const, returnedAt: event.at };
    }),
  },
}).createMachine({
  id: 'ecostruxure-license',
  context: ({ input }) => input,
  initial: 'available',
  states: {
    available: {
      on: { ASSIGN: { guard: 'mayAssign', target: 'assigned', actions: 'assignToServer' } },
    },
    assigned: {
      on: {
        ACTIVATE_ONLINE: { guard: 'mayReachLicenseServer', target: 'active', actions: 'activateOnline' },
        REQUEST_ACTIVATION: { guard: 'mayReachServer', target: 'activationRequested', actions: 'rememberRequest' },
      },
    },
    activationRequested: {
      on: { ANSWER_ACTIVATION: { guard: 'answersThisRequest', target: 'activationAnswered' } },
    },
    activationAnswered: {
      on: { LOAD_ACTIVATION_RESPONSE: { guard: 'loadsThisRequest', target: 'active', actions: 'activateOffline' } },
    },
    active: {
      on: {
        RETURN_ONLINE: { guard: 'mayReachLicenseServer', target: 'returned', actions: 'returnOnline' },
        REQUEST_RETURN: { guard: 'mayReachServer', target: 'returnRequested', actions: 'rememberRequest' },
      },
    },
    returnRequested: {
      on: { ANSWER_RETURN: { guard: 'answersThisRequest', target: 'returnAnswered' } },
    },
    returnAnswered: {
      on: { LOAD_RETURN_RESPONSE: { guard: 'loadsThisRequest', target: 'returnUnconfirmed' } },
    },
    returnUnconfirmed: {
      on: { CONFIRM_RETURN: { guard: 'answersThisRequest', target: 'returned', actions: 'confirmReturn' } },
    },
    returned: { type: 'final' },
  },
});
