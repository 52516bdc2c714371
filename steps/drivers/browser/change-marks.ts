import type { Page } from 'playwright-core';

/** Asks the emulator for its change mark; undefined where the target offers none. */
export type MarkSource = () => Promise<string | undefined>;

/** The emulator's GET /_emulator/changes; a target without it (the real one, `--no-admin`) is asked once. */
export function emulatorMarks(baseUrl: string): MarkSource {
  let offered = true;
  return async () => {
    if (!offered) return undefined;
    const answer = await fetch(`${baseUrl}/_emulator/changes`).catch(() => undefined);
    if (!answer?.ok) {
      offered = false;
      return undefined;
    }
    return ((await answer.json()) as { mark: string }).mark;
  };
}

/**
 * What lets a tab's dashboard be read again without pressing Refresh: the target's change mark at
 * the moment the tab last read it. While the mark stays the same nothing the page shows has
 * changed, so the page as it stands is current. Without a mark the driver always refreshes.
 */
export class ChangeMarks {
  private readonly readAt = new WeakMap<Page, string>();

  constructor(private readonly source: MarkSource) {}

  /** The mark now, taken before the page reads, so a change during the read moves it. */
  now(): Promise<string | undefined> {
    return this.source();
  }

  /** Whether the page, last read at a mark equal to `now`, shows what is current. */
  unchanged(page: Page, now: string | undefined): boolean {
    return now !== undefined && this.readAt.get(page) === now;
  }

  /** The page read its data at `mark`, and shows it with nothing else on it. */
  read(page: Page, mark: string | undefined): void {
    if (mark === undefined) this.readAt.delete(page);
    else this.readAt.set(page, mark);
  }

  /** Something other than a read happened on the page (an action, a dialog): its next read refreshes. */
  forget(page: Page): void {
    this.readAt.delete(page);
  }
}
