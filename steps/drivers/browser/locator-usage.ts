import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { AstBuilder, compile, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import type * as ts from 'typescript';
import { LOCATOR_KEYS, type LocatorKey } from './locators';

/**
 * Which scenarios lean on each locator, read from the code rather than kept by hand:
 *
 *   locator key → page-object and driver methods that use it (through `this.` calls and the
 *   helpers and tables they read) → the browser surface operations (`partnerPortal.transfer`)
 *   → the step definitions that call them (directly, or through World methods and tasks)
 *   → the @ui scenarios whose steps those definitions match.
 *
 * The reading is by name, so it errs on the side of more: a key reached through a table (the
 * Manage Licenses views, the device actions) counts for every method that reads the table.
 */

const ROOT = join(__dirname, '..', '..', '..');
const BROWSER_DIR = __dirname;

/** The browser driver class behind each surface a browser run drives through pages. */
export const DRIVER_CLASS_OF_SURFACE = {
  partnerPortal: 'BrowserPartnerPortal',
  customerPortal: 'BrowserCustomerPortal',
  cms: 'BrowserSmartServerCms',
  cloud: 'BrowserCloudLicensing',
  devices: 'BrowserSmartServerDevices',
} as const;

/** What a browser run's After hook does with the pages whatever the scenario: the overview screenshots. */
export const AFTER_HOOK = 'after each scenario: the fleet overview and landing page screenshots';

export interface ScenarioRef {
  uri: string;
  line: number;
  name: string;
}

export interface LocatorUsage {
  key: LocatorKey;
  /** Surface operations of the browser driver (`partnerPortal.transfer`), or AFTER_HOOK. */
  operations: string[];
  scenarios: ScenarioRef[];
}

/** A function-like piece of source: a method, a top-level function or constant, or a step definition's body. */
interface CodeNode {
  id: string;
  file: string;
  className?: string;
  name: string;
  text: string;
}

interface SourceFile {
  file: string;
  imports: string[];
  nodes: CodeNode[];
  /** Step definitions: the lines their call spans, with the body's node. */
  steps: { from: number; to: number; node: CodeNode }[];
}

// `Action` (support/action.ts) registers an action and its set-up form from one call.
const STEP_KEYWORDS = new Set(['Given', 'When', 'Then', 'defineStep', 'Action']);
const SURFACE_CALL = new RegExp(`\\b(${Object.keys(DRIVER_CLASS_OF_SURFACE).join('|')})\\.(\\w+)\\s*\\(`, 'g');
const KEY_LITERAL = /['"`]((?:partnerPortal|customerPortal|cms|emulator)\.\w+\.\w+)['"`]/g;

function readSource(file: string, typescript: typeof ts): SourceFile {
  const text = readFileSync(file, 'utf8');
  const source = typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true);
  const nodes: CodeNode[] = [];
  const steps: SourceFile['steps'] = [];
  const imports: string[] = [];
  const add = (name: string, node: ts.Node, className?: string): CodeNode => {
    const entry = { id: `${relative(ROOT, file)}#${className ? `${className}.` : ''}${name}`, file, className, name, text: node.getText(source) };
    nodes.push(entry);
    return entry;
  };
  for (const statement of source.statements) {
    if (typescript.isImportDeclaration(statement) && typescript.isStringLiteral(statement.moduleSpecifier)) {
      const spec = statement.moduleSpecifier.text;
      if (spec.startsWith('.')) imports.push(resolve(dirname(file), spec));
    } else if (typescript.isFunctionDeclaration(statement) && statement.name) {
      add(statement.name.text, statement);
    } else if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (typescript.isIdentifier(declaration.name)) add(declaration.name.text, declaration);
      }
    } else if (typescript.isClassDeclaration(statement) && statement.name) {
      const className = statement.name.text;
      for (const member of statement.members) {
        if (typescript.isConstructorDeclaration(member)) add('constructor', member, className);
        else if (member.name && (typescript.isIdentifier(member.name) || typescript.isPrivateIdentifier(member.name))) add(member.name.text, member, className);
      }
    } else if (
      typescript.isExpressionStatement(statement) &&
      typescript.isCallExpression(statement.expression) &&
      typescript.isIdentifier(statement.expression.expression) &&
      STEP_KEYWORDS.has(statement.expression.expression.text)
    ) {
      const from = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
      const to = source.getLineAndCharacterOfPosition(statement.getEnd()).line + 1;
      steps.push({ from, to, node: add(`step:${from}`, statement) });
    }
  }
  return { file, imports, nodes, steps };
}

const typescriptFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

/** The code the chain runs through: the browser driver, and the steps with their World, tasks and helpers. */
function readCode(typescript: typeof ts): Map<string, SourceFile> {
  const stepsDir = join(ROOT, 'steps');
  const files = [
    ...typescriptFiles(BROWSER_DIR),
    ...readdirSync(stepsDir)
      .filter((name) => name.endsWith('.steps.ts'))
      .map((name) => join(stepsDir, name)),
    ...typescriptFiles(join(stepsDir, 'support')),
    ...typescriptFiles(join(stepsDir, 'lib')),
    ...typescriptFiles(join(stepsDir, 'generated')),
  ];
  return new Map(files.map((file) => [file.replace(/\.ts$/, ''), readSource(file, typescript)]));
}

/** The names a node's text refers to, three ways: `this.name`, `.name(` on any receiver, and a bare `name`. */
interface References {
  onThis: Set<string>;
  called: Set<string>;
  bare: Set<string>;
}

const referencesCache = new WeakMap<CodeNode, References>();
function referencesOf(node: CodeNode): References {
  let refs = referencesCache.get(node);
  if (!refs) {
    refs = {
      onThis: new Set([...node.text.matchAll(/\bthis\.([\w$]+)/g)].map((m) => m[1])),
      called: new Set([...node.text.matchAll(/\.([\w$]+)\s*\(/g)].map((m) => m[1])),
      bare: new Set([...node.text.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)/g)].map((m) => m[1])),
    };
    referencesCache.set(node, refs);
  }
  return refs;
}

/**
 * The files whose names a file sees: itself and what it imports; inside the browser driver also
 * what those import in turn (a driver reaches its page object through a helper such as cmsTab).
 */
function visibleFiles(own: SourceFile, code: Map<string, SourceFile>): SourceFile[] {
  const seen = new Map<string, SourceFile>([[own.file, own]]);
  const queue = [own];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const path of file.imports) {
      const imported = code.get(path);
      if (!imported || seen.has(imported.file)) continue;
      seen.set(imported.file, imported);
      if (own.file.startsWith(BROWSER_DIR) && imported.file.startsWith(BROWSER_DIR)) queue.push(imported);
    }
  }
  return [...seen.values()];
}

/** The call graph by name: which nodes a node's text reaches. */
function calleesOf(node: CodeNode, code: Map<string, SourceFile>): CodeNode[] {
  const refs = referencesOf(node);
  const callees: CodeNode[] = [];
  for (const file of visibleFiles(code.get(node.file.replace(/\.ts$/, ''))!, code)) {
    for (const candidate of file.nodes) {
      if (candidate === node || candidate.name.startsWith('step:')) continue;
      if (candidate.className) {
        // A member of the node's own class through `this`; a method of another class the file sees, on any receiver.
        if (candidate.className === node.className ? refs.onThis.has(candidate.name) : refs.called.has(candidate.name)) callees.push(candidate);
      } else if (refs.bare.has(candidate.name)) {
        callees.push(candidate);
      }
    }
  }
  return callees;
}

/** Every node reachable from `start`, itself included. */
function reach(start: CodeNode, code: Map<string, SourceFile>): CodeNode[] {
  const seen = new Map<string, CodeNode>([[start.id, start]]);
  const queue = [start];
  while (queue.length > 0) {
    for (const callee of calleesOf(queue.pop()!, code)) {
      if (!seen.has(callee.id)) {
        seen.set(callee.id, callee);
        queue.push(callee);
      }
    }
  }
  return [...seen.values()];
}

const keysIn = (text: string) => [...text.matchAll(KEY_LITERAL)].map((m) => m[1]).filter((key): key is LocatorKey => LOCATOR_KEYS.includes(key as LocatorKey));

