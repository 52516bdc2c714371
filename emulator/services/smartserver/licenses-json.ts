import type { ManageLicensesRow } from './licensing';

/**
 * The JSON of the Manage Licenses table, written directly: the rows are shared and never changed
 * (licensing.ts keeps one per held license), so each row's text is written once and reused, and an
 * answer after an activation costs one new row however many licenses the SmartServer holds. The
 * fields and their order are HeldLicenseSchema's (the API document's tests check every answer).
 */
const texts = new WeakMap<ManageLicensesRow, string>();

function rowJson(row: ManageLicensesRow): string {
  let text = texts.get(row);
  if (text === undefined) {
    text = JSON.stringify({
      segmentController: row.segmentController,
      licenseId: row.licenseId,
      kind: row.kind,
      description: row.description,
      status: row.status,
      activationDate: row.activationDate,
      mode: row.mode,
      note: row.note,
    });
    if (Object.isFrozen(row)) texts.set(row, text);
  }
  return text;
}

export function manageLicensesJson(rows: readonly ManageLicensesRow[]): string {
  return `[${rows.map(rowJson).join(',')}]`;
}

/** The answer to ACTIVATE, as ActivationResultSchema has it. */
export function activationResultJson(result: { activated: readonly string[]; licenses: readonly ManageLicensesRow[] }): string {
  return `{"activated":${JSON.stringify(result.activated)},"licenses":${manageLicensesJson(result.licenses)}}`;
}
