/** A route as the router holds it: its method and its URL pattern (`/smartservers/:installCode/iap/devs/:id(^\\d+)`). */
export interface RouteMatcher {
  method: string;
  url: string;
}

const compiled = new Map<string, RegExp>();

/** A fastify URL pattern as a regular expression over concrete paths. */
function patternOf(url: string): RegExp {
  let pattern = compiled.get(url);
  if (!pattern) {
    let source = '';
    for (const part of url.split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?|\*)/)) {
      if (part === '*') source += '.*';
      else if (part.startsWith(':')) {
        const constraint = /\((.*)\)$/.exec(part)?.[1];
        source += constraint ? `(?:${constraint.replace(/^\^/, '').replace(/\$$/, '')})` : '[^/]+';
      } else source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    pattern = new RegExp(`^${source.replace(/\/$/, '')}/?$`);
    compiled.set(url, pattern);
  }
  return pattern;
}

/**
 * The methods some route serves at a concrete path, for the `Allow` header of a 405: HEAD comes
 * with GET, as fastify answers it.
 */
export function allowedMethods(routes: readonly RouteMatcher[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (patternOf(route.url).test(path)) methods.add(route.method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
