/**
 * The EcoStruxure BMS server products and the license features Device Administrator hands out.
 *
 * What the vendor documents say: SmartDrivers need one license per driver; SNMP Notifications,
 * Personal Dashboards, MQTT and TimescaleDB are licensed per server (one license covers any
 * number of uses on that server); connected devices are counted. Which server product each
 * feature applies to is not published, so the `appliesTo` column is our choice and every row
 * says so in `source`.
 */
export const SERVER_PRODUCTS = ['AS-P', 'AS-B', 'Edge Server'] as const;
export type ServerProduct = (typeof SERVER_PRODUCTS)[number];

export type FeatureCounting = 'seats' | 'per-server';

export interface LicenseFeature {
  code: string;
  name: string;
  /** 'seats': each seat licenses one thing (a driver, a device); 'per-server': one seat unlocks it on one server. */
  counting: FeatureCounting;
  appliesTo: readonly ServerProduct[];
  /** 'doc' when the applicability is documented, 'inferred' when it is our choice. */
  source: 'doc' | 'inferred';
  why: string;
}

export const LICENSE_FEATURES: readonly LicenseFeature[] = [
  {
    code: 'connected-devices',
    name: 'Connected devices',
    counting: 'seats',
    appliesTo: ['AS-P', 'AS-B', 'Edge Server'],
    source: 'inferred',
    why: 'Field-bus devices under an automation server are counted; Edge Server is assumed to count its devices the same way.',
  },
  {
    code: 'smartdriver',
    name: 'SmartDriver',
    counting: 'seats',
    appliesTo: ['AS-P', 'Edge Server'],
    source: 'inferred',
    why: 'One license per driver; AS-B is taken to be the basic server without SmartDriver support.',
  },
  {
    code: 'snmp-notifications',
    name: 'SNMP Notifications',
    counting: 'per-server',
    appliesTo: ['AS-P', 'AS-B', 'Edge Server'],
    source: 'inferred',
    why: 'One license allows any number of notifications on its server.',
  },
  {
    code: 'personal-dashboards',
    name: 'Personal Dashboards',
    counting: 'per-server',
    appliesTo: ['AS-P', 'AS-B', 'Edge Server'],
    source: 'inferred',
    why: "One license lets the server's users create any number of dashboards.",
  },
  {
    code: 'mqtt',
    name: 'MQTT',
    counting: 'per-server',
    appliesTo: ['AS-P', 'Edge Server'],
    source: 'inferred',
    why: 'Licensed per server; kept off AS-B with the other integration features.',
  },
  {
    code: 'timescaledb',
    name: 'TimescaleDB',
    counting: 'per-server',
    appliesTo: ['Edge Server'],
    source: 'inferred',
    why: 'A time-series store; taken to need the Edge Server platform.',
  },
];

/** Finds a feature by its code or its display name, ignoring case. */
export function findFeature(text: string): LicenseFeature | undefined {
  const wanted = text.trim().toLowerCase();
  return LICENSE_FEATURES.find((f) => f.code === wanted || f.name.toLowerCase() === wanted);
}

export function isServerProduct(value: unknown): value is ServerProduct {
  return typeof value === 'string' && (SERVER_PRODUCTS as readonly string[]).includes(value);
}

export function featureApplies(feature: LicenseFeature, product: ServerProduct): boolean {
  return feature.appliesTo.includes(product);
}
