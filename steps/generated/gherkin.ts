/**
 * Generated paths written out as Gherkin in the suite's own step language, so a failing path can be
 * pasted into a feature file (under any Feature:) and fails there the way it failed here.
 */
export interface GherkinStep {
  keyword: 'Given' | 'When' | 'Then';
  text: string;
  /** A data table, header row first. */
  table?: string[][];
}

export interface PrintableScenario {
  title: string;
  tags: string[];
  /** Lines of explanation printed as comments above the scenario. */
  comments: string[];
  steps: GherkinStep[];
}

function formatTable(rows: readonly string[][], indent: string): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => `${indent}| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`);
}

/** A scenario block: comments, tags, the title and the steps, a repeated keyword written as "And". */
export function printScenario(scenario: PrintableScenario, indent = '  '): string {
  const lines = [
    ...scenario.comments.map((c) => `${indent}# ${c}`),
    ...(scenario.tags.length > 0 ? [`${indent}${scenario.tags.join(' ')}`] : []),
    `${indent}Scenario: ${scenario.title}`,
  ];
  let previous: GherkinStep['keyword'] | undefined;
  for (const step of scenario.steps) {
    const keyword = step.keyword === previous ? 'And' : step.keyword;
    previous = step.keyword;
    lines.push(`${indent}  ${keyword} ${step.text}`);
    if (step.table) lines.push(...formatTable(step.table, `${indent}    `));
  }
  return `${lines.join('\n')}\n`;
}

/** A whole feature file holding the scenarios, for running them on their own. */
export function printFeature(title: string, scenarios: readonly PrintableScenario[]): string {
  return `Feature: ${title}\n\n${scenarios.map((s) => printScenario(s)).join('\n')}`;
}

/** Text for a Gherkin string argument: the suite's steps take "…" strings without escapes. */
export function quoted(text: string): string {
  if (text.includes('"')) throw new Error(`a Gherkin string cannot hold a double quote: ${text}`);
  return `"${text}"`;
}
