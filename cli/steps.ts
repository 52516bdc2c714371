import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { runPlace } from './project';
import { loadGlossary } from './step-glossary';
import { renderGlossary, type GlossaryFormat } from './steps-render';

/** `sslab steps`: the step glossary (cli/step-glossary.ts), printed and written beside the reports. */
const OPTIONS: OptionSpec[] = [
  { name: 'profile', type: 'string', help: 'cucumber.json profile whose support code to read', default: 'default' },
  { name: 'config', type: 'string', help: 'the project configuration file (default: sslab.config.json in this folder, when there is one)' },
  { name: 'format', type: 'string', help: 'how to print it: text, markdown or html', default: 'text' },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const STEPS_HELP = `sslab steps: the step glossary, grouped by step file: for every step its parameters
and the values they allow, its data table, examples from the suite's scenarios and what it
needs set up first, after the house rules every scenario follows

Usage: sslab steps [options]

${describeOptions(OPTIONS)}

Also written to reports/out/steps.md and reports/out/steps.html. In a project of your own, your
steps (sslab.config.json's "steps") are listed beside the bundled ones, and the files go to your
reports folder.
`;

const FORMATS: readonly GlossaryFormat[] = ['text', 'markdown', 'html'];

export async function stepsCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv, OPTIONS);
  if (options.help) {
    process.stdout.write(STEPS_HELP);
    return 0;
  }
  const format = String(options.format) as GlossaryFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${FORMATS.join(', ')}, not "${format}"`);
  const place = runPlace(process.cwd(), options.config as string | undefined);
  // The project's cucumber configuration reads which sslab.config.json to use from the environment.
  Object.assign(process.env, place.env);
  const glossary = await loadGlossary(String(options.profile), place);
  const out = place.reports;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'steps.md'), renderGlossary(glossary, 'markdown'));
  writeFileSync(join(out, 'steps.html'), renderGlossary(glossary, 'html'));
  process.stdout.write(renderGlossary(glossary, format));
  return 0;
}
