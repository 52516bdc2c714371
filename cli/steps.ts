import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfiguration, loadSupport } from '@cucumber/cucumber/api';
import { describeOptions, parseOptions, type OptionSpec } from './args';
import { OWN_CHECKOUT } from './conformance-report';
import { runPlace, type RunPlace } from './project';
import { listStepTexts, type StepText } from '../reports/scenarios';

/**
 * The step glossary: every step pattern the suite defines, with an example from the features,
 * read from the step definitions themselves through cucumber's support-code loader, so it can
 * never fall behind them. Steps no feature uses are listed too.
 */
const ROOT = join(__dirname, '..');

const OPTIONS: OptionSpec[] = [
  { name: 'profile', type: 'string', help: 'cucumber.json profile whose support code to read', default: 'default' },
  { name: 'config', type: 'string', help: 'the project configuration file (default: sslab.config.json in this folder, when there is one)' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const STEPS_HELP = `sslab steps: list every step pattern with an example, grouped by step file

Usage: sslab steps [options]

${describeOptions(OPTIONS)}

Also written to reports/out/steps.md. In a project of your own, your steps (sslab.config.json's
"steps") are listed beside the bundled ones, and the file goes to your reports folder.
`;

export interface GlossaryEntry {
  file: string;
  line: number;
  keyword: string;
  pattern: string;
  example?: StepText;
}

/** What the loaded support code tells about one step definition (the API declares the library opaque). */
interface StepDefinitionLike {
  uri: string;
  line: number;
  keyword: string;
  pattern: string | RegExp;
  expression: { match(text: string): unknown };
}

/** sslab's own checkout, as cucumber.json describes it. */
const OWN_PLACE: RunPlace = { ...OWN_CHECKOUT, cwd: ROOT, env: {} };

export async function stepGlossary(profile = 'default', place: RunPlace = OWN_PLACE): Promise<GlossaryEntry[]> {
  const environment = { cwd: place.cwd };
  const { runConfiguration } = await loadConfiguration({ profiles: [profile], file: place.cucumberConfig }, environment);
  const support = await loadSupport(runConfiguration, environment);
  const texts = place.featureSources.flatMap((source) => listStepTexts(source.dir, source.keysRelativeTo));
  const definitions = (support as unknown as { stepDefinitions: StepDefinitionLike[] }).stepDefinitions;
  return definitions.map((definition) => {
    const { expression } = definition;
    const pattern = typeof definition.pattern === 'string' ? definition.pattern : `/${definition.pattern.source}/`;
    return {
      file: relative(place.cwd, resolve(place.cwd, definition.uri)).replace(/\\/g, '/'),
      line: definition.line,
      keyword: definition.keyword,
      pattern,
      example: texts.find((t) => expression.match(t.text) !== null),
    };
  });
}

export function renderGlossary(entries: readonly GlossaryEntry[]): string {
  const out = ['# Step glossary', '', `${entries.length} step patterns, read from the step definitions. Each example is the first use in the features.`, ''];
  const unused = entries.filter((e) => !e.example);
  for (const file of [...new Set(entries.map((e) => e.file))]) {
    out.push(`## ${file}`, '');
    for (const e of entries.filter((x) => x.file === file)) {
      out.push(`- **${e.keyword}** \`${e.pattern}\``);
      out.push(e.example ? `  - e.g. ${e.keyword} ${e.example.text} (${e.example.uri}:${e.example.line})` : '  - not used by any feature');
    }
    out.push('');
  }
  if (unused.length > 0) out.push(`${unused.length} step pattern(s) no feature uses: ${unused.map((e) => `${e.file}:${e.line}`).join(', ')}`, '');
  return out.join('\n');
}

export async function stepsCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(STEPS_HELP);
    return 0;
  }
  const place = runPlace(process.cwd(), options.config as string | undefined);
  // The project's cucumber configuration reads which sslab.config.json to use from the environment.
  Object.assign(process.env, place.env);
  const markdown = renderGlossary(await stepGlossary(String(options.profile), place));
  const out = place.reports;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'steps.md'), markdown);
  process.stdout.write(markdown);
  return 0;
}