/** For each browser surface operation, the locator keys its driver method reaches. */
export function keysByOperation(code: Map<string, SourceFile> = readCode(require('typescript'))): Map<string, Set<LocatorKey>> {
  const all = [...code.values()].flatMap((f) => f.nodes);
  const result = new Map<string, Set<LocatorKey>>();
  for (const [surface, className] of Object.entries(DRIVER_CLASS_OF_SURFACE)) {
    for (const method of all.filter((n) => n.className === className && n.name !== 'constructor')) {
      const keys = new Set(reach(method, code).flatMap((n) => keysIn(n.text)));
      if (keys.size > 0) result.set(`${surface}.${method.name}`, keys);
    }
  }
  const hook = all.find((n) => n.className === 'BrowserTabs' && n.name === 'snapOverviews');
  if (hook) result.set(AFTER_HOOK, new Set(reach(hook, code).flatMap((n) => keysIn(n.text))));
  return result;
}

/** What cucumber's support-code loader tells of a step definition. */
interface StepDefinitionLike {
  uri: string;
  line: number;
  expression: { match(text: string): unknown };
}

async function loadStepDefinitions(profile: string): Promise<StepDefinitionLike[]> {
  const { loadConfiguration, loadSupport } = await import('@cucumber/cucumber/api');
  const environment = { cwd: ROOT };
  const { runConfiguration } = await loadConfiguration({ profiles: [profile] }, environment);
  const support = await loadSupport(runConfiguration, environment);
  return (support as unknown as { stepDefinitions: StepDefinitionLike[] }).stepDefinitions;
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return featureFiles(path);
      return entry.name.endsWith('.feature') ? [path] : [];
    });
}

/** The browser run's scenarios (tagged @ui), each row of an outline once, with their step texts. */
function uiScenarios(): (ScenarioRef & { steps: string[] })[] {
  return featureFiles(join(ROOT, 'features')).flatMap((path) => {
    const uri = relative(ROOT, path).replace(/\\/g, '/');
    const newId = IdGenerator.incrementing();
    const document = new Parser(new AstBuilder(newId), new GherkinClassicTokenMatcher()).parse(readFileSync(path, 'utf8'));
    return compile(document, uri, newId)
      .filter((pickle) => pickle.tags.some((t) => t.name === '@ui'))
      .map((pickle) => ({ uri, line: pickle.location?.line ?? 0, name: pickle.name, steps: pickle.steps.map((s) => s.text) }));
  });
}

/**
 * Every locator with the operations that use it and the @ui scenarios those operations run in.
 * Reads the features, the step definitions (through cucumber's loader, `profile`'s support code)
 * and the TypeScript of the steps and the browser driver.
 */
export async function locatorUsage(profile = 'browser'): Promise<LocatorUsage[]> {
  const typescript = require('typescript') as typeof ts;
  const code = readCode(typescript);
  const byOperation = keysByOperation(code);
  const definitions = await loadStepDefinitions(profile);
  const scenarios = uiScenarios();

  const operationsOfDefinition = new Map<StepDefinitionLike, Set<string>>();
  for (const definition of definitions) {
    const file = code.get(resolve(ROOT, definition.uri).replace(/\.ts$/, ''));
    const step = file?.steps.find((s) => s.from <= definition.line && definition.line <= s.to);
    const operations = new Set<string>();
    for (const node of step ? reach(step.node, code) : []) for (const [, surface, op] of node.text.matchAll(SURFACE_CALL)) operations.add(`${surface}.${op}`);
    operationsOfDefinition.set(definition, operations);
  }

  const scenariosOfOperation = new Map<string, ScenarioRef[]>();
  for (const scenario of scenarios) {
    const operations = new Set<string>([AFTER_HOOK]);
    for (const text of scenario.steps) {
      for (const definition of definitions) {
        if (definition.expression.match(text) !== null) for (const op of operationsOfDefinition.get(definition) ?? []) operations.add(op);
      }
    }
    const ref = { uri: scenario.uri, line: scenario.line, name: scenario.name };
    for (const op of operations) scenariosOfOperation.set(op, [...(scenariosOfOperation.get(op) ?? []), ref]);
  }

  return LOCATOR_KEYS.map((key) => {
    const operations = [...byOperation.entries()].filter(([, keys]) => keys.has(key)).map(([op]) => op);
    const seen = new Set<string>();
    const used = operations
      .flatMap((op) => scenariosOfOperation.get(op) ?? [])
      .filter((s) => {
        const id = `${s.uri}:${s.line}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      })
      .sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
    return { key, operations: operations.sort(), scenarios: used };
  });
}
