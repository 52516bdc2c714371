import { assertEvent, assign, setup } from 'xstate';
import { refuse, type Refusal } from '../refusal';

/** One license feature of a product and how many seats the entitlement holds of it. */
export interface FeatureSeats {
  code: string;
  seats: number;
}

/** A license product of an entitlement: its activation ID and the features it holds. */
export interface LicenseProduct {
  activationId: string;
  name: string;
  features: FeatureSeats[];
}

export interface EntitlementContext {
  entitlementId: string;
  /** The customer or project the entitlement was sold to. */
  soldTo: string;
  /** Where the entitlement email went. */
  email: string;
  issuedAt: string;
  products: LicenseProduct[];
  addedVia?: EntitlementSource;
  addedAt?: string;
}

/** How Device Administrator learnt the entitlement: from its HTML certificate file or from its ID. */
export type EntitlementSource = 'certificate-file' | 'entitlement-id';

export type EntitlementEvent = { type: 'ADD'; via: EntitlementSource; at: string };

export type EntitlementStateName = 'emailed' | 'inDeviceAdministrator';

export function entitlementRefusal(state: EntitlementStateName, ctx: EntitlementContext, ev: EntitlementEvent): Refusal | undefined {
  if (ev.type === 'ADD' && state === 'inDeviceAdministrator') {
    return refuse('entitlement-already-added', 'state', `Entitlement ${ctx.entitlementId} is already in Device Administrator; its licenses are listed there.`);
  }
  return undefined;
}

/**
 * Why licenses of `featureCode` cannot be drawn from the product with `activationId`, or undefined
 * when they can: only an entitlement added to Device Administrator lends its licenses out.
 */
export function drawRefusal(state: EntitlementStateName, ctx: EntitlementContext, activationId: string, featureCode: string): Refusal | undefined {
  if (state !== 'inDeviceAdministrator') {
    return refuse(
      'entitlement-not-added',
      'state',
      `Entitlement ${ctx.entitlementId} is not in Device Administrator yet; add it from its HTML certificate file or its entitlement ID first.`,
    );
  }
  const product = ctx.products.find((p) => p.activationId === activationId);
  if (!product)
    return refuse(
      'license-product-not-in-entitlement',
      'rule',
      `Entitlement ${ctx.entitlementId} holds no license product with activation ID ${activationId}.`,
    );
  if (!product.features.some((f) => f.code === featureCode)) {
    return refuse(
      'feature-not-in-product',
      'rule',
      `License product ${product.name} (${activationId}) holds no ${featureCode} licenses; it holds ${product.features.map((f) => f.code).join(', ')}.`,
    );
  }
  return undefined;
}

/**
 * An entitlement: sent by email with its license products, then added to Device Administrator,
 * where its licenses become available to assign. Seats in use are derived from the licenses
 * drawn from it (see seats.ts), so the entitlement itself only records how it was added.
 *
 * emailed ─ADD(certificate-file | entitlement-id)─▶ inDeviceAdministrator
 */
export const entitlementMachine = setup({
  types: {
    context: {} as EntitlementContext,
    events: {} as EntitlementEvent,
    input: {} as EntitlementContext,
  },
  actions: {
    recordAdded: assign(({ event }) => {
      assertEvent(event, 'ADD');
      return { addedVia: event.via, addedAt: event.at };
    }),
  },
}).createMachine({
  id: 'ecostruxure-entitlement',
  context: ({ input }) => input,
  initial: 'emailed',
  states: {
    emailed: {
      on: { ADD: { target: 'inDeviceAdministrator', actions: 'recordAdded' } },
    },
    inDeviceAdministrator: {},
  },
});
