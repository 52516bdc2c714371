import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Scenarios as the conformance report sees them: every scenario (each row of an outline counts
 * once) with its tags, from the feature files; and the results of one run, from cucumber's JSON.
 * A scenario is known by its feature file and line, which is the same in both.
 */
export interface ScenarioInfo {
  key: string;
  uri: string;
  line: number;
  name: string;
  tags: string[];
}

export type ScenarioStatus = 'passed' | 'failed' | 'undefined' | 'pending' | 'skipped' | 'ambiguous';

export interface ScenarioResult extends ScenarioInfo {
  status: ScenarioStatus;
  /** The first failure message, if any. */
  error?: string;
}

const keyOf = (uri: string, line: number) => `${uri.replace(/\\/g, '/')}:${line}`;

export function featureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      // A project's folder holds sslab itself under node_modules; its features are listed as the bundled suite.
      if (name === 'node_modules') return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return featureFiles(path);
      return name.endsWith('.feature') ? [path] : [];
    });
}

/** Every scenario of the feature files under `featuresDir`, keyed relative to `root`. */
export function listScenarios(featuresDir: string, root: string): ScenarioInfo[] {
  return featureFiles(featuresDir).flatMap((path) => {
    const uri = relative(root, path).replace(/\\/g, '/');
    const newId = IdGenerator.incrementing();
    const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(path, 'utf8'));
    return compile(document, uri, newId).map((pickle) => {
      const line = pickle.location?.line ?? 0;
      return { key: keyOf(uri, line), uri, line, name: pickle.name, tags: pickle.tags.map((t) => t.name) };
    });
  });
}

interface JsonStep {
  result?: { status?: string; error_message?: string };
}
interface JsonElement {
  type?: string;
  name: string;
  line: number;
  tags?: { name: string }[];
  steps?: JsonStep[];
}
interface JsonFeature {
  uri: string;
  elements?: JsonElement[];
}

const WORST_FIRST: ScenarioStatus[] = ['failed', 'ambiguous', 'undefined', 'pending', 'skipped'];

/** The scenarios of one run from cucumber's JSON report; hooks count, so a failing After fails its scenario. */
export function readCucumberJson(json: string): ScenarioResult[] {
  const features = JSON.parse(json) as JsonFeature[];
  return features.flatMap((feature) =>
    (feature.elements ?? [])
      .filter((e) => e.type !== 'background')
      .map((e) => {
        const statuses = (e.steps ?? []).map((s) => s.result?.status ?? 'undefined');
        const status = WORST_FIRST.find((s) => statuses.includes(s)) ?? 'passed';
        const error = (e.steps ?? []).find((s) => s.result?.error_message)?.result?.error_message;
        return {
          key: keyOf(feature.uri, e.line),
          uri: feature.uri,
          line: e.line,
          name: e.name,
          tags: (e.tags ?? []).map((t) => t.name),
          status,
          ...(error ? { error: error.split('\n')[0] } : {}),
        };
      }),
  );
}

export interface StepText {
  text: string;
  uri: string;
  line: number;
  /** The scenario it was first used in. */
  scenario?: string;
  /** Its data table, header row first, when it has one. */
  table?: string[][];
  /** The set-up (Given) steps that come before it in that scenario, Background included. */
  setUp?: string[];
}

/** Every step text the features use (outline rows filled in), first occurrence of each. */
export function listStepTexts(featuresDir: string, root: string): StepText[] {
  const seen = new Map<string, StepText>();
  for (const path of featureFiles(featuresDir)) {
    const uri = relative(root, path).replace(/\\/g, '/');
    const newId = IdGenerator.incrementing();
    const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(path, 'utf8'));
    const lines = new Map<string, number>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as { id?: string; location?: { line: number } };
      if (n.id && n.location) lines.set(n.id, n.location.line);
      for (const value of Object.values(node)) walk(value);
    };
    walk(document);
    for (const pickle of compile(document, uri, newId)) {
      const setUp: string[] = [];
      for (const step of pickle.steps) {
        if (!seen.has(step.text)) {
          const table = step.argument?.dataTable?.rows.map((row) => row.cells.map((cell) => cell.value));
          seen.set(step.text, {
            text: step.text,
            uri,
            line: lines.get(step.astNodeIds[0]) ?? 0,
            scenario: pickle.name,
            ...(table ? { table } : {}),
            setUp: [...setUp],
          });
        }
        if (step.type === 'Context') setUp.push(step.text);
      }
    }
  }
  return [...seen.values()];
}
