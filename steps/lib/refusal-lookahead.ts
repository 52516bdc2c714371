/**
 * Which steps of a scenario are expected to be refused: the action or set-up step right before a
 * step that says "… is refused because …". Those steps keep a refusal for the check; every other
 * step fails at once when the system refuses it, so an unexpected refusal fails the step it
 * happened in.
 */
export interface PickleStepLike {
  id: string;
  text: string;
  type?: string;
}

const REFUSAL_CHECK = /\bis refused because\b/;

export function stepsExpectingRefusal(steps: readonly PickleStepLike[]): Set<string> {
  const expecting = new Set<string>();
  steps.forEach((step, i) => {
    if (!REFUSAL_CHECK.test(step.text)) return;
    for (let j = i - 1; j >= 0; j--) {
      const before = steps[j];
      if (before.type === 'Outcome' || REFUSAL_CHECK.test(before.text)) continue;
      expecting.add(before.id);
      return;
    }
  });
  return expecting;
}
