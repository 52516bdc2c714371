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

const SPECIAL = '\\^$.|?*+()[]{}';
/** Characters a backslash makes literal (anything else after one is a class or an assertion). */
const ESCAPED_LITERAL = '\\^$.|?*+()[]{}/-';

/** Whether the pattern has an alternative at its top level, outside every group and class (`^a|b`). */
function topLevelAlternative(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The text every match of an anchored pattern starts with: its leading literal characters, less
 * the last one when a quantifier follows it. Empty when the pattern is not anchored at the start,
 * ignores case, or has an alternative at its top level, so that nothing is ever ruled out wrongly.
 */
export function literalPrefix(regexp: RegExp): string {
  const source = regexp.source;
  if (!source.startsWith('^') || /[im]/.test(regexp.flags) || topLevelAlternative(source)) return '';
  let prefix = '';
  let i = 1;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && ESCAPED_LITERAL.includes(source[i + 1] ?? '')) prefix += source[++i];
    else if (SPECIAL.includes(c)) break;
    else prefix += c;
  }
  return '?*+{'.includes(source[i] ?? '') && i < source.length ? prefix.slice(0, -1) : prefix;
}

/**
 * The longest run of literal text every match of `regexp` contains: its characters outside every
 * group and class, taken in a row, less any one a quantifier follows. Empty when the pattern ignores
 * case, has an alternative at its top level or may nest classes (the v flag), so that nothing is
 * ever ruled out wrongly.
 */
export function requiredLiteral(regexp: RegExp): string {
  const source = regexp.source;
  if (/[iv]/.test(regexp.flags) || topLevelAlternative(source)) return '';
  let longest = '';
  let run = '';
  const close = () => {
    if (run.length > longest.length) longest = run;
    run = '';
  };
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (depth > 0 || inClass) {
      if (c === '\\') i++;
      else if (inClass) inClass = c !== ']';
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '\\' && ESCAPED_LITERAL.includes(source[i + 1] ?? '')) run += source[++i];
    else if ('?*+{'.includes(c)) {
      // The character before is optional or repeated: the run ends before it.
      run = run.slice(0, -1);
      close();
    } else if (SPECIAL.includes(c) || c === '\\') {
      close();
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
    } else run += c;
  }
  close();
  return longest;
}

export function useNativeMatchIndices(): boolean {
  const sample = (new RegularExpression(/(a)/, new ParameterTypeRegistry()) as unknown as { treeRegexp?: TreeRegexpLike }).treeRegexp;
  const prototype = sample && (Object.getPrototypeOf(sample) as TreeRegexpLike);
  if (!sample || !prototype || typeof prototype.match !== 'function' || !(sample.regexp instanceof RegExp) || typeof sample.groupBuilder?.build !== 'function')
    return false;
  const withIndices = new WeakMap<RegExp, { regexp: RegExp; prefix: string; required: string }>();
  prototype.match = function match(this: TreeRegexpLike, text: string) {
    let compiled = withIndices.get(this.regexp);
    if (!compiled) {
      compiled = {
        regexp: new RegExp(this.regexp.source, `${this.regexp.flags.replace(/[gyd]/g, '')}d`),
        prefix: literalPrefix(this.regexp),
        required: requiredLiteral(this.regexp),
      };
      withIndices.set(this.regexp, compiled);
    }
    // Every step is tried against every definition; most are told apart by their first words, most
    // of the rest by words further on, either being cheaper to look for than running the expression.
    if (!text.startsWith(compiled.prefix) || !text.includes(compiled.required)) return null;
    const found = compiled.regexp.exec(text);
    if (!found) return null;
    let groupIndex = 0;
    return this.groupBuilder.build(found, () => groupIndex++);
  };
  return true;
}

useNativeMatchIndices();
