import { type ConformanceReport, type RequirementRow, SYMBOL, tally, type TargetHeadline } from './conformance';
import { escapeHtml, inlineMarkdown } from './inline-markdown';
import { familyOf } from './requirements';
import { transitionCoverageHtml } from './transition-coverage';

/**
 * The conformance report as one HTML file that needs nothing else: no script, no network. It opens
 * with its headline (per target and per area), links every conflict and inferred rule from there
 * and from each requirement, links each scenario to its place in the cucumber report of each
 * target, draws the state machines as SVG and ends with the browser run's screenshots.
 */
export interface HtmlLinks {
  /** Each target's cucumber HTML report, relative to the conformance report, where there is one. */
  cucumberReports?: Record<string, string>;
  /** The browser run's screenshots, relative to the conformance report. */
  screenshots?: string[];
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const areaAnchor = (area: string) => `area-${slug(area)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A bar of parts, each with its class and count; read out as its label. */
function bar(parts: { className: string; count: number; label: string }[], label: string): string {
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  const spans = parts
    .filter((p) => p.count > 0)
    .map(
      (p) => `<span class="part ${p.className}" style="width:${((100 * p.count) / total).toFixed(2)}%" title="${escapeHtml(`${p.label}: ${p.count}`)}"></span>`,
    )
    .join('');
  return `<span class="bar" role="img" aria-label="${escapeHtml(label)}">${spans || '<span class="part empty" style="width:100%"></span>'}</span>`;
}

function targetRow(t: TargetHeadline): string {
  const reasons = t.leftOut ? `<a href="#left-out-${slug(t.target)}">${t.leftOut}</a>` : '0';
  return `<tr data-target="${escapeHtml(t.target)}">
<th scope="row">${escapeHtml(t.target)}</th>
<td class="num" data-count="covered">${t.covered}</td><td class="num" data-count="requirements">${t.requirements}</td>
<td class="num" data-count="scenarios">${t.scenarios}</td><td class="num" data-count="passed">${t.passed}</td><td class="num" data-count="failed">${t.failed}</td>
<td class="num" data-count="otherwise">${t.otherwise}</td><td class="num" data-count="left-out">${reasons}</td>
<td>${bar(
    [
      { className: 'passed', count: t.passed, label: 'passed' },
      { className: 'failed', count: t.failed, label: 'failed' },
      { className: 'otherwise', count: t.otherwise, label: 'neither passed nor failed' },
      { className: 'left-out', count: t.leftOut, label: 'left out' },
    ],
    `${t.target}: ${t.passed} passed, ${t.failed} failed, ${t.otherwise} otherwise, ${t.leftOut} left out`,
  )}</td></tr>`;
}

function headlineHtml(report: ConformanceReport): string {
  const h = report.headline;
  const uncovered = report.uncovered.length;
  const conflictLinks = report.conflicts.map((c) => `<a href="#${escapeHtml(c.id)}">${escapeHtml(c.id)}</a>`).join(', ');
  const inferredLinks = report.rows
    .filter((r) => r.inferred)
    .map((r) => `<a href="#req-${escapeHtml(r.id)}">${escapeHtml(r.id)}</a>`)
    .join(', ');
  const leftOut = h.targets
    .filter((t) => t.leftOut > 0)
    .map(
      (t) =>
        `<li>The <a href="#left-out-${slug(t.target)}">${escapeHtml(t.target)} target left out ${plural(t.leftOut, 'scenario')}</a>: ${t.leftOutReasons
          .map((r) => `${r.scenarios} ${escapeHtml(r.reason)}`)
          .join('; ')}.</li>`,
    )
    .join('');
  const areas = h.areas
    .map(
      (a) =>
        `<tr data-area="${escapeHtml(a.area)}"><th scope="row"><a href="#${areaAnchor(a.area)}">${escapeHtml(a.area)}</a></th><td class="num">${a.requirements}</td>${report.targets
          .map(
            (t) =>
              `<td><span class="covered-of">${a.covered[t]} of ${a.requirements}</span>${bar(
                [
                  { className: 'passed', count: a.covered[t], label: 'covered' },
                  { className: 'uncovered', count: a.requirements - a.covered[t], label: 'not covered' },
                ],
                `${a.area} on ${t}: ${a.covered[t]} of ${a.requirements} covered`,
              )}</td>`,
          )
          .join('')}<td class="num">${a.inferred}</td><td class="num">${a.conflicts}</td></tr>`,
    )
    .join('\n');
  return `<section id="headline" aria-labelledby="headline-title">
<h2 id="headline-title">Headline</h2>
<ul class="figures">
<li><a href="#requirements"><span class="figure" data-count="requirements">${h.requirements}</span> requirements</a></li>
<li><a href="#uncovered"><span class="figure${uncovered ? ' bad' : ''}" data-count="uncovered">${uncovered}</span> not covered on ${escapeHtml(report.coverageTarget ?? 'any target')}</a></li>
<li><a href="#conflicts"><span class="figure" data-count="conflicts">${h.conflicts}</span> conflicts between sources</a> <span class="links">${conflictLinks}</span></li>
<li><a href="#inferred"><span class="figure" data-count="inferred">${h.inferred}</span> inferred rules</a> <span class="links">${inferredLinks}</span></li>
</ul>
<table class="targets"><caption>Per target</caption>
<thead><tr><th scope="col">target</th><th scope="col">requirements covered</th><th scope="col">of</th><th scope="col">scenarios run</th><th scope="col">passed</th><th scope="col">failed</th><th scope="col">otherwise</th><th scope="col">left out</th><th scope="col">results</th></tr></thead>
<tbody>${h.targets.map(targetRow).join('\n')}</tbody></table>
${leftOut ? `<ul class="left-out-reasons">${leftOut}</ul>` : ''}
<table class="areas"><caption>Requirements covered per area</caption>
<thead><tr><th scope="col">area</th><th scope="col">requirements</th>${report.targets.map((t) => `<th scope="col">covered on ${escapeHtml(t)}</th>`).join('')}<th scope="col">inferred</th><th scope="col">conflicts</th></tr></thead>
<tbody>${areas}</tbody></table>
</section>`;
}

function requirementsHtml(report: ConformanceReport, links: HtmlLinks): string {
  const badge = (status: string) =>
    `<span class="s ${escapeHtml(status.replace(/\s/g, '-'))}">${escapeHtml(SYMBOL[status] ?? status)} ${escapeHtml(status)}</span>`;
  const inCucumber = (target: string, name: string, status: string) => {
    const page = links.cucumberReports?.[target];
    const text = `${escapeHtml(target)} ${badge(status)}`;
    return page && status !== 'not run' && status !== 'left out' ? `<a href="${escapeHtml(`${page}?query=${encodeURIComponent(name)}`)}">${text}</a>` : text;
  };
  const row = (r: RequirementRow) => {
    const scenarios = r.scenarios
      .map(
        (s) =>
          `<li>${escapeHtml(s.scenario.name)} <code>${escapeHtml(`${s.scenario.uri}:${s.scenario.line}`)}</code> ${report.targets.map((t) => inCucumber(t, s.scenario.name, s.results[t])).join(' ')}</li>`,
      )
      .join('');
    const notes = [
      r.inferred ? '<a href="#inferred" class="note">inferred</a>' : '',
      ...r.conflicts.map((c) => `<a href="#${escapeHtml(c)}" class="note conflict">conflict ${escapeHtml(c)}</a>`),
    ]
      .filter(Boolean)
      .join(' ');
    const state = r.covered ? '<span class="ok">covered</span>' : `<span class="gap">not covered: ${escapeHtml(r.gap ?? '')}</span>`;
    return `<tr id="req-${escapeHtml(r.id)}" class="${r.covered ? '' : 'uncovered'}"><th scope="row">${escapeHtml(r.id)}</th><td>${inlineMarkdown(r.text)} ${notes}<details><summary>${plural(r.scenarios.length, 'scenario')}</summary><ul>${scenarios}</ul></details></td>${report.targets.map((t) => `<td>${escapeHtml(tally(r, t))}</td>`).join('')}<td>${state}</td></tr>`;
  };
  const areas = [...new Set(report.rows.map((r) => r.area))]
    .map(
      (area) =>
        `<tbody id="${areaAnchor(area)}"><tr><th colspan="${report.targets.length + 3}" scope="colgroup" class="area">${escapeHtml(area)}</th></tr>\n${report.rows
          .filter((r) => r.area === area)
          .map(row)
          .join('\n')}</tbody>`,
    )
    .join('\n');
  return `<section id="requirements" aria-labelledby="requirements-title"><h2 id="requirements-title">Requirements</h2>
<table class="requirements"><thead><tr><th scope="col">ID</th><th scope="col">requirement and scenarios</th>${report.targets.map((t) => `<th scope="col">${escapeHtml(t)}</th>`).join('')}<th scope="col">coverage</th></tr></thead>
${areas}
</table></section>`;
}

function uncoveredHtml(report: ConformanceReport): string {
  const list =
    report.uncovered.length === 0
      ? '<p class="ok">Every requirement is checked by a passing scenario.</p>'
      : `<ul>${report.uncovered
          .map(
            (r) =>
              `<li class="gap"><a href="#req-${escapeHtml(r.id)}">${escapeHtml(r.id)}</a> (${escapeHtml(r.gap ?? '')})${report.elsewhere.includes(familyOf(r.id)) ? ', checked by the EcoStruxure part of the suite' : ''}: ${inlineMarkdown(r.text)}</li>`,
          )
          .join('')}</ul>`;
  const unknown = report.unknownTags.length
    ? `<h3>Unknown requirement tags</h3><ul>${report.unknownTags.map((u) => `<li class="gap">${escapeHtml(u.tag)}: ${escapeHtml(u.scenarios.join('; '))}</li>`).join('')}</ul>`
    : '';
  return `<section id="uncovered" aria-labelledby="uncovered-title"><h2 id="uncovered-title">Requirements no passing scenario checks</h2>${list}${unknown}</section>`;
}

function leftOutHtml(report: ConformanceReport): string {
  const perTarget = report.targets
    .map((target) => {
      const mine = report.leftOut.filter((l) => l.target === target);
      if (mine.length === 0) return '';
      return `<h3 id="left-out-${slug(target)}">${escapeHtml(target)}: ${plural(mine.length, 'scenario')}</h3><ul>${mine
        .map(
          (l) =>
            `<li>${escapeHtml(l.scenario.name)} <code>${escapeHtml(`${l.scenario.uri}:${l.scenario.line}`)}</code>: ${escapeHtml(l.reasons.join('; '))}</li>`,
        )
        .join('')}</ul>`;
    })
    .join('\n');
  return `<section id="left-out" aria-labelledby="left-out-title"><h2 id="left-out-title">Scenarios left out (${report.leftOut.length})</h2>${perTarget || '<p>No target left a scenario out.</p>'}</section>`;
}

function conflictsHtml(report: ConformanceReport): string {
  const concerns = (id: string) =>
    report.rows
      .filter((r) => r.conflicts.includes(id))
      .map((r) => `<a href="#req-${escapeHtml(r.id)}">${escapeHtml(r.id)}</a>`)
      .join(', ');
  const items = report.conflicts
    .map((c) => {
      const about = concerns(c.id);
      return `<li id="${escapeHtml(c.id)}"><strong>${escapeHtml(c.id)}</strong> ${inlineMarkdown(c.text)}${about ? ` <span class="concerns">Concerns ${about}.</span>` : ''}</li>`;
    })
    .join('');
  const inferred = report.rows
    .filter((r) => r.inferred)
    .map((r) => `<li><a href="#req-${escapeHtml(r.id)}">${escapeHtml(r.id)}</a> ${inlineMarkdown(r.text)}</li>`)
    .join('');
  return `<section id="conflicts" aria-labelledby="conflicts-title"><h2 id="conflicts-title">Conflicts between sources</h2><ul>${items}</ul></section>
<section id="inferred" aria-labelledby="inferred-title"><h2 id="inferred-title">Inferred rules</h2>
<p>Behaviour the vendors' documents imply without stating it; the scenarios resting on it carry <code>@inferred</code>.</p><ul>${inferred}</ul></section>`;
}

