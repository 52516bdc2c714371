import { Problem } from '../kernel/problems';

/** The Problem a call of the domain core is refused with; fails the test when it is not refused. */
export function refusal(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** As `refusal`, for calls that answer asynchronously (those that reach the licensing cloud). */
export async function refusalOf(run: () => Promise<unknown>): Promise<Problem> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
