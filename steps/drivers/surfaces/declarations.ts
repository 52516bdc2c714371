import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The interfaces declared under steps/drivers/surfaces, read with TypeScript's parser, for the
 * tests that hold the surfaces to their shape (small, documented) and list their operations.
 */
export interface DeclaredInterface {
  name: string;
  file: string;
  documented: boolean;
  methods: { name: string; documented: boolean }[];
  properties: { name: string; type: string }[];
}

const hasDoc = (node: ts.Node) => ts.getJSDocCommentsAndTags(node).length > 0;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

export function declaredInterfaces(dir: string = __dirname): DeclaredInterface[] {
  return filesUnder(dir).flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    return source.statements.filter(ts.isInterfaceDeclaration).map((node) => ({
      name: node.name.text,
      file,
      documented: hasDoc(node),
      methods: node.members.filter(ts.isMethodSignature).map((m) => ({ name: m.name.getText(source), documented: hasDoc(m) })),
      properties: node.members.filter(ts.isPropertySignature).map((p) => ({ name: p.name.getText(source), type: p.type?.getText(source) ?? '' })),
    }));
  });
}

/** The surfaces a map interface (SmartServerSurfaces, EcoStruxureSurfaces) names, each with its interface. */
export function surfacesOf(mapName: string, interfaces: DeclaredInterface[] = declaredInterfaces()): { surface: string; declared: DeclaredInterface }[] {
  const map = interfaces.find((i) => i.name === mapName);
  if (!map) throw new Error(`No interface ${mapName} under ${__dirname}`);
  return map.properties.map((p) => {
    const declared = interfaces.find((i) => i.name === p.type);
    if (!declared) throw new Error(`${mapName}.${p.name} is a ${p.type}, which is not declared under ${__dirname}`);
    return { surface: p.name, declared };
  });
}
