import fc from 'fast-check';
import { expect, test } from 'vitest';
import { RefusedError } from '../apply';
import { applyServerLicenseEvent, newServerLicense } from './apply';
import { featureApplies, findFeature, LICENSE_FEATURES, SERVER_PRODUCTS } from './catalog';
import type { EntitlementContext } from './entitlement.machine';
import { serverLicenseMachine } from './license.machine';
import { serverLicenseRefusal, type BmsServerFacts, type ServerLicenseEvent } from './license.rules';
import { featureOnServer, seatUsage, type ServerLicenseRecord } from './seats';
import { activeOnServer } from './selection';

const RUNS = { numRuns: 150 };
const AT = '2026-02-02T10:00:00.000Z';
const FEATURES = LICENSE_FEATURES.map((f) => f.code);

const productArb = fc.uniqueArray(fc.record({ code: fc.constantFrom(...FEATURES), seats: fc.integer({ min: 1, max: 4 }) }), {
  minLength: 1,
  maxLength: 3,
  selector: (f) => f.code,
});

const pick = fc.nat({ max: 20 });
/** Mostly the license's own server or request, sometimes another one, so refusals get exercised too. */
const usually = fc.constantFrom(true, true, true, false);

const serverArb = fc.record({
  product: fc.constantFrom(...SERVER_PRODUCTS),
  internet: usually,
  https: fc.boolean(),
  certificatesInstalled: usually,
});
/** The state each license operation expects, so a focused step picks a license it can move on. */
const EXPECTS: Record<string, ServerLicenseRecord['state']> = {
  activate: 'assigned',
  request: 'assigned',
  answer: 'activationRequested',
  load: 'activationAnswered',
  deactivate: 'active',
  answerReturn: 'returnRequested',
  loadReturn: 'returnAnswered',
  confirm: 'returnUnconfirmed',
};
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('assign' as const), server: pick, product: pick, feature: pick, quantity: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('activate' as const), license: pick, focused: usually, server: pick, ownServer: usually }),
  fc.record({ op: fc.constant('request' as const), license: pick, focused: usually, server: pick, ownServer: usually }),
  fc.record({ op: fc.constant('answer' as const), license: pick, focused: usually, sameRequest: usually }),
  fc.record({ op: fc.constant('load' as const), license: pick, focused: usually, server: pick, ownServer: usually, sameRequest: usually }),
  fc.record({ op: fc.constant('deactivate' as const), license: pick, focused: usually }),
  fc.record({ op: fc.constant('returnOnline' as const), server: pick, focused: usually }),
  fc.record({ op: fc.constant('requestReturn' as const), server: pick, focused: usually }),
  fc.record({ op: fc.constant('answerReturn' as const), license: pick, focused: usually, sameRequest: usually }),
  fc.record({ op: fc.constant('loadReturn' as const), license: pick, focused: usually, server: pick, ownServer: usually, sameRequest: usually }),
  fc.record({ op: fc.constant('confirm' as const), license: pick, focused: usually, sameRequest: usually }),
  fc.record({ op: fc.constant('network' as const), server: pick, facts: serverArb }),
);

/** Sends `event`, checking that the refusal rules and the machine agree on whether it is allowed. */
function send(record: ServerLicenseRecord, event: ServerLicenseEvent): ServerLicenseRecord | undefined {
  const expected = serverLicenseRefusal(record.state, record.context, event);
  const snapshot = serverLicenseMachine.resolveState({ value: record.state, context: record.context });
  expect(expected === undefined, `${event.type} in ${record.state}: rules say ${expected?.code ?? 'allowed'}`).toBe(snapshot.can(event));
  try {
    return applyServerLicenseEvent(record, event);
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    expect(error.refusal.code).toBe(expected?.code);
    return undefined;
  }
}

