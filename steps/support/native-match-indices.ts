import { ParameterTypeRegistry, RegularExpression } from '@cucumber/cucumber-expressions';

/**
 * cucumber-expressions finds where each captured group of a matched step starts and ends through a
 * polyfill that parses every step definition's regular expression with a JavaScript regexp parser,
 * and then matches the step a second time; with a few hundred step definitions that is a tenth of
 * the suite's run. Node has had the same indices natively (the `d` flag) since version 16, so a
 * step is matched once, by a copy of the definition's expression with that flag. The arguments are
 * the same; a group inside a repetition is placed at its last iteration, where the regexp captured
 * it, rather than at the first.
 *
 * The matcher is reached through an expression, since the package does not export it; when a
 * version of cucumber-expressions lays it out otherwise, this leaves the polyfill in place.
 */
interface GroupBuilder {
  build(match: RegExpExecArray, nextGroupIndex: () => number): unknown;
}
interface TreeRegexpLike {
  regexp: RegExp;
  groupBuilder: GroupBuilder;
  match(text: string): unknown;
}

export function useNativeMatchIndices(): boolean {
  const sample = (new RegularExpression(/(a)/, new ParameterTypeRegistry()) as unknown as { treeRegexp?: TreeRegexpLike }).treeRegexp;
  const prototype = sample && (Object.getPrototypeOf(sample) as TreeRegexpLike);
  if (!sample || !prototype || typeof prototype.match !== 'function' || !(sample.regexp instanceof RegExp) || typeof sample.groupBuilder?.build !== 'function')
    return false;
  const withIndices = new WeakMap<RegExp, RegExp>();
  prototype.match = function match(this: TreeRegexpLike, text: string) {
    let regexp = withIndices.get(this.regexp);
    if (!regexp) {
      regexp = new RegExp(this.regexp.source, `${this.regexp.flags.replace(/[gyd]/g, '')}d`);
      withIndices.set(this.regexp, regexp);
    }
    const found = regexp.exec(text);
    if (!found) return null;
    let groupIndex = 0;
    return this.groupBuilder.build(found, () => groupIndex++);
  };
  return true;
}

useNativeMatchIndices();