function machinesHtml(report: ConformanceReport): string {
  const machines = report.machines
    .map(
      (
        m,
      ) => `<h3>${escapeHtml(m.title)}</h3><p>${m.exercised} of ${m.edges} transitions exercised.${m.unexercised.length ? ` Not exercised: ${escapeHtml(m.unexercised.join('; '))}.` : ''}</p>
<div class="diagram">${m.svg}</div>
<details><summary>The same diagram as Mermaid text</summary><pre>${escapeHtml(m.mermaid)}</pre></details>`,
    )
    .join('\n');
  return `<section id="machines" aria-labelledby="machines-title"><h2 id="machines-title">State machines</h2>
<p>Drawn from the machine definitions when the report was written: a green state was reached during the run, a green transition was exercised (✔ and how often).</p>
${machines}</section>`;
}

function galleryHtml(screenshots: readonly string[]): string {
  if (screenshots.length === 0) return '';
  const name = (path: string) =>
    path
      .split('/')
      .pop()!
      .replace(/\.png$/, '')
      .replace(/-/g, ' ');
  return `<section id="screenshots" aria-labelledby="screenshots-title"><h2 id="screenshots-title">Screenshots of the browser run</h2>
<ul class="gallery">${screenshots
    .map(
      (path) =>
        `<li><a href="${escapeHtml(path)}"><img src="${escapeHtml(path)}" alt="${escapeHtml(name(path))}" loading="lazy" width="320"></a><span>${escapeHtml(name(path))}</span></li>`,
    )
    .join('')}</ul></section>`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1d2430;background:#fff;line-height:1.45}
header,main{max-width:84rem;margin:0 auto;padding:0 1.5rem}header{padding-top:1.5rem}
nav ul{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0}
a{color:#0b5cad}code{font-size:.85rem;color:#3d4754;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border:1px solid #c9d0d9;padding:.3rem .5rem;vertical-align:top;text-align:left}
caption{text-align:left;font-weight:700;padding:.3rem 0}thead th{background:#f3f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
th.area{background:#e8eefb;font-size:1.05rem}tr.uncovered td,tr.uncovered th{background:#fdecea}.gap{color:#a1251b;font-weight:700}.ok{color:#1e6b30}
.figures{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:.5rem 0 1rem}.figures li{border:1px solid #c9d0d9;border-radius:8px;padding:.6rem 1rem;min-width:12rem}
.figure{display:block;font-size:1.8rem;font-weight:700;color:#1d2430}.figure.bad{color:#a1251b}.links{display:block;font-size:.85rem}
.bar{display:flex;width:100%;min-width:8rem;height:.9rem;border:1px solid #8a96a6;border-radius:3px;overflow:hidden;background:#f3f5f8}
.part.passed{background:#2e7d32}.part.failed{background:#c62828}.part.otherwise{background:#f9a825}.part.left-out{background:#90a4ae}.part.uncovered{background:#ef9a9a}.part.empty{background:#f3f5f8}
.covered-of{display:block;font-size:.85rem}
.s{font-size:.8rem;padding:0 .3rem;border-radius:.3rem}.s.passed{background:#d9f2d9}.s.failed{background:#f8d0d0}.s.not-run,.s.left-out{background:#eceff1}
.note{font-size:.8rem;border:1px solid #8a96a6;border-radius:.6rem;padding:0 .4rem;text-decoration:none;white-space:nowrap}.note.conflict{border-color:#a1251b;color:#a1251b}
.concerns{color:#3d4754}
.diagram{overflow:auto;border:1px solid #c9d0d9;border-radius:6px;padding:.5rem;margin-bottom:.5rem}
.state-diagram text{font:12px system-ui,sans-serif;fill:#1d2430}.state-diagram .cluster{fill:#f7f9fc;stroke:#8a96a6}.state-diagram .cluster-label{font-weight:700}
.state-diagram .state{fill:#fff;stroke:#5b6573}.state-diagram .state.reached{fill:#d9f2d9;stroke:#2e7d32}.state-diagram .state.final{stroke-width:3}.state-diagram .state.any{fill:#eef1f5;stroke-dasharray:3 2}
.state-diagram .start{fill:#1d2430}.state-diagram .edge{fill:none;stroke:#5b6573;stroke-width:1.2}.state-diagram .edge.exercised{stroke:#2e7d32;stroke-width:2.4}
.state-diagram .arrow{fill:#5b6573}.state-diagram .arrow.exercised{fill:#2e7d32}.state-diagram .edge-label-box{fill:#fff;opacity:.9}.state-diagram .edge-label.exercised{fill:#1e6b30;font-weight:700}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:1rem;list-style:none;padding:0}.gallery img{display:block;max-width:100%;height:auto;border:1px solid #c9d0d9}
pre{background:#f7f9fc;border:1px solid #c9d0d9;padding:.5rem;overflow:auto}
`;

export function renderHtml(report: ConformanceReport, links: HtmlLinks = {}): string {
  const screenshots = links.screenshots ?? [];
  const totals = report.targets
    .map(
      (t) =>
        `<li><strong>${escapeHtml(t)}</strong>${report.targetDescriptions[t] ? `: ${escapeHtml(report.targetDescriptions[t])}` : ''}${
          links.cucumberReports?.[t] ? ` (<a href="${escapeHtml(links.cucumberReports[t])}">cucumber report</a>)` : ''
        }${(report.targetMixes[t] ?? []).length ? `<ul>${report.targetMixes[t].map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report · sslab</title>
<style>${STYLE}</style></head><body>
<header><h1>Conformance report</h1>
<p>Coverage is judged on the <strong>${escapeHtml(report.coverageTarget ?? '(none)')}</strong> run: a requirement is covered when a scenario carrying its tag passed there.</p>
<ul>${totals}</ul>
<nav aria-label="Sections"><ul><li><a href="#headline">Headline</a></li><li><a href="#uncovered">Not covered</a></li><li><a href="#requirements">Requirements</a></li><li><a href="#left-out">Left out</a></li><li><a href="#conflicts">Conflicts</a></li><li><a href="#inferred">Inferred rules</a></li><li><a href="#machines">State machines</a></li>${screenshots.length ? '<li><a href="#screenshots">Screenshots</a></li>' : ''}</ul></nav>
</header>
<main>
${headlineHtml(report)}
${uncoveredHtml(report)}
${requirementsHtml(report, links)}
${leftOutHtml(report)}
${conflictsHtml(report)}
${machinesHtml(report)}
${transitionCoverageHtml(report.transitionCoverage)}
${galleryHtml(screenshots)}
</main>
</body></html>
`;
}
