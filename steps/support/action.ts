import { Given, When } from '@cucumber/cucumber';
import { setUpForm } from '../lib/tense';
import type { World } from './world';

type StepBody = (this: World, ...args: never[]) => unknown;

/**
 * Registers steps as if from the caller's own file: cucumber reads a definition's file and line
 * from the stack, and the glossary and reports should point at the step file, not at this helper.
 */
function fromCaller<T>(register: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, frames) => {
    const outside = frames.filter((frame) => frame.getFileName() !== __filename);
    return previous ? previous(error, outside) : [String(error), ...outside.map((frame) => `    at ${frame.toString()}`)].join('\n');
  };
  try {
    return register();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/**
 * An action and its set-up form from one definition: `When` with the words as given, and `Given`
 * with them in the perfect ("transfers" → "has transferred"), for scenarios that need the action
 * done before their own. A refusal in the set-up form fails the step, as set-up must succeed.
 */
export function Action(pattern: string | RegExp, body: StepBody): void {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const given = setUpForm(source);
  if (!given) throw new Error(`No set-up form for "${source}": add its verb to steps/lib/tense.ts`);
  fromCaller(() => {
    When(pattern, body as never);
    Given(typeof pattern === 'string' ? given : new RegExp(given, pattern.flags), body as never);
  });
}
