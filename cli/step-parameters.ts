/**
 * What a step's parameters accept, read from the parameter types and regular expressions
 * themselves: a list of the allowed words where the pattern is a plain alternation of them, the
 * pattern otherwise.
 */

/** The words an alternation of literals allows ("(a|b|c)"), or undefined when the pattern is more than that. */
export function alternativesOf(source: string): string[] | undefined {
  let body = source.replace(/^\^/, '').replace(/\$$/, '');
  if (body.startsWith('(') && body.endsWith(')') && closingOf(body, 0) === body.length - 1) body = body.slice(1, -1).replace(/^\?:/, '');
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      // An escaped metacharacter stands for itself; \d, \s and the like are patterns, not words.
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      current += next;
      i++;
    } else if (c === '|') {
      words.push(current);
      current = '';
    } else if ('[](){}*+?.^$'.includes(c)) {
      return undefined;
    } else {
      current += c;
    }
  }
  words.push(current);
  return words.length > 1 && words.every((w) => w.length > 0) ? words : undefined;
}

/** Where the group opened at `open` closes, escapes and character classes skipped. */
function closingOf(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The capturing groups of a regular expression's source, in the order their arguments come. */
export function captureGroups(source: string): string[] {
  const groups: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && source[i + 1] !== '?') {
      groups.push(source.slice(i, closingOf(source, i) + 1));
    }
  }
  return groups;
}

/** The parameter type names of a Cucumber expression, in order ("" for an anonymous {}). */
export function parameterNames(expression: string): string[] {
  return [...expression.replace(/\\[{}()]/g, '').matchAll(/\{(\w*)\}/g)].map((m) => m[1]);
}
