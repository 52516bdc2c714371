import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OWN_CHECKOUT } from '../cli/conformance-report';
import { runCucumber } from '../cli/conformance';
import type { RunPlace } from '../cli/project';
import { planRuns, workersFor } from '../cli/runs';
import { REPORTS_VARIABLE } from '../reports/out-dir';
import { readProjectConfig } from '../steps/config/project-config';
import { PRESET_NAMES } from '../steps/config/presets';
import { browserMissing } from '../steps/drivers/browser/chromium';
import { type DescendantsCpu, watchDescendantsCpu } from './descendants-cpu';
import { median, type Bench } from './types';

/**
 * The browser target as `sslab conformance --targets browser` runs it: the @ui scenarios through
 * the emulator's pages in headless Chromium, with the run's own start (cucumber, its workers, their
 * emulators and browsers) and its reports and screenshots, written to a folder of the bench's own.
 * Each figure is the median of a few runs.
 */
const ROOT = join(__dirname, '..');
const WORK = join(ROOT, 'reports', 'out', 'bench-browser');
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 3);

interface CucumberJson {
  elements?: { type: string; steps?: { result?: { status: string } }[] }[];
}

/** Scenarios the run's cucumber.json holds, and those that did not pass. */
function tally(file: string): { scenarios: number; failed: number } {
  const scenarios = (JSON.parse(readFileSync(file, 'utf8')) as CucumberJson[]).flatMap((feature) =>
    (feature.elements ?? []).filter((element) => element.type === 'scenario'),
  );
  return { scenarios: scenarios.length, failed: scenarios.filter((s) => (s.steps ?? []).some((step) => step.result?.status !== 'passed')).length };
}

export const bench: Bench = {
  name: 'Browser target: the @ui scenarios in headless Chromium',
  async run(log) {
    const missing = browserMissing();
    if (missing) throw new Error(`the browser target ${missing}`);
    const [mix] = planRuns(['browser'], readProjectConfig(ROOT, undefined, PRESET_NAMES));
    const place: RunPlace = { ...OWN_CHECKOUT, reports: WORK, cwd: ROOT, env: { [REPORTS_VARIABLE]: WORK } };
    const walls: number[] = [];
    const cpus: DescendantsCpu[] = [];
    let last = { scenarios: 0, failed: 0 };
    try {
      for (let i = 0; i < RUNS; i++) {
        rmSync(WORK, { recursive: true, force: true });
        mkdirSync(WORK, { recursive: true });
        log(`browser target, run ${i + 1} of ${RUNS}…`);
        const started = performance.now();
        const cpu = watchDescendantsCpu();
        await runCucumber(place, mix, undefined, [], undefined, ['ignore', 'ignore', 'inherit']);
        walls.push(performance.now() - started);
        const used = cpu.stop();
        if (used) cpus.push(used);
        last = tally(join(WORK, mix.name, 'cucumber.json'));
      }
    } finally {
      rmSync(WORK, { recursive: true, force: true });
    }
    const wall = median(walls) / 1000;
    const workers = workersFor(mix);
    return {
      name: 'Browser target: the @ui scenarios in headless Chromium',
      figures: [
        { name: 'browser scenarios (@ui)', value: last.scenarios, unit: 'scenarios', note: `${workers} worker${workers === 1 ? '' : 's'}, one per core` },
        { name: 'browser scenarios that did not pass', value: last.failed, unit: 'scenarios', target: { op: '<=', value: 0 } },
        {
          name: 'browser target, wall time of the whole run',
          value: Math.round(wall * 10) / 10,
          unit: 's',
          target: { op: '<=', value: 30 },
          note: `median of ${RUNS}: ${walls.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; cucumber, the workers' emulators and Chromium start, the scenarios, the reports`,
        },
        {
          name: 'browser target, wall time per scenario',
          value: Math.round((wall / Math.max(1, last.scenarios)) * 1000) / 1000,
          unit: 's',
          target: { op: '<=', value: 0.5 },
        },
        ...cpuFigure(cpus, last.scenarios),
      ],
    };
  },
};

/** The CPU time of the run's processes per scenario (the median run), with Chromium's share; none where /proc cannot be read. */
function cpuFigure(cpus: DescendantsCpu[], scenarios: number) {
  if (cpus.length === 0) return [];
  const seconds = median(cpus.map((cpu) => cpu.seconds));
  const chromium = median(cpus.map((cpu) => cpu.chromiumSeconds));
  return [
    {
      name: 'browser target, CPU time per scenario',
      value: Math.round((seconds / Math.max(1, scenarios)) * 1000) / 1000,
      unit: 's',
      note: `every process of the run: ${seconds.toFixed(1)} CPU-s, ${Math.round((chromium / Math.max(seconds, 1e-9)) * 100)}% of it Chromium's`,
    },
  ];
}
