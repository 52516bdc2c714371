import type { StepText } from '../reports/scenarios';
import type { Glossary, GlossaryEntry, GlossaryParameter } from './step-glossary';

/** The step glossary as text for a terminal, as Markdown (reports/out/steps.md) and as an HTML page. */
export type GlossaryFormat = 'text' | 'markdown' | 'html';

const MAX_SET_UP = 4;

export function renderGlossary(glossary: Glossary, format: GlossaryFormat = 'markdown'): string {
  if (format === 'html') return renderHtml(glossary);
  return format === 'text' ? renderText(glossary) : renderMarkdown(glossary);
}

const files = (entries: readonly GlossaryEntry[]) => [...new Set(entries.map((e) => e.file))];
const unusedOf = (entries: readonly GlossaryEntry[]) => entries.filter((e) => e.examples.length === 0);
const where = (t: StepText) => `${t.uri}:${t.line}`;
const summary = (glossary: Glossary) =>
  `${glossary.entries.length} step patterns, read from the step definitions; parameter values from the parameter types; examples, tables and set-up from the features.`;

/** The set-up steps before the first example, the nearest last; the scenario's own Givens say what the step needs. */
function setUpOf(entry: GlossaryEntry): string[] {
  return (entry.example?.setUp ?? []).slice(-MAX_SET_UP);
}

function valuesLine(p: GlossaryParameter, code: (s: string) => string): string {
  if (p.values) return `; one of ${p.values.map(code).join(', ')}`;
  return p.pattern ? `; matching ${code(p.pattern)}` : '';
}

function renderMarkdown(glossary: Glossary): string {
  const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
  const out = ['# Step glossary', '', summary(glossary), '', '## House rules', ''];
  for (const rule of glossary.rules) out.push(`- ${rule}`);
  out.push('');
  for (const file of files(glossary.entries)) {
    out.push(`## ${file}`, '');
    for (const e of glossary.entries.filter((x) => x.file === file)) {
      out.push(`- **${e.keyword}** ${code(e.pattern)}`);
      for (const p of e.parameters) {
        out.push(`  - ${code(p.name)}${p.means ? `: ${p.means}` : ''}${valuesLine(p, code)}`);
        if (p.used.length > 0 && !p.values) out.push(`    - used in the suite: ${p.used.map(code).join(', ')}`);
        if (p.needs) out.push(`    - needs: ${p.needs}`);
      }
      if (e.table) {
        out.push(`  - data table, columns ${e.table.columns.map(code).join(', ')}:`, '');
        for (const row of e.table.example) out.push(`        | ${row.join(' | ')} |`);
        out.push('');
      }
      if (e.setUpOf) out.push(`  - the set-up form of ${code(e.setUpOf)}; its examples, in the perfect:`);
      for (const example of e.examples) out.push(`  - e.g. ${e.keyword} ${example.text} (${where(example)})`);
      if (e.examples.length === 0) out.push('  - not used by any feature');
      const setUp = setUpOf(e);
      if (setUp.length > 0) out.push(`  - set up first, as in "${e.example?.scenario}": ${setUp.map(code).join('; ')}`);
    }
    out.push('');
  }
  const unused = unusedOf(glossary.entries);
  if (unused.length > 0) out.push(`${unused.length} step pattern(s) no feature uses: ${unused.map((e) => `${e.file}:${e.line}`).join(', ')}`, '');
  return out.join('\n');
}

function renderText(glossary: Glossary): string {
  const out = ['STEP GLOSSARY', '', summary(glossary), '', 'HOUSE RULES', ''];
  for (const rule of glossary.rules) out.push(`  * ${rule}`);
  out.push('');
  for (const file of files(glossary.entries)) {
    out.push(file, '-'.repeat(file.length), '');
    for (const e of glossary.entries.filter((x) => x.file === file)) {
      out.push(`${e.keyword} ${e.pattern}`);
      for (const p of e.parameters) {
        out.push(`    ${p.name}${p.means ? `: ${p.means}` : ''}`);
        if (p.values) out.push(`      one of: ${p.values.join(' | ')}`);
        else if (p.pattern) out.push(`      matching ${p.pattern}`);
        if (p.used.length > 0 && !p.values) out.push(`      used in the suite: ${p.used.join(', ')}`);
        if (p.needs) out.push(`      needs: ${p.needs}`);
      }
      if (e.table) {
        out.push(`    data table, columns ${e.table.columns.join(', ')}:`);
        for (const row of e.table.example) out.push(`      | ${row.join(' | ')} |`);
      }
      if (e.setUpOf) out.push(`    the set-up form of: ${e.setUpOf}; its examples, in the perfect:`);
      for (const example of e.examples) out.push(`    e.g. ${e.keyword} ${example.text}   (${where(example)})`);
      if (e.examples.length === 0) out.push('    not used by any feature');
      const setUp = setUpOf(e);
      if (setUp.length > 0) out.push(`    set up first, as in "${e.example?.scenario}":`, ...setUp.map((s) => `      Given ${s}`));
      out.push('');
    }
  }
  const unused = unusedOf(glossary.entries);
  if (unused.length > 0) out.push(`${unused.length} step pattern(s) no feature uses: ${unused.map((e) => `${e.file}:${e.line}`).join(', ')}`, '');
  return out.join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function renderHtml(glossary: Glossary): string {
  const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
  const entry = (e: GlossaryEntry) => {
    const parameters = e.parameters
      .map(
        (p) =>
          `<li>${code(p.name)}${p.means ? ` ${escapeHtml(p.means)}` : ''}${valuesLine(p, code)}${
            p.used.length > 0 && !p.values ? `<br>used in the suite: ${p.used.map(code).join(', ')}` : ''
          }${p.needs ? `<br>needs: ${escapeHtml(p.needs)}` : ''}</li>`,
      )
      .join('');
    const table = e.table
      ? `<table><caption>data table, columns ${e.table.columns.map(escapeHtml).join(', ')}</caption>${e.table.example
          .map((row, i) => `<tr>${row.map((cell) => (i === 0 ? `<th>${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
          .join('')}</table>`
      : '';
    const examples =
      e.examples.length > 0
        ? e.examples.map((x) => `<li>e.g. ${code(`${e.keyword} ${x.text}`)} <small>${escapeHtml(where(x))}</small></li>`).join('')
        : '<li>not used by any feature</li>';
    const action = e.setUpOf ? `<li>the set-up form of ${code(e.setUpOf)}; its examples, in the perfect:</li>` : '';
    const setUp = setUpOf(e);
    const setUpHtml =
      setUp.length > 0 ? `<li>set up first, as in “${escapeHtml(e.example?.scenario ?? '')}”: ${setUp.map((s) => code(`Given ${s}`)).join('; ')}</li>` : '';
    return `<dt id="${escapeHtml(`${e.file}:${e.line}`)}"><b>${escapeHtml(e.keyword)}</b> ${code(e.pattern)}</dt><dd><ul>${parameters}${action}${examples}${setUpHtml}</ul>${table}</dd>`;
  };
  const sections = files(glossary.entries)
    .map(
      (file) =>
        `<h2>${escapeHtml(file)}</h2><dl>${glossary.entries
          .filter((x) => x.file === file)
          .map(entry)
          .join('')}</dl>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Step glossary</title>
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem}dt{margin-top:1rem}code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #ccc;padding:.1rem .4rem}</style>
</head><body>
<h1>Step glossary</h1><p>${escapeHtml(summary(glossary))}</p>
<h2>House rules</h2><ul>${glossary.rules.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>
${sections}
</body></html>
`;
}
