import type { Locator, Page } from 'playwright-core';
import { ApiProblem } from '../../http-client';

/**
 * What every page object needs: waiting until a region shows current content, reading tables and
 * term lists as records, and turning a refusal the page shows into the ApiProblem the API driver
 * would have thrown, so the same Then steps check it.
 */

/** How long a page may take to show what it was asked for before the step fails; well inside cucumber's step timeout. */
export const SHOW_TIMEOUT_MS = 10_000;

/**
 * How often a wait looks again when the page has not changed at all. The page's own changes wake a
 * wait at once; this only covers a change no DOM mutation announces (a style sheet arriving late).
 */
const UNCHANGED_RECHECK_MS = 500;

export type ShownState = 'visible' | 'hidden' | 'attached';

/**
 * Waits until `target` is in `state`, looking again each time the page changes. Playwright's own
 * `waitFor` looks again on a back-off timer (20, 50, 100, 100, then every 500 ms), so an outcome
 * that shows a quarter of a second after the click is seen up to half a second late; here the page
 * says when it changed (a MutationObserver), and the wait ends on the change that brings the state.
 */
export async function shown(target: Locator, state: ShownState = 'visible', timeoutMs = SHOW_TIMEOUT_MS): Promise<void> {
  // Most waits find their state at once: one look, no observer.
  if (await inState(target, state)) return;
  const page = target.page();
  const deadline = Date.now() + timeoutMs;
  let mark = await domChangeCount(page);
  for (;;) {
    if (await inState(target, state)) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${String(target)} was not ${state} within ${timeoutMs} ms`);
    mark = mark < 0 ? await domChangeCount(page) : await nextChange(page, mark, Math.min(left, UNCHANGED_RECHECK_MS));
  }
}

async function inState(target: Locator, state: ShownState): Promise<boolean> {
  if (state === 'attached') return (await target.count()) > 0;
  const visible = await target.isVisible();
  return state === 'visible' ? visible : !visible;
}

/** The page's count of DOM changes, with the observer that keeps it installed on first use in each document. */
async function domChangeCount(page: Page): Promise<number> {
  try {
    return await page.evaluate(() => {
      const key = Symbol.for('sslab.domChanges');
      const holder = window as unknown as Record<symbol, { count: number; waiters: Set<() => void> } | undefined>;
      let changes = holder[key];
      if (!changes) {
        const state = { count: 0, waiters: new Set<() => void>() };
        new MutationObserver(() => {
          state.count++;
          for (const wake of [...state.waiters]) wake();
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        holder[key] = changes = state;
      }
      return changes.count;
    });
  } catch (error) {
    // A navigation replaced the document while asking; the next look asks the new one.
    if (isNavigationRace(error)) return -1;
    throw error;
  }
}

/** Resolves once the page has changed since `mark`, or after `ms` without a change, with the count of changes then (-1 after a navigation). */
async function nextChange(page: Page, mark: number, ms: number): Promise<number> {
  try {
    return await page.evaluate(
      ([since, wait]) =>
        new Promise<number>((resolve) => {
          const changes = (window as unknown as Record<symbol, { count: number; waiters: Set<() => void> } | undefined>)[Symbol.for('sslab.domChanges')];
          if (!changes) return resolve(-1);
          if (changes.count !== since) return resolve(changes.count);
          const wake = () => {
            clearTimeout(timer);
            changes.waiters.delete(wake);
            resolve(changes.count);
          };
          const timer = setTimeout(wake, wait);
          changes.waiters.add(wake);
        }),
      [mark, ms] as const,
    );
  } catch (error) {
    if (isNavigationRace(error)) return -1;
    throw error;
  }
}

const isNavigationRace = (error: unknown) => error instanceof Error && /Execution context was destroyed|navigat/i.test(error.message);

/**
 * The pages mark a region aria-busy from the click that changes it until its outcome shows. A
 * region not settled yet is waited for inside the page, until nothing on it is busy (one call
 * that ends on the change that brings it), and then looked at again.
 */
export async function settled(region: Locator, timeoutMs = SHOW_TIMEOUT_MS): Promise<void> {
  const target = region.and(region.page().locator('[aria-busy="false"]'));
  if (await inState(target, 'visible')) return;
  await quiet(region.page(), timeoutMs);
  await shown(target, 'visible', timeoutMs);
}

/** Resolves once no element of the page is marked busy, or after `timeoutMs` (then the look that follows fails). */
async function quiet(page: Page, timeoutMs: number): Promise<void> {
  try {
    await page.evaluate(
      (wait) =>
        new Promise<void>((resolve) => {
          const busy = () => document.querySelector('[aria-busy="true"]') !== null;
          if (!busy()) return resolve();
          const done = () => {
            observer.disconnect();
            clearTimeout(timer);
            resolve();
          };
          const observer = new MutationObserver(() => {
            if (!busy()) done();
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });
          const timer = setTimeout(done, wait);
        }),
      timeoutMs,
    );
  } catch (error) {
    // A navigation replaced the document while waiting; the look that follows asks the new one.
    if (!isNavigationRace(error)) throw error;
  }
}

/**
 * Presses a button: it takes focus, as it would from the keyboard, and is activated, in one call
 * into the page. Playwright's click costs Chromium about a dozen round trips and two animation
 * frames (it waits for the element to hold still, scrolls it into view, hit-tests it and sends
 * three mouse events), several times what the page then does; on a 2-core machine running a
 * scenario per core that is much of the run. Only a button a user can reach is pressed so: one
 * that is disabled, hidden or behind a modal dialog cannot take focus, and neither it nor anything
 * but a button is pressed this way; those go to Playwright's click, which waits for the element
 * to become clickable and fails as before when it never does.
 */
export async function press(button: Locator): Promise<void> {
  const pressed = await button.evaluate((element) => {
    if (!(element instanceof HTMLButtonElement) || element.disabled) return false;
    element.focus();
    if (element.ownerDocument.activeElement !== element) return false;
    element.click();
    return true;
  });
  if (!pressed) await button.click();
}

/**
 * Readies a tab that shows a portal's page already for a login through its form, with no page
 * load: a session the page still holds (the scenario before's, which the reset between scenarios
 * made worthless) is ended with the page's own Log out, which shows the login form in place.
 */
export async function leaveSession(logOut: Locator, loginRegion: Locator): Promise<void> {
  if (!(await loginRegion.isVisible())) await press(logOut);
  await shown(loginRegion);
}

/**
 * The names of the dialogs the page shows, in one look. A page object asking whether each of its
 * dialogs is open would have Playwright search the whole page by role once per dialog, several
 * times per step.
 */
export async function shownDialogs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('dialog, [role="dialog"], [role="alertdialog"]')]
      .filter((dialog) => dialog.checkVisibility())
      .map((dialog) => {
        const labelledBy = dialog.getAttribute('aria-labelledby');
        const name = labelledBy
          ? labelledBy
              .split(/\s+/)
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
          : (dialog.getAttribute('aria-label') ?? '');
        return name.replace(/\s+/g, ' ').trim();
      }),
  );
}

/** Whether an accessible name matches `wanted` as Playwright's `getByRole(role, { name })` matches it: a RegExp, or words it holds in any case. */
export function nameMatches(name: string, wanted: string | RegExp): boolean {
  if (wanted instanceof RegExp) return wanted.test(name);
  return name.toLowerCase().includes(wanted.replace(/\s+/g, ' ').trim().toLowerCase());
}

const CLOSED = 'sslab.dialogClosed';

/**
 * Arms a wait for the close event of the open `dialog`; the function it answers resolves once the
 * event has fired, so whatever the page does on closing it has begun.
 */
export async function closeEventOf(dialog: Locator): Promise<() => Promise<void>> {
  await dialog.evaluate((element, key) => {
    (window as unknown as Record<symbol, Promise<void>>)[Symbol.for(key)] = new Promise<void>((resolve) =>
      element.addEventListener('close', () => resolve(), { once: true }),
    );
  }, CLOSED);
  return async () => {
    await dialog.page().evaluate((key) => (window as unknown as Record<symbol, Promise<void>>)[Symbol.for(key)], CLOSED);
  };
}

/**
 * Waits until `success` shows or `scope` shows a refusal, and throws the refusal. For actions that
 * move on to another view (a login hides its form), where no single region stays to watch.
 */
export async function successOrRefusal(success: Locator, scope: Locator): Promise<void> {
  await shown(success.or(scope.getByRole('alert')).first());
  await throwShownProblem(scope);
}

/** Throws the refusal shown in `scope`, if a visible one is there. */
export async function throwShownProblem(scope: Locator): Promise<void> {
  const shownAlerts = scope.getByRole('alert').filter({ visible: true });
  if ((await shownAlerts.count()) > 0) throw await problemOf(shownAlerts.first());
}

export async function problemOf(alert: Locator): Promise<ApiProblem> {
  const [status, code, field, successorId, text] = await Promise.all([
    alert.getAttribute('data-status'),
    alert.getAttribute('data-code'),
    alert.getAttribute('data-field'),
    alert.getAttribute('data-successor-id'),
    alert.innerText(),
  ]);
  const title = (await alert.locator('strong').first().textContent())?.trim() ?? '';
  const detail = text.trim().startsWith(title) ? text.trim().slice(title.length).trim() : text.trim();
  return new ApiProblem(Number(status) || 0, code || 'unknown', detail, field || undefined, successorId || undefined);
}

/** A refusal the screen gives without asking the API (a disabled action, a dialog that says no). */
export function screenProblem(status: number, code: string, detail: string): ApiProblem {
  return new ApiProblem(status, code, detail);
}

export type Row = Record<string, string>;

/** A table's body rows as records keyed by column header; the "nothing to show" row is left out. */
export async function readTable(table: Locator): Promise<Row[]> {
  return table.evaluate((element) => {
    const headers = [...element.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
    return [...element.querySelectorAll('tbody tr')]
      .filter((tr) => !tr.classList.contains('empty'))
      .map((tr) => Object.fromEntries([...tr.children].map((cell, i) => [headers[i], (cell as HTMLElement).innerText.trim()])));
  });
}

/** A description list (`dt`/`dd` pairs) as a record. */
export async function readTerms(list: Locator): Promise<Row> {
  return list.evaluate((element) =>
    Object.fromEntries(
      [...element.querySelectorAll('dt')].map((dt) => {
        const dd = dt.nextElementSibling as HTMLElement | null;
        return [(dt.textContent ?? '').trim(), dd ? dd.innerText.trim() : ''];
      }),
    ),
  );
}

export const numberOf = (text: string | undefined): number => Number((text ?? '').replace(/[^\d.-]/g, ''));
/** A 0-or-1 column of the partner portal's tables. */
export const flagOf = (text: string | undefined): 0 | 1 => (numberOf(text) === 1 ? 1 : 0);
export const optional = (text: string | undefined): string | undefined => (text && text !== '—' ? text : undefined);

/**
 * Loads `url` in the tab with `session` in the tab's storage under `key` before the page's scripts
 * read it, as the page's login form would have left it, so the page opens signed in. Only for this
 * load: a page that logs out and is loaded again stays logged out.
 */
export async function openSignedIn(page: Page, url: string, key: string, session: unknown): Promise<void> {
  const preset = await page.addInitScript(
    ([storageKey, value]) => {
      try {
        sessionStorage.setItem(storageKey, value);
      } catch {
        // The blank page a tab starts on has no storage of its own.
      }
    },
    [key, JSON.stringify(session)] as const,
  );
  try {
    await page.goto(url);
  } finally {
    await preset.dispose();
  }
}

/** The session token a page keeps for its tab, so the World can name the session. */
export async function storedToken(page: Page, key: string): Promise<string> {
  const stored = await page.evaluate((k) => sessionStorage.getItem(k), key);
  const token = stored ? (JSON.parse(stored) as { token?: string }).token : undefined;
  if (!token) throw new Error(`The page holds no session under ${key} after logging in.`);
  return token;
}