test('seats in use never exceed the entitlement, a license is active on one server at most, and rules match the machine', () => {
  fc.assert(
    fc.property(
      fc.array(serverArb, { minLength: 1, maxLength: 3 }),
      fc.array(productArb, { minLength: 1, maxLength: 2 }),
      fc.array(stepArb, { minLength: 10, maxLength: 80 }),
      (serverSpecs, productSpecs, steps) => {
        const servers: BmsServerFacts[] = serverSpecs.map((s, i) => ({ serverId: `srv-${i}`, name: `Server ${i}`, ...s }));
        const entitlement: EntitlementContext = {
          entitlementId: 'ENT-1',
          soldTo: 'Campus',
          email: 'x@y.example',
          issuedAt: AT,
          products: productSpecs.map((features, i) => ({ activationId: `ACT-${i}`, name: `Product ${i}`, features })),
        };
        let licenses: ServerLicenseRecord[] = [];
        const activatedOn = new Map<string, Set<string>>();
        let requests = 0;
        const at = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
        const replace = (old: ServerLicenseRecord, next: ServerLicenseRecord | undefined) => {
          if (next) licenses = licenses.map((l) => (l === old ? next : l));
          return next;
        };
        const requestOf = (l: ServerLicenseRecord, same: boolean) => (same ? (l.context.requestId ?? 'none') : 'req-other');

        for (const step of steps) {
          const candidates = 'focused' in step && step.focused ? licenses.filter((l) => l.state === EXPECTS[step.op]) : licenses;
          const license = 'license' in step ? at(candidates, step.license) : undefined;
          const own = license && 'ownServer' in step && step.ownServer ? servers.find((s) => s.serverId === license.context.serverId) : undefined;
          const returning =
            (step.op === 'returnOnline' || step.op === 'requestReturn') && step.focused
              ? servers.filter((s) => activeOnServer(licenses, s.serverId).length > 0)
              : servers;
          const server = own ?? ('server' in step ? at(returning.length ? returning : servers, step.server)! : undefined);
          switch (step.op) {
            case 'assign': {
              const product = at(entitlement.products, step.product)!;
              const feature = at(product.features, step.feature)!;
              const record = newServerLicense({
                licenseId: `lic-${licenses.length}`,
                entitlementId: 'ENT-1',
                activationId: product.activationId,
                featureCode: feature.code,
                quantity: step.quantity,
              });
              const { free, awaitingReturnConfirmation } = seatUsage(entitlement, product.activationId, feature.code, licenses);
              const next = send(record, {
                type: 'ASSIGN',
                server: server!,
                seats: { free, awaitingReturnConfirmation },
                featureOnServer: featureOnServer(server!.serverId, feature.code, licenses),
                at: AT,
              });
              if (next) licenses.push(next);
              break;
            }
            case 'activate':
            case 'load': {
              if (!license) break;
              const event: ServerLicenseEvent =
                step.op === 'activate'
                  ? { type: 'ACTIVATE_ONLINE', server: server!, at: AT }
                  : { type: 'LOAD_ACTIVATION_RESPONSE', server: server!, requestId: requestOf(license, step.sameRequest), at: AT };
              const next = replace(license, send(license, event));
              if (next?.state === 'active') {
                const set = activatedOn.get(next.context.licenseId) ?? new Set<string>();
                set.add(server!.serverId);
                activatedOn.set(next.context.licenseId, set);
              }
              break;
            }
            case 'request':
              if (license) replace(license, send(license, { type: 'REQUEST_ACTIVATION', server: server!, requestId: `req-${++requests}`, at: AT }));
              break;
            case 'answer':
              if (license) replace(license, send(license, { type: 'ANSWER_ACTIVATION', requestId: requestOf(license, step.sameRequest), at: AT }));
              break;
            case 'deactivate':
              if (license) expect(send(license, { type: 'DEACTIVATE', at: AT })).toBeUndefined();
              break;
            case 'returnOnline':
            case 'requestReturn': {
              const requestId = `ret-${++requests}`;
              for (const l of activeOnServer(licenses, server!.serverId)) {
                const event: ServerLicenseEvent =
                  step.op === 'returnOnline'
                    ? { type: 'RETURN_ONLINE', server: server!, at: AT }
                    : { type: 'REQUEST_RETURN', server: server!, requestId, at: AT };
                if (replace(l, send(l, event))) activatedOn.delete(l.context.licenseId);
              }
              break;
            }
            case 'answerReturn':
              if (license) replace(license, send(license, { type: 'ANSWER_RETURN', requestId: requestOf(license, step.sameRequest), at: AT }));
              break;
            case 'loadReturn':
              if (license)
                replace(license, send(license, { type: 'LOAD_RETURN_RESPONSE', server: server!, requestId: requestOf(license, step.sameRequest), at: AT }));
              break;
            case 'confirm':
              if (license) replace(license, send(license, { type: 'CONFIRM_RETURN', requestId: requestOf(license, step.sameRequest), at: AT }));
              break;
            case 'network':
              Object.assign(server!, step.facts, { product: server!.product });
              break;
          }

          for (const product of entitlement.products) {
            for (const feature of product.features) {
              const usage = seatUsage(entitlement, product.activationId, feature.code, licenses);
              expect(usage.inUse).toBeLessThanOrEqual(usage.seats);
            }
          }
          for (const l of licenses.filter((x) => x.state === 'active')) {
            const on = [...(activatedOn.get(l.context.licenseId) ?? [])];
            expect(on).toEqual([l.context.serverId]);
            const product = servers.find((s) => s.serverId === l.context.serverId)!.product;
            expect(featureApplies(findFeature(l.context.featureCode)!, product)).toBe(true);
          }
          for (const s of servers) {
            for (const code of FEATURES.filter((c) => findFeature(c)!.counting === 'per-server')) {
              const holding = licenses.filter(
                (l) => l.context.serverId === s.serverId && l.context.featureCode === code && l.state !== 'returned' && l.state !== 'available',
              );
              expect(holding.length).toBeLessThanOrEqual(1);
            }
          }
        }
      },
    ),
    RUNS,
  );
});

test('a license activated on one server can never be activated on another without being returned first', () => {
  fc.assert(
    fc.property(fc.constantFrom(...SERVER_PRODUCTS), fc.constantFrom(...SERVER_PRODUCTS), (first, second) => {
      const a: BmsServerFacts = { serverId: 'a', name: 'A', product: first, internet: true, https: false, certificatesInstalled: false };
      const b: BmsServerFacts = { ...a, serverId: 'b', name: 'B', product: second };
      const record = newServerLicense({ licenseId: 'l', entitlementId: 'E', activationId: 'A', featureCode: 'snmp-notifications', quantity: 1 });
      const active = [
        { type: 'ASSIGN', server: a, seats: { free: 1, awaitingReturnConfirmation: 0 }, featureOnServer: false, at: AT },
        { type: 'ACTIVATE_ONLINE', server: a, at: AT },
      ].reduce((r, e) => applyServerLicenseEvent(r, e as ServerLicenseEvent), record);
      expect(serverLicenseRefusal(active.state, active.context, { type: 'ACTIVATE_ONLINE', server: b, at: AT })?.code).toBe('license-already-active');
      expect(
        serverLicenseRefusal(active.state, active.context, {
          type: 'ASSIGN',
          server: b,
          seats: { free: 1, awaitingReturnConfirmation: 0 },
          featureOnServer: false,
          at: AT,
        })?.code,
      ).toBe('license-already-assigned');
    }),
  );
});
