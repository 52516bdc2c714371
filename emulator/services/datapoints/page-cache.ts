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

/** Pages kept per snapshot: a page reads a few sizes of a few pages of its snapshot. */
const KEPT_PER_SNAPSHOT = 64;

/**
 * What the database and the clock are now: the rows changed through the emulator's connection
 * since it opened (the emulator is the only writer of its database).
 */
function stampOf(ctx: CoreContext): string {
  return `${ctx.clock.now()} ${ctx.db.prepare<[], { changes: number }>('SELECT total_changes() AS changes').get()?.changes}`;
}

/**
 * The page `key` of the snapshot `xs` names (which must exist on this SmartServer, else its 404
 * is thrown) as rendered before when nothing changed since, else as `render` renders it now.
 */
export function renderedPage(ctx: CoreContext, installCode: string, xs: string, key: string, render: () => string): string {
  const { rendered } = snapshotNamed(ctx, installCode, xs);
  const stamp = stampOf(ctx);
  const kept = rendered.get(key);
  if (kept?.stamp === stamp) return kept.body;
  const body = render();
  // Rendering reads only; a stamp taken after it is the same unless it wrote, and then the page is not kept.
  if (stampOf(ctx) === stamp) {
    if (!kept && rendered.size >= KEPT_PER_SNAPSHOT) rendered.delete(rendered.keys().next().value as string);
    rendered.set(key, { stamp, body });
  }
  return body;
}
