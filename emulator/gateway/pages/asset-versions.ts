import { createHash } from 'node:crypto';

/**
 * The pages' scripts and stylesheets, each under an address that names its version: a page links
 * `/ui/cms.js?v=<tag>`, and each module imports the others by their versioned addresses too, so
 * the tag of a script covers every script it loads. A browser may then keep an asset for as long
 * as it likes and load a page without asking for its scripts again; the page itself is asked for
 * on every use, so a changed script reaches the browser under a new address with the next page.
 */
export interface VersionedAsset {
  /** The bytes as served: a module's imports of other assets point at their versioned addresses. */
  body: string;
  /** The tag of `body`, in the address and as its ETag. */
  version: string;
  /** Where a page finds it: `/ui/<name>?v=<version>`. */
  url: string;
}

/** The path the pages find their scripts and stylesheets under. */
export const ASSET_PATH = '/ui/';

/** The tag of some bytes: short, safe in an address and in a quoted ETag. */
export function tagOf(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 27);
}

/** A module's imports of its sibling assets (`from './api.js'`, `import './x.js'`). */
const SIBLING_IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])\.\/([\w.-]+)\2/g;

/**
 * Versions every asset, given each one's source by file name. A module is versioned after the
 * modules it imports, with its imports rewritten to their addresses; an import of a name that is
 * not an asset stays as it is (it is then not served, as before).
 */
export function versionAssets(sources: ReadonlyMap<string, string>): Map<string, VersionedAsset> {
  const versioned = new Map<string, VersionedAsset>();
  const visiting = new Set<string>();
  const version = (name: string): VersionedAsset | undefined => {
    const done = versioned.get(name);
    if (done) return done;
    const source = sources.get(name);
    if (source === undefined) return undefined;
    if (visiting.has(name))
      throw new Error(`The page scripts import each other in a circle through ${name}; a module's address could not name its imports' versions.`);
    visiting.add(name);
    const body = name.endsWith('.js')
      ? source.replace(SIBLING_IMPORT, (whole, lead: string, quote: string, imported: string) => {
          const asset = version(imported);
          return asset ? `${lead}${quote}./${imported}?v=${asset.version}${quote}` : whole;
        })
      : source;
    visiting.delete(name);
    const tag = tagOf(body);
    const asset = { body, version: tag, url: `${ASSET_PATH}${name}?v=${tag}` };
    versioned.set(name, asset);
    return asset;
  };
  for (const name of sources.keys()) version(name);
  return versioned;
}

/** A page's HTML with each link to an asset (`href="/ui/style.css"`, `src="/ui/cms.js"`) pointing at its versioned address. */
export function linkVersions(html: string, assets: ReadonlyMap<string, VersionedAsset>): string {
  return html.replace(/(\b(?:src|href)=)(["'])\/ui\/([\w.-]+)\2/g, (whole, attribute: string, quote: string, name: string) => {
    const asset = assets.get(name);
    return asset ? `${attribute}${quote}${asset.url}${quote}` : whole;
  });
}
