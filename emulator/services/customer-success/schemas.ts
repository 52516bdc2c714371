import { date, enumOf, installCode, nullable, object, type StaticOf, text, uuid, withDetails } from '../../api-kit/schemas';

/** Customer Success's shapes: the support a SmartServer is entitled to, and what an offline maintenance file is asked for with. */

export const SupportEntitlementSchema = object('SupportEntitlement', {
  installCode: withDetails(text(), { pattern: '^[0-9a-z]{7}$' }),
  support: enumOf(['priority', 'standard']),
  maintenanceEnd: nullable(date()),
  reason: text(),
});

export const maintenanceFileBody = object(undefined, {
  licenseId: uuid('a maintenance License ID'),
  installCode: installCode('a SmartServer install code (17q5t6a)'),
});

export type SupportEntitlement = StaticOf<typeof SupportEntitlementSchema>;
