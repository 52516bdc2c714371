/**
 * Reads the project's requirements list (reports/requirements.md): one line per requirement under
 * an area heading, "- **ID** text", with [inferred] where the behaviour is an inference, and a
 * closing section of the conflicts between sources.
 */
export interface Requirement {
  id: string;
  area: string;
  text: string;
  inferred: boolean;
}

export interface Conflict {
  id: string;
  text: string;
}

export interface RequirementsList {
  requirements: Requirement[];
  conflicts: Conflict[];
}

const ITEM = /^- \*\*([A-Z]+-\d+)\*\*\s+(.+)$/;

export function parseRequirements(markdown: string): RequirementsList {
  const requirements: Requirement[] = [];
  const conflicts: Conflict[] = [];
  let area = '';
  let inConflicts = false;
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) {
      area = heading[1].trim();
      inConflicts = /conflict/i.test(area);
      continue;
    }
    const item = ITEM.exec(line.trim());
    if (!item) continue;
    const [, id, rest] = item;
    const inferred = /\[inferred\]/.test(rest);
    const text = rest.replace(/\s*\[inferred\]\s*/g, ' ').trim();
    if (inConflicts) conflicts.push({ id, text });
    else requirements.push({ id, area, text, inferred });
  }
  const seen = new Set<string>();
  for (const r of requirements) {
    if (seen.has(r.id)) throw new Error(`requirement ${r.id} is listed twice`);
    seen.add(r.id);
  }
  return { requirements, conflicts };
}

/** The requirement family of an ID: "CAP" for "CAP-3". */
export const familyOf = (id: string) => id.replace(/-\d+$/, '');
