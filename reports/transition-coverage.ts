import { exercisedEdges, machineGraph, type MachineLike, type RecordedTransition } from './machines';

/**
 * Which transitions of each machine the hand-written suite exercised and which only the paths
 * generated from the machines did. Both sides are recorded in the same shape (the emulator's
 * coverage log: machine, from, event, to, count): transitions.json for the suite and
 * generated-transitions.json for `sslab paths`, under reports/out/<target>/.
 */
export interface TransitionRow {
  transition: string;
  handWritten: number;
  generated: number;
}

export interface TransitionComparison {
  title: string;
  edges: number;
  rows: TransitionRow[];
  /** Transitions only the generated paths exercised. */
  generatedOnly: string[];
  /** Transitions neither exercised. */
  neither: string[];
}

export function compareTransitionCoverage(
  title: string,
  machine: MachineLike,
  handWritten: readonly RecordedTransition[],
  generated: readonly RecordedTransition[],
): TransitionComparison {
  const graph = machineGraph(machine, title);
  const byHand = exercisedEdges(graph, handWritten);
  const byPaths = exercisedEdges(graph, generated);
  const rows = graph.edges.map((e, i) => ({
    transition: `${e.source} --${e.event}--> ${e.target}`,
    handWritten: byHand.get(i) ?? 0,
    generated: byPaths.get(i) ?? 0,
  }));
  return {
    title,
    edges: rows.length,
    rows,
    generatedOnly: rows.filter((r) => r.generated > 0 && r.handWritten === 0).map((r) => r.transition),
    neither: rows.filter((r) => r.generated === 0 && r.handWritten === 0).map((r) => r.transition),
  };
}

/** The comparisons of the machines the generated paths ran for (the others have nothing to compare). */
export function transitionCoverage(
  machines: readonly { title: string; machine: MachineLike }[],
  handWritten: readonly RecordedTransition[],
  generated: readonly RecordedTransition[],
): TransitionComparison[] {
  const ran = new Set(generated.map((t) => t.machine));
  return machines.filter((m) => ran.has(m.machine.id)).map((m) => compareTransitionCoverage(m.title, m.machine, handWritten, generated));
}

const count = (c: TransitionComparison, side: 'handWritten' | 'generated') => c.rows.filter((r) => r[side] > 0).length;

export function transitionCoverageMarkdown(comparisons: readonly TransitionComparison[], brief = false): string[] {
  if (comparisons.length === 0) return [];
  const out = [
    '## Transitions: hand-written scenarios and generated paths',
    '',
    'Generated paths come from `sslab paths` (reports/out/<target>/generated-transitions.json).',
    '',
  ];
  for (const c of comparisons) {
    out.push(
      `- **${c.title}**: hand-written ${count(c, 'handWritten')} of ${c.edges}, generated ${count(c, 'generated')} of ${c.edges}; ` +
        `only generated: ${c.generatedOnly.length ? c.generatedOnly.join('; ') : 'none'}${c.neither.length ? `; neither: ${c.neither.join('; ')}` : ''}`,
    );
    if (!brief) {
      out.push('', '  | transition | hand-written | generated |', '  |---|---|---|');
      for (const r of c.rows) out.push(`  | \`${r.transition}\` | ${r.handWritten || '·'} | ${r.generated || '·'} |`);
      out.push('');
    }
  }
  return [...out, ''];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function transitionCoverageHtml(comparisons: readonly TransitionComparison[]): string {
  if (comparisons.length === 0) return '';
  const tables = comparisons
    .map((c) => {
      const rows = c.rows
        .map((r) => {
          const only = r.generated > 0 && r.handWritten === 0;
          return `<tr${only ? ' class="uncovered"' : ''}><td><code>${escapeHtml(r.transition)}</code></td><td>${r.handWritten || '·'}</td><td>${r.generated || '·'}</td><td>${only ? 'generated only' : r.generated === 0 && r.handWritten === 0 ? 'neither' : ''}</td></tr>`;
        })
        .join('');
      return (
        `<h3>${escapeHtml(c.title)}</h3><p>Hand-written ${count(c, 'handWritten')} of ${c.edges}, generated ${count(c, 'generated')} of ${c.edges}.</p>` +
        `<table><tr><th>transition</th><th>hand-written</th><th>generated</th><th>remark</th></tr>${rows}</table>`
      );
    })
    .join('\n');
  return `<h2>Transitions: hand-written scenarios and generated paths</h2>\n<p>Generated paths come from <code>sslab paths</code>; a highlighted row was exercised only by them.</p>\n${tables}`;
}
