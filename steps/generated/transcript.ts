import { ApiProblem } from '../drivers/http-client';
import { type OPERATIONS, REFUSALS } from '../lib/refusal-words';
import type { GherkinStep } from './gherkin';

/**
 * What a generated path did to the target, step by step, in Gherkin. Each call runs one operation
 * and records the step that says it; the refusal of an attempt is recorded as the "… is refused
 * because …" step that checks it. When the target does something else than the machine, the path
 * stops with a PathFailure and the transcript so far is the failing scenario.
 */
export type Operation = (typeof OPERATIONS)[number];

export class PathFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathFailure';
  }
}

const REASON_BY_CODE = new Map(Object.entries(REFUSALS).map(([reason, code]) => [code, reason]));

/** The step that checks a refusal, in the suite's words for the code when it has them. */
export function refusalStep(operation: Operation, code: string): string {
  const reason = REASON_BY_CODE.get(code);
  return reason ? `${operation} is refused because ${reason}` : `${operation} is refused because the system answers "${code}"`;
}

/** What the machine expects of an attempt: that the target accepts it, or refuses it (with the machine's reason). */
export type Expectation = { refused: false } | { refused: true; reason?: string; what: string };

export class Transcript {
  readonly steps: GherkinStep[] = [];
  /** The problem codes the target refused attempts with, in order. */
  readonly refusals: string[] = [];

  async given<T>(text: string, run: () => Promise<T>, table?: string[][]): Promise<T> {
    return this.record({ keyword: 'Given', text, ...(table ? { table } : {}) }, run);
  }

  async when<T>(text: string, run: () => Promise<T>): Promise<T> {
    return this.record({ keyword: 'When', text }, run);
  }

  async thenStep(text: string, run: () => Promise<void>): Promise<void> {
    await this.record({ keyword: 'Then', text }, run);
  }

  /**
   * The step whose operation the machine accepts or refuses. A refusal the machine expects is
   * checked by the next step; an acceptance it does not expect fails there, as it would in cucumber.
   */
  async attempt<T>(text: string, operation: Operation, expectation: Expectation, run: () => Promise<T>): Promise<T | undefined> {
    if (!expectation.refused) return this.when(text, run);
    this.steps.push({ keyword: 'When', text });
    try {
      await run();
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status >= 500) throw error;
      this.refusals.push(error.code);
      this.steps.push({ keyword: 'Then', text: refusalStep(operation, error.code) });
      return undefined;
    }
    this.steps.push({ keyword: 'Then', text: refusalStep(operation, expectation.reason ?? 'refused') });
    throw new PathFailure(`${operation} was expected to be refused (${expectation.what}) but it succeeded.`);
  }

  private async record<T>(step: GherkinStep, run: () => Promise<T>): Promise<T> {
    this.steps.push(step);
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiProblem) throw new PathFailure(`${step.text}: the target answered ${error.status} ${error.code}: ${error.detail}`);
      throw error;
    }
  }
}
