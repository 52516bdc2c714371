import { assertEvent, assign, setup } from 'xstate';
import { canActivate, licenseRules, offlineBinding, type LicenseContext, type LicenseEvent } from './license.rules';

export type { LicenseContext, LicenseEvent } from './license.rules';

/**
 * A capacity, trial, maintenance or core license from purchase to retirement.
 *
 * inInventory ──TRANSFER──▶ retired            (the transfer creates a successor in withCustomer)
 * withCustomer ─ACTIVATE(online)─▶ active ─RETURN─▶ withCustomer
 * withCustomer ─ISSUE_OFFLINE_FILE─▶ offlineFileIssued ─ACTIVATE(offline, same install code)─▶ active
 * offlineFileIssued ─WITHDRAW_OFFLINE_FILE / OFFLINE_FILE_EXPIRED─▶ withCustomer   (an unused file gives the license back)
 */
export const licenseMachine = setup({
  types: {
    context: {} as LicenseContext,
    events: {} as LicenseEvent,
    input: {} as LicenseContext,
  },
  guards: {
    ownedByCustomer: ({ context }) => context.customerId !== undefined,
    activationAllowed: ({ context, event }) => {
      assertEvent(event, 'ACTIVATE');
      return event.mode === 'online' && canActivate(context, event);
    },
    offlineActivationAllowed: ({ context, event }) => {
      assertEvent(event, 'ACTIVATE');
      return licenseRules.offlineFileMatches(context, event) && canActivate(context, event);
    },
    fileMayBeIssued: ({ context, event }) => {
      assertEvent(event, 'ISSUE_OFFLINE_FILE');
      return licenseRules.issuerMayIssue(context, event);
    },
    fileForSameSmartServer: ({ context, event }) => {
      assertEvent(event, 'ISSUE_OFFLINE_FILE');
      return licenseRules.issuerMayIssue(context, event) && licenseRules.sameOfflineTarget(context, event);
    },
    fileMayBeWithdrawn: ({ context, event }) => {
      assertEvent(event, 'WITHDRAW_OFFLINE_FILE');
      return licenseRules.issuerMayIssue(context, event);
    },
    fileExpired: ({ context, event }) => {
      assertEvent(event, 'OFFLINE_FILE_EXPIRED');
      return licenseRules.offlineFileExpired(context, event.at);
    },
  },
  actions: {
    retire: assign(({ event }) => {
      assertEvent(event, 'TRANSFER');
      return { successorId: event.successorId };
    }),
    bindToSmartServer: assign(({ event }) => {
      assertEvent(event, 'ACTIVATE');
      return { installCode: event.installCode, activationMode: event.mode, activatedAt: event.at, offlineFileIds: undefined, offlineFileExpiresAt: undefined };
    }),
    bindOfflineFile: assign(({ context, event }) => {
      assertEvent(event, 'ISSUE_OFFLINE_FILE');
      return offlineBinding(context, event);
    }),
    release: assign({ installCode: undefined, activationMode: undefined, activatedAt: undefined, offlineFileIds: undefined, offlineFileExpiresAt: undefined }),
  },
}).createMachine({
  id: 'license',
  context: ({ input }) => input,
  initial: 'new',
  states: {
    new: {
      always: [{ guard: 'ownedByCustomer', target: 'withCustomer' }, { target: 'inInventory' }],
    },
    inInventory: {
      on: { TRANSFER: { target: 'retired', actions: 'retire' } },
    },
    withCustomer: {
      on: {
        TRANSFER: { target: 'retired', actions: 'retire' },
        ACTIVATE: { guard: 'activationAllowed', target: 'active', actions: 'bindToSmartServer' },
        ISSUE_OFFLINE_FILE: { guard: 'fileMayBeIssued', target: 'offlineFileIssued', actions: 'bindOfflineFile' },
      },
    },
    offlineFileIssued: {
      on: {
        ACTIVATE: { guard: 'offlineActivationAllowed', target: 'active', actions: 'bindToSmartServer' },
        // Fetching the file again for the same SmartServer is accepted; without an action xstate would not count it as handled.
        ISSUE_OFFLINE_FILE: { guard: 'fileForSameSmartServer', actions: 'bindOfflineFile' },
        WITHDRAW_OFFLINE_FILE: { guard: 'fileMayBeWithdrawn', target: 'withCustomer', actions: 'release' },
        OFFLINE_FILE_EXPIRED: { guard: 'fileExpired', target: 'withCustomer', actions: 'release' },
      },
    },
    active: {
      on: { RETURN: { target: 'withCustomer', actions: 'release' } },
    },
    retired: { type: 'final' },
  },
});
