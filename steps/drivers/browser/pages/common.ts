import type { Locator, Page } from 'playwright-core';
import { ApiProblem } from '../../http-client';

/**
 * What every page object needs: waiting until a region shows current content, reading tables and
 * term lists as records, and turning a refusal the page shows into the ApiProblem the API driver
 * would have thrown, so the same Then steps check it.
 */

/** The pages mark a region aria-busy from the click that changes it until its outcome shows. */
export async function settled(region: Locator): Promise<void> {
  await region.and(region.page().locator('[aria-busy="false"]')).waitFor();
}

/**
 * Waits until `success` shows or `scope` shows a refusal, and throws the refusal. For actions that
 * move on to another view (a login hides its form), where no single region stays to watch.
 */
export async function successOrRefusal(success: Locator, scope: Locator): Promise<void> {
  await success.or(scope.getByRole('alert')).first().waitFor();
  await throwShownProblem(scope);
}

/** Throws the refusal shown in `scope`, if a visible one is there. */
export async function throwShownProblem(scope: Locator): Promise<void> {
  const alerts = scope.getByRole('alert');
  for (const alert of await alerts.all()) {
    if (await alert.isVisible()) throw await problemOf(alert);
  }
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
  await table.waitFor({ state: 'attached' });
  return table.evaluate((element) => {
    const headers = [...element.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
    return [...element.querySelectorAll('tbody tr')]
      .filter((tr) => !tr.classList.contains('empty'))
      .map((tr) => Object.fromEntries([...tr.children].map((cell, i) => [headers[i], (cell as HTMLElement).innerText.trim()])));
  });
}

/** A description list (`dt`/`dd` pairs) as a record. */
export async function readTerms(list: Locator): Promise<Row> {
  await list.waitFor({ state: 'attached' });
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

/** The session token a page keeps for its tab, so the World can name the session. */
export async function storedToken(page: Page, key: string): Promise<string> {
  const stored = await page.evaluate((k) => sessionStorage.getItem(k), key);
  const token = stored ? (JSON.parse(stored) as { token?: string }).token : undefined;
  if (!token) throw new Error(`The page holds no session under ${key} after logging in.`);
  return token;
}
