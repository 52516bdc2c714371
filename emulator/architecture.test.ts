import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cyclesOf, folderOf, foldedToFolders, readImportGraph } from './testing/import-graph';

/*
 * The emulator's house rules, checked against the code as it is written. Each check lists every file or
 * import that breaks it, so a failure says what to move rather than only that something moved.
 */

const ROOT = join(__dirname, '..');
const FOLDERS = ['bin', 'cli', 'models', 'emulator', 'steps', 'reports', 'bench', 'partner-kit', 'examples'] as const;
const SERVICES = 'emulator/services';
const REGISTRY = `${SERVICES}/registry.ts`;

const graph = readImportGraph(ROOT, FOLDERS);
const imports = [...graph.edges].flatMap(([file, targets]) => targets.map((target) => ({ file, target })));

const under =
  (...folders: string[]) =>
  (path: string) =>
    folders.some((folder) => path.startsWith(`${folder}/`));

/** The service a path belongs to (`smartserver` for `emulator/services/smartserver/routes/cms.ts`); none for the registry. */
const serviceOf = (path: string) => /^emulator\/services\/([^/]+)\//.exec(path)?.[1];
const isServiceIndex = (path: string) => /^emulator\/services\/[^/]+\/index\.ts$/.test(path);

const arrow = ({ file, target }: { file: string; target: string }) => `${file} → ${target}`;

/** The imports made by the files `from` picks, and those among them `allowed` turns down, written `file → import`. */
function check(from: (file: string) => boolean, allowed: (target: string, file: string) => boolean) {
  const checked = imports.filter(({ file }) => from(file));
  const broken = checked.filter(({ file, target }) => !allowed(target, file)).map(arrow);
  return { checked: checked.length, files: new Set(checked.map(({ file }) => file)).size, broken };
}

/** The shortest loop through each member of a cycle, each loop once, written `a → b → a`: a place to start cutting. */
function shortestLoops(members: string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const inCycle = new Set(members);
  const loops = new Set<string>();
  for (const start of members) {
    const cameFrom = new Map<string, string>();
    const queue = [start];
    let last: string | undefined;
    while (queue.length > 0 && last === undefined) {
      const node = queue.shift()!;
      for (const next of edges.get(node) ?? []) {
        if (next === start) last = node;
        else if (inCycle.has(next) && !cameFrom.has(next)) {
          cameFrom.set(next, node);
          queue.push(next);
        }
        if (last !== undefined) break;
      }
    }
    const ring: string[] = [];
    for (let node = last!; node !== start; node = cameFrom.get(node)!) ring.unshift(node);
    ring.unshift(start);
    // The same loop is found from each of its members; turned to start at its least member it is written once.
    const least = ring.indexOf([...ring].sort()[0]);
    const turned = [...ring.slice(least), ...ring.slice(0, least)];
    loops.add([...turned, turned[0]].join(' → '));
  }
  return [...loops].sort();
}

function describeCycle(members: string[], edges: ReadonlyMap<string, readonly string[]>, links: string[]): string {
  const loops = shortestLoops(members, edges);
  return `cycle among ${members.join(', ')}\n    shortest loops:\n      ${loops.join('\n      ')}\n    imports between them:\n      ${links.join('\n      ')}`;
}

function report(what: string, broken: string[]): string {
  return `${broken.length} ${what}:\n  ${broken.join('\n  ')}`;
}

test('no file imports itself back through other files', () => {
  const cycles = cyclesOf(graph.edges);
  console.log(`import cycles: ${cycles.length} among ${graph.files.length} files in ${FOLDERS.join(', ')}`);
  // Each cycle comes with its shortest loops and every import among its files, to choose which one to cut.
  const described = cycles.map((members) => {
    const inCycle = new Set(members);
    const links = imports.filter(({ file, target }) => inCycle.has(file) && inCycle.has(target)).map(arrow);
    return describeCycle(members, graph.edges, links);
  });
  expect(described, report('import cycles between files', described)).toEqual([]);
});

