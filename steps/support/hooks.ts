import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDir } from '../../reports/out-dir';
import { apiSurfaces } from '../drivers/api';
import { stepsExpectingRefusal } from '../lib/refusal-lookahead';
import parseTagExpression from '@cucumber/tag-expressions';
import { PickleStepType } from '@cucumber/messages';
import { describeLocation, driverWord } from '../config/mix';
import { DRIVEN_SURFACES, SYSTEMS, type SystemName } from '../config/systems';
import { CombinedControlPlanes } from '../drivers/api/control-planes';
import type { ControlPlane } from '../drivers/surfaces';
import { readRunMix } from './settings';
import { leaveTabs } from './browser-hooks';
import { startMix, type RunningMix } from './start-mix';
import { runtime, type World } from './world';

setDefaultTimeout(30_000);

let running: RunningMix | undefined;
/** Where this run's reports go: the folder named after its target. */
let runName = '';

const reportDir = (name: string) => join(reportsDir(), name);

/**
 * A report file of this process: `target.json` in a run of one process; in a parallel run each
 * worker starts its own systems and writes `target.worker-<id>.json`, which `sslab conformance`
 * joins into one file when the run ends (cli/worker-reports.ts).
 */
const ownFile = (file: string) => {
  const worker = process.env.CUCUMBER_WORKER_ID;
  return worker === undefined ? file : file.replace(/\.json$/, `.worker-${worker}.json`);
};

/** What target.json says of the run: the target, how long its systems took to start, and at the end how many requests it answered and how long answering and resetting took, when it counts them. */
let summary: Record<string, unknown> = {};
/** Milliseconds this process spent putting in-process emulators back to their seed before each scenario, added up. */
let resettingMs = 0;
/** The transitions the target had made before the first scenario (seeding it): a merge of shards counts them once. */
let transitionsAtStart: unknown[] = [];
const writeSummary = () => writeFileSync(join(reportDir(runName), ownFile('target.json')), `${JSON.stringify(summary, null, 2)}\n`);

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Record<string, unknown> }) {
  const mix = readRunMix(this.parameters);
  const starting = performance.now();
  running = await startMix(mix);
  const startMs = performance.now() - starting;
  runtime.running = running;
  runtime.reference = running.reference;
  runName = mix.name;
  mkdirSync(reportDir(runName), { recursive: true });
  if (running.controlPlanes.length > 0) transitionsAtStart = await controlPlanesOf(running).transitions();
  summary = {
    target: mix.name,
    admin: running.placesToReset(SYSTEMS).length > 0,
    baseUrl: running.systems.vendor.baseUrl,
    description: mix.description,
    systems: Object.fromEntries(SYSTEMS.map((system) => [system, describeLocation(mix.systems[system])])),
    surfaces: Object.fromEntries(DRIVEN_SURFACES.map((surface) => [surface, driverWord(mix.surfaces[surface])])),
    leftOut: mix.leftOut,
    startMs: Math.round(startMs),
  };
  writeSummary();
});

/**
 * Every scenario starts from the target's initial data: the emulator is reset to its seed (called
 * directly when it runs in this process, through its control plane otherwise). A
 * scenario that needs a control plane the mix lacks cannot run; `sslab conformance` leaves it out,
 * a direct cucumber run fails it here. One hook for both: each hook is a step of its own in every
 * report, for every scenario.
 */
Before(async function (this: World, { pickle }) {
  const tags = pickle.tags.map((tag) => tag.name);
  const missing = running?.mix.leftOut.find(({ expression }) => parseTagExpression(expression).evaluate(tags));
  if (missing) throw new Error(`This scenario cannot run on this target: ${missing.reason}.`);
  this.refusalExpected = stepsExpectingRefusal(pickle.steps.map((s) => ({ id: s.id, text: s.text, type: s.type })));
  const about: SystemName[] = tags.includes('@area:ecostruxure') ? ['ecostruxure'] : ['vendor', 'smartservers'];
  for (const place of running?.placesToReset(about) ?? []) {
    if (place.resetInProcess) {
      const resetting = performance.now();
      place.resetInProcess();
      resettingMs += performance.now() - resetting;
    } else await apiSurfaces(place.baseUrl, place.transport).controlPlane.reset();
  }
});

BeforeStep(function (this: World, { pickleStep }) {
  this.currentStepId = pickleStep.id;
  this.settingUp = pickleStep.type === PickleStepType.CONTEXT;
});

/**
 * The connections a scenario's drivers opened (IAP/MQ) close with it. Then a refusal that no Then
 * step checked means the scenario did not look at what went wrong (cucumber-js keeps the same
 * guard over the last run's error). It runs after the scenario, because each scenario has its own
 * World. Last, the tabs a browser run opened go back, with a screenshot when the scenario failed.
 */
After(async function (this: World, { result }) {
  let failure: unknown;
  try {
    if (this.driversBuilt) await this.iapMq.close();
    if (this.lastProblem && !this.refusalChecked) {
      throw new Error(`${this.attempted} was refused (${this.lastProblem.code}: ${this.lastProblem.detail}) and no step checked why.`);
    }
  } catch (error) {
    failure = error;
  }
  await leaveTabs(this, result?.status === Status.FAILED || failure !== undefined);
  if (failure !== undefined) throw failure;
});

/**
 * Every control plane of a running mix as one, for reading the coverage of all its places; an
 * emulator in this process tells its transitions by a call, as it is reset by one.
 */
function controlPlanesOf(mix: RunningMix): CombinedControlPlanes {
  const planes = mix.controlPlanes.map((endpoint) => {
    const plane = apiSurfaces(endpoint.baseUrl, endpoint.transport).controlPlane;
    const read = endpoint.transitionsInProcess;
    return read ? Object.assign(Object.create(plane) as ControlPlane, { transitions: async () => read() }) : plane;
  });
  return new CombinedControlPlanes(planes[0], planes);
}

/** Which machine transitions the run made the emulator perform, for the conformance report. */
AfterAll(async () => {
  if (!running) return;
  try {
    // Where an in-process run's time went, for the suite's benchmark: its requests, and its resets.
    if (running.requestsAnswered) {
      summary.requestsAnswered = running.requestsAnswered();
      if (running.timeAnswering) summary.answeringMs = Math.round(running.timeAnswering());
      summary.resetMs = Math.round(resettingMs);
      writeSummary();
    }
    if (running.controlPlanes.length > 0) {
      const transitions = await controlPlanesOf(running).transitions();
      writeFileSync(
        join(reportDir(runName), ownFile('transitions.json')),
        `${JSON.stringify({ target: runName, transitions, atStart: transitionsAtStart }, null, 2)}\n`,
      );
    }
  } finally {
    await running.stop();
  }
});
