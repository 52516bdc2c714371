import { defineParameterType } from '@cucumber/cucumber';

/** One or more model numbers: "72220-200", "72220-200 and 92201R-P-200", "72220-10, 72220-50 and 72220-200". */
defineParameterType({
  name: 'models',
  regexp: /(\d{5}R?-[\w-]+(?:(?:, | and )\d{5}R?-[\w-]+)*)/,
  transformer: (text: string) => text.split(/, | and /),
});

/** A device state as the CMS shows it, with its colour: "unprovisioned (blue)". */
defineParameterType({
  name: 'deviceState',
  regexp: /(unlicensed \(purple\)|unprovisioned \(blue\)|provisioned \(green\))/,
  transformer: (text: string) => {
    const [state, colour] = /^(\w+) \((\w+)\)$/.exec(text)!.slice(1);
    return { state, colour };
  },
});
