import type { CoreContext } from '../../kernel/context';
import type { Db } from '../../kernel/sql';
import type { ProvisionState } from '../../kernel/vocabulary';
import { devicesJson } from './device-json';
import { devicesOfCells, hasHandMadeDevices, readCells } from './devices';
import { getSmartServer } from './records';

/**
 * The `/iap/devs` answer as JSON text. A list of generated devices is a function of the install
 * code, the device cells and the filter alone, so its text is kept and answered again while the
 * cells read the same; a list with hand-made devices (whose names are rows of their own) is always
 * written afresh. The SmartServer is looked up only when it has no devices: a row of cells exists
 * only for a SmartServer that does.
 */
const KEPT_LISTS = 512;

interface KeptList {
  cells: Uint8Array;
  json: string;
}

const kept = new WeakMap<Db, Map<string, KeptList>>();

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function deviceListJson(ctx: CoreContext, installCode: string, filter?: readonly ProvisionState[]): string {
  const cells = readCells(ctx, installCode);
  if (cells.length === 0) {
    getSmartServer(ctx, installCode);
    return '[]';
  }
  if (hasHandMadeDevices(cells)) return devicesJson(devicesOfCells(ctx, installCode, cells, filter));
  let lists = kept.get(ctx.db);
  if (!lists) kept.set(ctx.db, (lists = new Map()));
  const key = filter ? `${installCode}|${filter.join(',')}` : installCode;
  const known = lists.get(key);
  if (known && sameBytes(known.cells, cells)) return known.json;
  const json = devicesJson(devicesOfCells(ctx, installCode, cells, filter));
  // Bounded: the oldest kept list goes first once the limit is reached (a fleet has thousands of SmartServers).
  if (!known && lists.size >= KEPT_LISTS) lists.delete(lists.keys().next().value!);
  lists.set(key, { cells: Uint8Array.from(cells), json });
  return json;
}
