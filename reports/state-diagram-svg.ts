import { Graph, layout } from '@dagrejs/dagre';
import { escapeHtml } from './inline-markdown';
import type { MachineGraph, MachineEdge } from './machines';

/**
 * A machine's state diagram as an SVG drawn when the report is written (laid out with dagre), so
 * the report shows its diagrams with no network and no script. States the run reached are filled
 * green; transitions it exercised are drawn green and bold with their count. A compound state is a
 * box around its children: a transition into it goes to its initial child, and one leaving it (or
 * going between its own children) starts from an "(any)" node inside it, as in the Mermaid text.
 */
export interface DiagramMarks {
  /** Exercised edges by index into graph.edges, with how often. */
  exercised: ReadonlyMap<number, number>;
  /** States the run was in. */
  reached: ReadonlySet<string>;
}

const FONT = 12;
const CHAR = 7;
const START = '__start';
const anyOf = (state: string) => `${state}__any`;
const round = (n: number) => Math.round(n * 10) / 10;
/** Room for an edge label in bold, with a margin. */
const labelWidth = (label: string) => label.length * (CHAR + 0.6) + 12;

interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
  label?: string;
}

export function stateDiagramSvg(graph: MachineGraph, marks: DiagramMarks, idPrefix: string): string {
  const compound = new Set(graph.states.filter((s) => s.type === 'compound' || s.type === 'parallel').map((s) => s.path));
  const initialOf = new Map(graph.states.map((s) => [s.path, s.initial]));
  // A transition into a compound state lands in its initial child, all the way down.
  const entry = (path: string): string => {
    let at = path;
    while (compound.has(at) && initialOf.get(at)) at = initialOf.get(at)!;
    return at;
  };

  const g = new Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 56, edgesep: 24, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const leaf = (id: string, label: string, parent?: string) => {
    g.setNode(id, { label, width: Math.max(56, label.length * CHAR + 22), height: 30 });
    if (parent) g.setParent(id, parent);
  };
  for (const state of graph.states) {
    const label = state.path.split('.').pop()!;
    if (compound.has(state.path)) g.setNode(state.path, { label, clusterLabelPos: 'top' });
    else leaf(state.path, label);
    if (state.parent) g.setParent(state.path, state.parent);
  }
  const needsAny = new Set(graph.edges.filter((e) => compound.has(e.source)).map((e) => e.source));
  for (const state of needsAny) leaf(anyOf(state), '(any)', state);
  if (graph.initial) {
    g.setNode(START, { label: '', width: 14, height: 14 });
    g.setEdge(START, entry(graph.initial), { label: '', width: 0, height: 0 }, 'start');
  }
  const labelOf = (edge: MachineEdge, count: number | undefined) => `${edge.event}${edge.guard ? ` [${edge.guard}]` : ''}${count ? ` ✔ ${count}` : ''}`;
  graph.edges.forEach((edge, i) => {
    const from = compound.has(edge.source) ? anyOf(edge.source) : edge.source;
    const to = entry(edge.target);
    const label = labelOf(edge, marks.exercised.get(i));
    g.setEdge(from, to, { label, width: labelWidth(label), height: FONT + 6, labelpos: 'c' }, `e${i}`);
  });
  layout(g);

  const size = g.graph() as { width?: number; height?: number };
  const width = Math.ceil(size.width ?? 0);
  const height = Math.ceil(size.height ?? 0);
  const parts: string[] = [];
  // Compound states first, outermost first, so their children draw over them.
  const depth = (path: string) => path.split('.').length;
  for (const state of [...compound].sort((a, b) => depth(a) - depth(b))) {
    const box = g.node(state) as unknown as NodeBox;
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    parts.push(
      `<rect class="cluster" x="${round(x)}" y="${round(y)}" width="${round(box.width)}" height="${round(box.height)}" rx="8"/>`,
      `<text class="cluster-label" x="${round(x + 8)}" y="${round(y + FONT + 4)}">${escapeHtml(state.split('.').pop()!)}</text>`,
    );
  }
  graph.edges.forEach((edge, i) => {
    const from = compound.has(edge.source) ? anyOf(edge.source) : edge.source;
    const laid = g.edge({ v: from, w: entry(edge.target), name: `e${i}` }) as unknown as {
      points: { x: number; y: number }[];
      x: number;
      y: number;
      label: string;
    };
    if (!laid) return;
    const exercised = marks.exercised.has(i);
    const d = laid.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
    parts.push(`<path class="edge${exercised ? ' exercised' : ''}" d="${d}" marker-end="url(#${idPrefix}-arrow${exercised ? '-exercised' : ''})"/>`);
    parts.push(
      `<rect class="edge-label-box" x="${round(laid.x - labelWidth(laid.label) / 2)}" y="${round(laid.y - (FONT + 6) / 2)}" width="${round(labelWidth(laid.label))}" height="${FONT + 6}" rx="3"/>`,
      `<text class="edge-label${exercised ? ' exercised' : ''}" x="${round(laid.x)}" y="${round(laid.y + FONT / 2 - 2)}" text-anchor="middle">${escapeHtml(laid.label)}</text>`,
    );
  });
  if (graph.initial) {
    const start = g.node(START) as unknown as NodeBox;
    const laid = g.edge({ v: START, w: entry(graph.initial), name: 'start' }) as unknown as { points: { x: number; y: number }[] };
    parts.push(`<circle class="start" cx="${round(start.x)}" cy="${round(start.y)}" r="7"/>`);
    parts.push(
      `<path class="edge" d="${laid.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ')}" marker-end="url(#${idPrefix}-arrow)"/>`,
    );
  }
  const finals = new Set(graph.states.filter((s) => s.type === 'final').map((s) => s.path));
  for (const id of g.nodes()) {
    if (id === START || compound.has(id)) continue;
    const box = g.node(id) as unknown as NodeBox;
    const state = id.endsWith('__any') ? undefined : id;
    const classes = ['state', state && marks.reached.has(state) ? 'reached' : '', state && finals.has(state) ? 'final' : '', state ? '' : 'any']
      .filter(Boolean)
      .join(' ');
    parts.push(
      `<rect class="${classes}" x="${round(box.x - box.width / 2)}" y="${round(box.y - box.height / 2)}" width="${round(box.width)}" height="${round(box.height)}" rx="${state ? 14 : 4}"/>`,
      `<text class="state-label" x="${round(box.x)}" y="${round(box.y + FONT / 2 - 2)}" text-anchor="middle">${escapeHtml(box.label ?? '')}</text>`,
    );
  }
  const exercisedCount = marks.exercised.size;
  const arrow = (suffix: string, cls: string) =>
    `<marker id="${idPrefix}-arrow${suffix}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path class="${cls}" d="M0 0 L10 5 L0 10 z"/></marker>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="state-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc">`,
    `<title id="${idPrefix}-title">State diagram of ${escapeHtml(graph.title)}</title>`,
    `<desc id="${idPrefix}-desc">${graph.states.length} states and ${graph.edges.length} transitions; the run exercised ${exercisedCount} of them and reached ${[...marks.reached].filter((s) => graph.states.some((st) => st.path === s)).length} states.</desc>`,
    `<defs>${arrow('', 'arrow')}${arrow('-exercised', 'arrow exercised')}</defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