describe('no folder imports itself back through other folders', () => {
  for (const [depth, example] of [
    [2, 'emulator/kernel, steps/drivers'],
    [3, 'emulator/services/smartserver, steps/drivers/api'],
  ] as const) {
    test(`folders ${depth} levels deep (such as ${example})`, () => {
      const folded = foldedToFolders(graph, depth);
      const cycles = cyclesOf(folded);
      console.log(`folder cycles at depth ${depth}: ${cycles.length} among ${folded.size} folders in ${FOLDERS.join(', ')}`);
      // Files that never form a cycle can still tie two folders both ways; the crossing imports show where.
      const described = cycles.map((members) => {
        const inCycle = new Set(members);
        const crossings = imports
          .filter(({ file, target }) => {
            const from = folderOf(file, depth);
            const into = folderOf(target, depth);
            return from !== into && inCycle.has(from) && inCycle.has(into);
          })
          .map(arrow);
        return describeCycle(members, folded, crossings);
      });
      expect(described, report(`folder cycles at depth ${depth}`, described)).toEqual([]);
    });
  }
});

describe('the emulator is built in layers', () => {
  test('the kernel uses only the models and itself', () => {
    const { checked, files, broken } = check(under('emulator/kernel'), under('models', 'emulator/kernel'));
    console.log(`kernel layer: ${broken.length} of ${checked} imports from ${files} files reach beyond models and emulator/kernel`);
    expect(broken, report('kernel imports outside models and emulator/kernel', broken)).toEqual([]);
  });

  test('the api kit uses only the models, the kernel and itself', () => {
    const { checked, files, broken } = check(under('emulator/api-kit'), under('models', 'emulator/kernel', 'emulator/api-kit'));
    console.log(`api-kit layer: ${broken.length} of ${checked} imports from ${files} files reach beyond models, kernel and api-kit`);
    expect(broken, report('api-kit imports outside models, kernel and api-kit', broken)).toEqual([]);
  });

  test('a service uses the models, the kernel, the api kit, its own files and only the index.ts of other services', () => {
    const { checked, files, broken } = check(under(SERVICES), (target, file) => {
      if (under('models', 'emulator/kernel', 'emulator/api-kit')(target)) return true;
      if (!under(SERVICES)(target)) return false;
      // Inside its own folder a service is free; another service (or the registry) sees only an index.ts.
      const own = serviceOf(file);
      return (own !== undefined && serviceOf(target) === own) || isServiceIndex(target);
    });
    console.log(`services layer: ${broken.length} of ${checked} imports from ${files} files break the service boundaries`);
    expect(broken, report('service imports outside the allowed layers or into another service past its index.ts', broken)).toEqual([]);
  });

  test('the control plane stays out of the gateway, the runtime and the test kits, and reaches services through their index.ts or the registry', () => {
    const { checked, files, broken } = check(under('emulator/control-plane'), (target) => {
      if (under('emulator/gateway', 'emulator/runtime', 'emulator/testing')(target)) return false;
      return !under(SERVICES)(target) || isServiceIndex(target) || target === REGISTRY;
    });
    console.log(`control-plane layer: ${broken.length} of ${checked} imports from ${files} files break its boundaries`);
    expect(broken, report('control-plane imports into gateway, runtime, testing or past a service index.ts', broken)).toEqual([]);
  });

  test('the gateway and the runtime reach a service only through its index.ts or the registry', () => {
    const { checked, files, broken } = check(
      under('emulator/gateway', 'emulator/runtime'),
      (target) => !under(SERVICES)(target) || isServiceIndex(target) || target === REGISTRY,
    );
    console.log(`service faces: ${broken.length} of ${checked} imports from ${files} gateway and runtime files pass a service's index.ts`);
    expect(broken, report('gateway or runtime imports past a service index.ts', broken)).toEqual([]);
  });

  test('the gateway stays out of the runtime and the test kits', () => {
    const { checked, files, broken } = check(under('emulator/gateway'), (target) => !under('emulator/runtime', 'emulator/testing')(target));
    console.log(`gateway layer: ${broken.length} of ${checked} imports from ${files} files reach the runtime or the test kits`);
    expect(broken, report('gateway imports into runtime or testing', broken)).toEqual([]);
  });

  test('only the test kits themselves import the test kits', () => {
    const from = (file: string) => under('emulator')(file) && !under('emulator/testing')(file);
    const { checked, files, broken } = check(from, (target) => !under('emulator/testing')(target));
    console.log(`test kits: ${broken.length} of ${checked} imports from ${files} shipped emulator files reach emulator/testing`);
    expect(broken, report('shipped emulator files importing emulator/testing', broken)).toEqual([]);
  });

  test('the emulator does not reach into the steps, the command line, bin, the reports, the partner kit or the examples', () => {
    const { checked, files, broken } = check(under('emulator'), (target) => !under('steps', 'cli', 'bin', 'reports', 'partner-kit', 'examples')(target));
    console.log(`emulator outward: ${broken.length} of ${checked} imports from ${files} files reach steps, cli, bin, reports, partner-kit or examples`);
    expect(broken, report('emulator imports into steps, cli, bin, reports, partner-kit or examples', broken)).toEqual([]);
  });
});

