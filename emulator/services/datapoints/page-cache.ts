import type { CoreContext } from '../../kernel/context';
import { snapshotNamed } from './snapshots';

/**
 * A page read through a snapshot is answered again and again while a custom page refreshes, and
 * it shows the same bytes until the virtual clock moves or the database changes (a write, a tag,
 * a licensing change of that SmartServer, a reset, a snapshot loaded). So the answer is kept as
 * rendered text with the clock and the database's change count it was rendered at, and is
 * rendered again as soon as either differs. A change anywhere renders it again: rarer than a
 * read, and it cannot miss a change made by any path.
 */

/** The four parts of the address a page was read by. */
export interface PageAddress {
  device: string;
  block: string;
  index: string;
  datapoint: string;
}

/** A page as last answered: what it was read by, when, and its text. */
interface RenderedPage extends PageAddress {
  clock: string;
  changes: number;
  body: string;
}

/** Pages kept per snapshot: a page reads a few sizes of a few pages of its snapshot. */
const KEPT_PER_SNAPSHOT = 64;

/** The pages of each snapshot, by page and size; they go when the snapshot goes. */
const bySnapshot = new WeakMap<object, Map<number, RenderedPage>>();

/** Rows changed through the emulator's connection since it opened (the emulator is its database's only writer). */
function changeCount(ctx: CoreContext): number {
  return ctx.db.prepare<[], { changes: number }>('SELECT total_changes() AS changes').get()?.changes ?? 0;
}

const sameAddress = (a: PageAddress, b: PageAddress) => a.device === b.device && a.block === b.block && a.index === b.index && a.datapoint === b.datapoint;

/**
 * Page `pg` of size `sz` of the snapshot `xs` names (which must exist on this SmartServer, else
 * its 404 is thrown), read by `address`: as rendered before when nothing changed since, else as
 * `render` renders it now. Page and size make a number, so a read that hits builds no string.
 */
export function renderedPage(ctx: CoreContext, installCode: string, xs: string, pg: number, sz: number, address: PageAddress, render: () => string): string {
  const snapshot = snapshotNamed(ctx, installCode, xs);
  let rendered = bySnapshot.get(snapshot);
  if (!rendered) bySnapshot.set(snapshot, (rendered = new Map()));
  const key = pg * 10_000 + sz;
  const clock = ctx.clock.now();
  const changes = changeCount(ctx);
  const kept = rendered.get(key);
  if (kept && kept.clock === clock && kept.changes === changes && sameAddress(kept, address)) return kept.body;
  const body = render();
  // Rendering only reads; had it written, the count moved and the page is not kept.
  if (changeCount(ctx) === changes) {
    if (!kept && rendered.size >= KEPT_PER_SNAPSHOT) rendered.delete(rendered.keys().next().value as number);
    rendered.set(key, { device: address.device, block: address.block, index: address.index, datapoint: address.datapoint, clock, changes, body });
  }
  return body;
}
