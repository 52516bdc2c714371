import type { AnyMachineSnapshot, AnyStateMachine, EventObject } from 'xstate';
import type { PathPlan, PathStart, PathStep } from '../../models/paths/generate';
import type { PathSession } from './session';
import type { Expectation, Transcript } from './transcript';

/**
 * How one machine's events and states map onto a target, through the same drivers the Gherkin
 * steps use. An adapter works for one path: it sets the target up for the path's start, performs
 * each step's event, and checks the target against the machine's state; every call records its
 * Gherkin in the transcript.
 */
export interface MachineAdapter<TEvent extends EventObject> {
  setUp(): Promise<void>;
  /**
   * Performs the event of `step` from the machine state `before`. Returns false, having done
   * nothing, when a probe cannot be tried in this path (it needs something the path has not made).
   */
  perform(step: PathStep<TEvent>, before: AnyMachineSnapshot, expectation: Expectation): Promise<boolean>;
  /** Checks the target against the machine state `snapshot`; `after` is the step that led there. */
  check(snapshot: AnyMachineSnapshot, after?: PathStep<TEvent>): Promise<void>;
}

export interface MachineBinding<TEvent extends EventObject> {
  machine: string;
  logic: AnyStateMachine;
  starts: readonly PathStart<unknown>[];
  plan(): PathPlan<TEvent>;
  /** A Gherkin tag for the area the printed scenarios belong to. */
  area: string;
  adapter(transcript: Transcript, session: PathSession, start: PathStart<unknown>): MachineAdapter<TEvent>;
}
