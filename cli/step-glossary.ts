import { join, relative, resolve } from 'node:path';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';
import { OWN_CHECKOUT } from './conformance-report';
import type { RunPlace } from './project';
import { listStepTexts, type StepText } from '../reports/scenarios';
import { HOUSE_RULES, PARAMETER_HELP } from '../steps/lib/parameter-help';
import { setUpForm, setUpFormOfPattern } from '../steps/lib/tense';
import { alternativesOf, captureGroups, parameterNames } from './step-parameters';

/**
 * The step glossary: every step pattern the suite defines, read from the step definitions and the
 * parameter types themselves through cucumber's support-code loader, so it can never fall behind
 * them, with examples, data tables and set-up taken from the features. Steps no feature uses are
 * listed too.
 */
const ROOT = join(__dirname, '..');

/** One parameter of a step: what it stands for, the values its pattern allows, those the suite uses. */
export interface GlossaryParameter {
  /** The parameter type's name ({models}), or "group n" for a regular expression's capture. */
  name: string;
  means?: string;
  /** Every value the pattern allows, when it is a list of words. */
  values?: string[];
  /** The pattern, when it is more than a list of words. */
  pattern?: string;
  /** Values the suite's scenarios give it. */
  used: string[];
  needs?: string;
}

export interface GlossaryEntry {
  file: string;
  line: number;
  keyword: string;
  pattern: string;
  /** The first use in the features; `examples` has up to two. */
  example?: StepText;
  examples: StepText[];
  parameters: GlossaryParameter[];
  /** The data table it reads: its columns and a table from the suite. */
  table?: { columns: string[]; example: string[][] };
  /** For a set-up form no feature uses yet: the action it is the perfect of, whose examples it shows in its own words. */
  setUpOf?: string;
}

export interface Glossary {
  rules: readonly string[];
  entries: GlossaryEntry[];
}

/** What the loaded support code tells about one step definition (the API declares the library opaque). */
interface StepDefinitionLike {
  uri: string;
  line: number;
  keyword: string;
  pattern: string | RegExp;
  expression: { match(text: string): readonly ArgumentLike[] | null };
}

interface ArgumentLike {
  group: { value?: string | null };
}

interface ParameterTypeLike {
  name?: string;
  regexpStrings: readonly string[];
  builtin?: boolean;
}

/** sslab's own checkout, as cucumber.json describes it. */
const OWN_PLACE: RunPlace = { ...OWN_CHECKOUT, cwd: ROOT, env: {} };

const MAX_USED = 8;

export async function stepGlossary(profile = 'default', place: RunPlace = OWN_PLACE): Promise<GlossaryEntry[]> {
  return (await loadGlossary(profile, place)).entries;
}

export async function loadGlossary(profile = 'default', place: RunPlace = OWN_PLACE): Promise<Glossary> {
  const environment = { cwd: place.cwd };
  const { runConfiguration } = await loadConfiguration({ profiles: [profile], file: place.cucumberConfig }, environment);
  const support = await loadSupport(runConfiguration, environment);
  const texts = place.featureSources.flatMap((source) => listStepTexts(source.dir, source.keysRelativeTo));
  const library = support as unknown as {
    stepDefinitions: StepDefinitionLike[];
    parameterTypeRegistry: { lookupByTypeName(name: string): ParameterTypeLike | undefined };
  };
  const entries = library.stepDefinitions.map((definition) => {
    const pattern = typeof definition.pattern === 'string' ? definition.pattern : `/${definition.pattern.source}/`;
    const uses = texts.flatMap((t) => {
      const args = definition.expression.match(t.text);
      return args ? [{ text: t, values: args.map((a) => a.group.value ?? '') }] : [];
    });
    const examples = pickExamples(uses.map((u) => u.text));
    const slots =
      typeof definition.pattern === 'string'
        ? parameterNames(definition.pattern).map((name) => describeType(name, library.parameterTypeRegistry.lookupByTypeName(name)))
        : captureGroups(definition.pattern.source).map((group, i) => describeGroup(i + 1, group));
    const parameters = slots.map((slot, i) => ({
      ...slot,
      used: [...new Set(uses.map((u) => u.values[i]).filter((v) => v !== undefined && v !== ''))].slice(0, MAX_USED),
    }));
    const tabled = uses.find((u) => u.text.table)?.text.table;
    return {
      file: relative(place.cwd, resolve(place.cwd, definition.uri)).replace(/\\/g, '/'),
      line: definition.line,
      keyword: definition.keyword,
      pattern,
      example: examples[0],
      examples,
      parameters,
      ...(tabled ? { table: { columns: tabled[0], example: tabled.slice(0, 4) } } : {}),
    };
  });
  return { rules: HOUSE_RULES, entries: entries.map((e) => (e.examples.length > 0 ? e : withActionExamples(e, entries))) };
}

/** A set-up form no feature uses borrows its action's examples, put in the perfect as a scenario would write them. */
function withActionExamples(entry: GlossaryEntry, entries: readonly GlossaryEntry[]): GlossaryEntry {
  const action = entries.find((a) => a.examples.length > 0 && setUpFormOfPattern(a.pattern) === entry.pattern);
  if (!action) return entry;
  const examples = action.examples.map((x) => ({ ...x, text: setUpForm(x.text) ?? x.text }));
  return { ...entry, setUpOf: action.pattern, examples, example: examples[0], ...(action.table ? { table: action.table } : {}) };
}

/** Up to two uses, from two feature files where the suite has them. */
function pickExamples(uses: StepText[]): StepText[] {
  const [first] = uses;
  if (!first) return [];
  const other = uses.find((u) => u.uri !== first.uri) ?? uses.find((u) => u !== first && u.text !== first.text);
  return other ? [first, other] : [first];
}

function describeType(name: string, type: ParameterTypeLike | undefined): Omit<GlossaryParameter, 'used'> {
  const help = PARAMETER_HELP[name || 'anonymous'];
  const source = type?.regexpStrings.join('|') ?? '';
  const values = type && type.regexpStrings.length === 1 ? alternativesOf(source) : undefined;
  // Cucumber's own types ({string}, {int}) are told by their meaning; their patterns help nobody.
  const shape = values ? { values } : type?.builtin ? {} : { pattern: source };
  return { name: `{${name}}`, ...(help ? { means: help.means, ...(help.needs ? { needs: help.needs } : {}) } : {}), ...shape };
}

function describeGroup(n: number, group: string): Omit<GlossaryParameter, 'used'> {
  const values = alternativesOf(group);
  return { name: `group ${n}`, ...(values ? { values } : { pattern: group }) };
}
