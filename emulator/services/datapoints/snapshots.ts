import type { CoreContext } from '../../kernel/context';
import { Problem } from '../../kernel/problems';
import { toHex } from '../../kernel/encoding';

/**
 * Paged reads keep a snapshot of which datapoints the first page's address found, so the later
 * pages walk the same list even while devices come and go. Snapshots live in memory, the newest
 * few hundred per emulator: a client that pages through a list does so within moments.
 */
const KEPT = 256;

interface Snapshot {
  installCode: string;
  matches: unknown[];
}

const byContext = new WeakMap<object, Map<string, Snapshot>>();

function snapshotsOf(ctx: CoreContext): Map<string, Snapshot> {
  let map = byContext.get(ctx.db);
  if (!map) byContext.set(ctx.db, (map = new Map()));
  return map;
}

export interface Page<T> {
  snapshot: string;
  matches: T[];
  remainingPages: number;
}

/** One page: of a new snapshot (taken with `take`) when `xs` is not given, else of the snapshot `xs` names. */
/** The snapshot `xs` names on a SmartServer, or the problem that says it is not (or no longer) kept. */
export function snapshotNamed(ctx: CoreContext, installCode: string, xs: string): Snapshot {
  const snapshot = snapshotsOf(ctx).get(xs);
  if (!snapshot || snapshot.installCode !== installCode) {
    throw new Problem(
      404,
      'snapshot-unknown',
      `xs: no snapshot ${xs} on SmartServer ${installCode} (snapshots are kept for the newest ${KEPT} paged reads); read pg=1 without xs to take a new one.`,
      'xs',
    );
  }
  return snapshot;
}

export function takePage<T>(ctx: CoreContext, installCode: string, query: { pg: number; sz: number; xs?: string }, take: () => T[]): Page<T> {
  const snapshots = snapshotsOf(ctx);
  let id = query.xs;
  let snapshot = id === undefined ? undefined : snapshotNamed(ctx, installCode, id);
  if (!snapshot) {
    snapshot = { installCode, matches: take() };
    id = toHex(ctx.crypto.randomBytes(8));
    snapshots.set(id, snapshot);
    if (snapshots.size > KEPT) snapshots.delete(snapshots.keys().next().value as string);
  }
  const pages = Math.ceil(snapshot.matches.length / query.sz);
  const from = (query.pg - 1) * query.sz;
  return { snapshot: id!, matches: snapshot.matches.slice(from, from + query.sz) as T[], remainingPages: Math.max(0, pages - query.pg) };
}
