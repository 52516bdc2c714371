import type { AddressMap } from '../emulator/runtime/intercept';
import { smartServerPath } from '../steps/drivers/api/smartserver-path';

/** Where a partner's code reaches each vendor service; every one can be given in the kit's options. */
export interface VendorAddresses {
  /** The License Partner Portal, at its documented address. */
  partnerPortal: string;
  /** The License Customer Portal; its address is not documented, so the default is the kit's own. */
  customerPortal: string;
  /** The licensing cloud the SmartServers download licenses from; no documented address either. */
  licensingCloud: string;
  /** Schneider Electric's EcoStruxure licensing, with its License Activation Server under /las. */
  ecostruxure: string;
  /** The emulator with its own layout: the control plane (/_emulator), the order back office, /openapi.json. */
  emulator: string;
  /** Every SmartServer's address, `{installCode}` standing for its install code (`https://smartserver-17q5t6a`). */
  smartServers: string;
}

/**
 * The documented addresses where there are any, and names under `.invalid`, which no network
 * resolves, where there are none: a partner whose code calls a different address gives it here.
 */
export const DEFAULT_ADDRESSES: VendorAddresses = {
  partnerPortal: 'https://edgeactp.enocean.com',
  customerPortal: 'https://customer-portal.sslab.invalid',
  licensingCloud: 'https://licensing-cloud.sslab.invalid',
  ecostruxure: 'https://ecostruxure.sslab.invalid',
  emulator: 'https://emulator.sslab.invalid',
  smartServers: 'https://smartserver-{installCode}',
};

/** Where the emulator's one application serves each fixed address: its paths start with these. */
const SERVED_UNDER: Record<Exclude<keyof VendorAddresses, 'smartServers'>, string> = {
  partnerPortal: '/partner',
  customerPortal: '/customer',
  licensingCloud: '/cloud',
  ecostruxure: '/ecostruxure',
  emulator: '',
};

const INSTALL_CODE = '{installCode}';
/** Stands in for `{installCode}` while the URL parser reads a template, braces being no part of a host name. */
const MARKER = 'installcodemarker0';

/** The addresses as the kit uses them: the defaults with the given ones in their place, written alike. */
export function resolveAddresses(given: Partial<VendorAddresses> = {}): VendorAddresses {
  const chosen = { ...DEFAULT_ADDRESSES, ...given };
  const resolved = { ...chosen };
  for (const key of Object.keys(SERVED_UNDER) as (keyof typeof SERVED_UNDER)[]) resolved[key] = normalized(chosen[key], key);
  if (!chosen.smartServers.includes(INSTALL_CODE)) {
    throw new TypeError(`addresses.smartServers must hold ${INSTALL_CODE} where the install code goes, as in ${DEFAULT_ADDRESSES.smartServers}`);
  }
  resolved.smartServers = normalized(chosen.smartServers.replace(INSTALL_CODE, MARKER), 'smartServers').replace(MARKER, INSTALL_CODE);
  const seen = new Map<string, string>();
  for (const [key, address] of Object.entries(resolved)) {
    const other = seen.get(address);
    if (other) throw new TypeError(`addresses.${key} and addresses.${other} are both ${address}; each service needs its own`);
    seen.set(address, key);
  }
  return resolved;
}

/** The address of one SmartServer. */
export function smartServerAddress(addresses: VendorAddresses, installCode: string): string {
  return addresses.smartServers.replace(INSTALL_CODE, installCode);
}

/**
 * The emulator's path for a request to a vendor address: the part of the URL after the address,
 * put under the path where the emulator serves that service. A SmartServer's own paths (/iap/lic,
 * /iap/devs, /login) go under /smartservers/{installCode}, as the emulator serves every SmartServer.
 */
export function vendorAddressMap(addresses: VendorAddresses): AddressMap {
  const [beforeCode, afterCode] = addresses.smartServers.split(INSTALL_CODE);
  const smartServer = new RegExp(`^${escapeRegExp(beforeCode)}([0-9a-z]+)${escapeRegExp(afterCode)}(?=[/?#]|$)`);
  // The longest first, so an address with a path wins over another at the same host without one.
  const fixed = (Object.keys(SERVED_UNDER) as (keyof typeof SERVED_UNDER)[])
    .map((key) => ({ under: new RegExp(`^${escapeRegExp(addresses[key])}(?=[/?#]|$)`), length: addresses[key].length, servedUnder: SERVED_UNDER[key] }))
    .sort((a, b) => b.length - a.length);

  return (url) => {
    const href = url.href;
    const code = smartServer.exec(href);
    if (code) return `${smartServerPath(code[1])}${rest(href, code[0].length)}`;
    const address = fixed.find(({ under }) => under.test(href));
    return address && `${address.servedUnder}${rest(href, href.match(address.under)![0].length)}`;
  };
}

/** What follows the address in the URL, as a path: `/` at the least. */
function rest(href: string, from: number): string {
  const after = href.slice(from);
  return after.startsWith('/') ? after : `/${after}`;
}

/** An address as the URL parser writes it, without a trailing slash; refused, naming its key, when it is no URL. */
function normalized(address: string, key: keyof VendorAddresses): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new TypeError(`addresses.${key} must be an absolute URL such as https://example.com; got ${address}`);
  }
  if (url.search || url.hash) throw new TypeError(`addresses.${key} must have no query or fragment; got ${address}`);
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