describe("the partners' kit is an adapter on top, and the examples are partners' code", () => {
  test('the partner kit uses the runtime, the gateway and the API drivers (with their types and HTTP client), and itself', () => {
    const allowed = under('partner-kit', 'emulator/runtime', 'emulator/gateway', 'steps/drivers/api', 'steps/drivers/surfaces');
    const { checked, files, broken } = check(under('partner-kit'), (target) => allowed(target) || target === 'steps/drivers/http-client.ts');
    console.log(`partner-kit layer: ${broken.length} of ${checked} imports from ${files} files reach beyond the runtime, the gateway and the API drivers`);
    expect(broken, report('partner-kit imports outside runtime, gateway and the API drivers', broken)).toEqual([]);
  });

  test('no shipped file imports the partner kit: only tests do', () => {
    const { checked, files, broken } = check(
      (file) => !under('partner-kit')(file),
      (target) => !under('partner-kit')(target),
    );
    console.log(`partner-kit users: ${broken.length} of ${checked} imports from ${files} files outside it reach the partner kit`);
    expect(broken, report('files other than tests importing the partner kit', broken)).toEqual([]);
  });

  test('an example integration imports nothing of this project but its own files', () => {
    const exampleOf = (path: string) => /^examples\/([^/]+)\//.exec(path)?.[1];
    const { checked, files, broken } = check(under('examples'), (target, file) => exampleOf(target) === exampleOf(file));
    console.log(`examples: ${broken.length} of ${checked} imports from ${files} files reach outside their own example`);
    expect(broken, report('example files importing from outside their example', broken)).toEqual([]);
  });
});

/**
 * The source with comments blanked and the text of strings, template literals and regular expressions
 * blanked, so only code is left to search. Line breaks stay where they were, for line numbers.
 */
function codeOf(source: string): string {
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  // A slash after one of these starts a regular expression; after a name, a number or `)` it divides.
  const regexMayFollow = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|instanceof|yield|await))$/;
  const open: number[] = []; // for each `${` we are inside: the braces opened within it and not yet closed
  let out = '';
  let i = 0;

  // From just inside a template literal to its closing backtick or its next `${`.
  const template = () => {
    const start = i;
    while (i < source.length) {
      if (source[i] === '\\') i += 2;
      else if (source[i] === '`') {
        out += `${blank(source.slice(start, i))}\``;
        i++;
        return;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        out += `${blank(source.slice(start, i))}\${`;
        i += 2;
        open.push(0);
        return;
      } else i++;
    }
    out += blank(source.slice(start));
  };

  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && (next === '/' || next === '*')) {
      const end = next === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : next === '/' ? end : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += `${c}${blank(source.slice(i + 1, j))}${c}`;
      i = j + 1;
    } else if (c === '`') {
      out += c;
      i++;
      template();
    } else if (c === '}' && open.length > 0 && open[open.length - 1] === 0) {
      open.pop();
      out += c;
      i++;
      template();
    } else if (c === '/' && regexMayFollow.test(out.trimEnd().slice(-12))) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length && source[j] !== '\n' && (inClass || source[j] !== '/')) {
        if (source[j] === '\\') j++;
        else if (source[j] === '[') inClass = true;
        else if (source[j] === ']') inClass = false;
        j++;
      }
      out += `/${blank(source.slice(i + 1, j))}/`;
      i = j + 1;
    } else {
      if (open.length > 0 && c === '{') open[open.length - 1]++;
      if (open.length > 0 && c === '}') open[open.length - 1]--;
      out += c;
      i++;
    }
  }
  return out;
}

const NODE_GLOBALS = ['process', 'Buffer'];

/** Where code uses `process` or `Buffer` as Node's globals: not as a property (`x.process`) nor as a key (`{ process: … }`). */
function nodeGlobalsIn(source: string): { name: string; line: number }[] {
  const code = codeOf(source);
  const found: { name: string; line: number }[] = [];
  for (const match of code.matchAll(new RegExp(`(?<![\\w$])(${NODE_GLOBALS.join('|')})(?![\\w$])`, 'g'))) {
    const before = code.slice(Math.max(0, match.index - 16), match.index);
    const after = code.slice(match.index + match[0].length, match.index + match[0].length + 4);
    const property = /(?:^|[^.])\.\s*$/.test(before) && !/(?:^|[^\w$])globalThis\s*\??\.\s*$/.test(before);
    const key = /^\s*\??:/.test(after) && !/\?\s*$/.test(before);
    if (!property && !key) found.push({ name: match[1], line: code.slice(0, match.index).split('\n').length });
  }
  return found;
}

const isNodeBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
const isDatabaseDriver = (name: string) => name === 'better-sqlite3' || name.startsWith('better-sqlite3/');
const environmentFree = graph.files.filter(under('emulator/kernel', SERVICES));

describe('the kernel and the services run without Node', () => {
  test('reading code only: words in comments, strings, templates and regular expressions do not count', () => {
    // `#{` stands for a template's `${`, which a plain string here may not hold.
    const source = [
      '// process.env is read by the runtime',
      '/* a Buffer would be Node\'s */ const a = "process";',
      "const b = 'Buffer', c = `process #{'Buffer'} #{{ x: 1 }.x} process`;",
      'const d = /process|Buffer/g.test(a) ? 1 : 2 / 2;',
      'const e = { process: 1 }, f = e.process, g = e?.process;',
      'const h = `#{process.env.HOME}`;',
      'const i = Buffer.from(a);',
      'const j = globalThis.process;',
      'const k = /[\'"`]/.test(a) && (4 / 2) / 1, l = process.pid;',
      '/* process',
      '   Buffer */ const m = [...Buffer.from(a)];',
    ]
      .join('\n')
      .replaceAll('#{', '$' + '{');
    expect(nodeGlobalsIn(source)).toEqual([
      { name: 'process', line: 6 },
      { name: 'Buffer', line: 7 },
      { name: 'process', line: 8 },
      { name: 'process', line: 9 },
      { name: 'Buffer', line: 11 },
    ]);
  });

  test('the kernel and the services import no Node built-in and no database driver', () => {
    const broken = environmentFree.flatMap((file) =>
      (graph.packages.get(file) ?? []).filter((name) => isNodeBuiltin(name) || isDatabaseDriver(name)).map((name) => `${file} → ${name}`),
    );
    console.log(`environment-free imports: ${broken.length} Node built-ins or database drivers among ${environmentFree.length} kernel and service files`);
    expect(broken, report('kernel or service imports of Node built-ins or better-sqlite3', broken)).toEqual([]);
  });

  test('the kernel and the services do not use the globals process or Buffer', () => {
    const broken = environmentFree.flatMap((file) =>
      nodeGlobalsIn(readFileSync(join(ROOT, file), 'utf8')).map(({ name, line }) => `${file}:${line} uses ${name}`),
    );
    console.log(`environment-free globals: ${broken.length} uses of ${NODE_GLOBALS.join(' or ')} in ${environmentFree.length} kernel and service files`);
    expect(broken, report('uses of process or Buffer in the kernel or a service', broken)).toEqual([]);
  });
});

describe('every service has the same shape', () => {
  const services = readdirSync(join(ROOT, SERVICES), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  test('each service folder has index.ts, readme.md, schemas.ts and routes.ts or a routes folder', () => {
    const broken = services.flatMap((service) => {
      const has = (name: string) => existsSync(join(ROOT, SERVICES, service, name));
      const missing = ['index.ts', 'readme.md', 'schemas.ts'].filter((name) => !has(name));
      if (!has('routes.ts') && !has('routes')) missing.push('routes.ts or routes/');
      return missing.length > 0 ? [`${SERVICES}/${service}: no ${missing.join(', ')}`] : [];
    });
    console.log(`service shape: ${broken.length} of ${services.length} services (${services.join(', ')}) miss a file`);
    expect(broken, report('services missing part of their shape', broken)).toEqual([]);
  });

  test('the registry imports every service through its index.ts and nothing else from the services', () => {
    const listed = graph.edges.get(REGISTRY);
    const broken: string[] = [];
    if (listed === undefined) broken.push(`${REGISTRY} does not exist`);
    const reached = (listed ?? []).filter(under(SERVICES));
    for (const service of services) {
      const index = `${SERVICES}/${service}/index.ts`;
      if (!reached.includes(index)) broken.push(`${REGISTRY} does not import ${index}`);
    }
    for (const target of reached) if (!isServiceIndex(target)) broken.push(`${REGISTRY} → ${target} (only a service's index.ts)`);
    console.log(`service registry: ${reached.length} imports from the services for ${services.length} services, ${broken.length} problems`);
    expect(broken, report('registry problems', broken)).toEqual([]);
  });
});
