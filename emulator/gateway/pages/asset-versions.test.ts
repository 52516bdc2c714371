import { expect, test } from 'vitest';
import { linkVersions, versionAssets } from './asset-versions';

const sources = () =>
  new Map([
    ['page.js', "import { api } from './api.js';\nimport { h } from './dom.js';\nimport('./later.js');\n"],
    ['dom.js', "import { api } from './api.js';\nimport WORDS from './words.js';\nexport const h = 1;\n"],
    ['api.js', 'export const api = 1;\n'],
    ['words.js', 'export default {};\n'],
    ['later.js', 'export const later = 1;\n'],
    ['style.css', 'body { margin: 0; }\n'],
  ]);

test('a module imports the other assets at their versioned addresses, and its version covers theirs', () => {
  const before = versionAssets(sources());
  expect(before.get('page.js')!.body).toContain(`from './api.js?v=${before.get('api.js')!.version}'`);
  expect(before.get('page.js')!.body).toContain(`import('./later.js?v=${before.get('later.js')!.version}')`);
  expect(before.get('dom.js')!.body).toContain(`from './words.js?v=${before.get('words.js')!.version}'`);
  expect(before.get('style.css')!.url).toBe(`/ui/style.css?v=${before.get('style.css')!.version}`);

  // A change two imports down reaches the page's own address; what does not depend on it keeps its own.
  const changed = sources();
  changed.set('words.js', 'export default { ok: "OK" };\n');
  const after = versionAssets(changed);
  for (const name of ['words.js', 'dom.js', 'page.js']) expect(after.get(name)!.url, name).not.toBe(before.get(name)!.url);
  for (const name of ['api.js', 'later.js', 'style.css']) expect(after.get(name)!.url, name).toBe(before.get(name)!.url);
});

test('an import of something that is not an asset is left as written', () => {
  const assets = versionAssets(new Map([['page.js', "import { x } from './missing.js';\nimport { y } from '/elsewhere.js';\n"]]));
  expect(assets.get('page.js')!.body).toBe("import { x } from './missing.js';\nimport { y } from '/elsewhere.js';\n");
});

test('modules that import each other in a circle are refused, naming one of them', () => {
  expect(() =>
    versionAssets(
      new Map([
        ['a.js', "import './b.js';"],
        ['b.js', "import './a.js';"],
      ]),
    ),
  ).toThrow(/circle through a\.js/);
});

test("a page's links to assets point at their versions; other links stay", () => {
  const assets = versionAssets(sources());
  const html =
    '<link rel="stylesheet" href="/ui/style.css"><script type="module" src="/ui/page.js"></script><a href="/ui/other.css">x</a><a href="/partner/">p</a>';
  expect(linkVersions(html, assets)).toBe(
    `<link rel="stylesheet" href="${assets.get('style.css')!.url}"><script type="module" src="${assets.get('page.js')!.url}"></script><a href="/ui/other.css">x</a><a href="/partner/">p</a>`,
  );
});
