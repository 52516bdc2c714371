import { After, AfterAll, Before, BeforeAll, BeforeStep, setDefaultTimeout } from '@cucumber/cucumber';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportsDir } from '../../reports/out-dir';
import { apiSurfaces } from '../drivers/api';
import { stepsExpectingRefusal } from '../lib/refusal-lookahead';
import { readSettings } from './settings';
import { CONTROL_PLANE_TAGS, startTarget, type Target } from './targets';
import { runtime, type World } from './world';

setDefaultTimeout(30_000);

let target: Target | undefined;
/** Where this run's reports go: the target's folder, or "browser" for a run through the pages. */
let runName = '';

const reportDir = (name: string) => join(reportsDir(), name);

/** What target.json says of the run: the target, and at the end how many requests it answered when it counts them. */
let summary: Record<string, unknown> = {};
const writeSummary = () => writeFileSync(join(reportDir(runName), 'target.json'), `${JSON.stringify(summary, null, 2)}\n`);

BeforeAll({ timeout: 60_000 }, async function (this: { parameters: Record<string, unknown> }) {
  const settings = readSettings(this.parameters);
  target = await startTarget(settings.target, settings.url);
  runtime.baseUrl = target.baseUrl;
  runtime.transport = target.transport;
  runtime.reference = target.reference;
  runName = settings.driver === 'browser' ? 'browser' : target.name;
  mkdirSync(reportDir(runName), { recursive: true });
  summary = {
    target: target.name,
    admin: target.admin,
    baseUrl: target.baseUrl,
    description: runName === 'browser' ? `${target.description}, driven through its web pages in headless Chromium` : target.description,
  };
  writeSummary();
});

/** Every scenario starts from the target's initial data: the emulator is reset to its seed. */
Before(async function (this: World, { pickle }) {
  this.refusalExpected = stepsExpectingRefusal(pickle.steps.map((s) => ({ id: s.id, text: s.text, type: s.type })));
  if (target?.admin) await this.controlPlane.reset();
});

BeforeStep(function (this: World, { pickleStep }) {
  this.currentStepId = pickleStep.id;
});

/** A scenario that needs the control plane cannot run where there is none; the real profile leaves it out. */
Before({ tags: Object.keys(CONTROL_PLANE_TAGS).join(' or ') }, function (this: World) {
  if (!target?.admin) throw new Error(`This scenario needs the emulator's control plane, which ${target?.description} does not offer.`);
});

/**
 * A refusal that no Then step checked means the scenario did not look at what went wrong
 * (cucumber-js keeps the same guard over the last run's error). It runs after the scenario,
 * because each scenario has its own World.
 */
After(function (this: World) {
  if (this.lastProblem && !this.refusalChecked) {
    throw new Error(`${this.attempted} was refused (${this.lastProblem.code}: ${this.lastProblem.detail}) and no step checked why.`);
  }
});

/** Which machine transitions the run made the emulator perform, for the conformance report. */
AfterAll(async () => {
  if (!target) return;
  try {
    if (target.requestsAnswered) {
      summary.requestsAnswered = target.requestsAnswered();
      writeSummary();
    }
    if (target.admin) {
      const transitions = await apiSurfaces(target.baseUrl, target.transport).controlPlane.transitions();
      writeFileSync(join(reportDir(runName), 'transitions.json'), `${JSON.stringify({ target: target.name, transitions }, null, 2)}\n`);
    }
  } finally {
    await target.stop();
  }
});
