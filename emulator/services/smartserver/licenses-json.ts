import { type ManageLicensesRow, rowsExtending } from './licensing';

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

/** Each table's text, kept by its rows: a table made by adding rows to another is written as that one's text and the added rows. */
const tableTexts = new WeakMap<readonly ManageLicensesRow[], string>();

export function manageLicensesJson(rows: readonly ManageLicensesRow[]): string {
  let text = tableTexts.get(rows);
  if (text !== undefined) return text;
  const base = rowsExtending(rows);
  const baseText = base && tableTexts.get(base);
  if (base && baseText !== undefined && base.length > 0) {
    const added = rows.slice(base.length).map(rowJson);
    text = added.length === 0 ? baseText : `${baseText.slice(0, -1)},${added.join(',')}]`;
  } else {
    text = `[${rows.map(rowJson).join(',')}]`;
  }
  tableTexts.set(rows, text);
  return text;
}
