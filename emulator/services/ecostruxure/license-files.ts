import { badInput } from '../../kernel/problems';
import { requireObject } from '../../kernel/validate';
import type { TextFile } from './certificate';
import type { BmsServer, LicenseRequest, RequestKind } from './store';

/**
 * The request and response files of the offline workflow. Device Administrator writes a request
 * file for a server, the License Activation Server turns it into a response file, and Device
 * Administrator sends that to the server. The real files are opaque; ours are small JSON
 * documents that name their request, so a file given at the wrong step is refused by name.
 */
export type FileRole = 'request' | 'response';

export interface LicenseFileLine {
  licenseId: string;
  activationId: string;
  feature: string;
  quantity: number;
}

export interface LicenseFileContent {
  format: 'ecostruxure-license-file';
  role: FileRole;
  kind: RequestKind;
  requestId: string;
  server: { serverId: string; name: string; product: string };
  licenses: LicenseFileLine[];
  writtenAt: string;
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');

export function licenseFile(
  role: FileRole,
  request: LicenseRequest,
  server: BmsServer,
  licenses: LicenseFileLine[],
  writtenAt: string,
): TextFile & { requestId: string } {
  const content: LicenseFileContent = {
    format: 'ecostruxure-license-file',
    role,
    kind: request.kind,
    requestId: request.requestId,
    server: { serverId: server.serverId, name: server.name, product: server.product },
    licenses,
    writtenAt,
  };
  return {
    fileName: `${safe(server.name)}_${request.kind}_${role}_${request.requestId.slice(0, 8)}.json`,
    content: `${JSON.stringify(content, null, 2)}\n`,
    requestId: request.requestId,
  };
}

const article = (kind: RequestKind) => (kind === 'activation' ? 'an activation' : 'a return');

/** Reads a request or response file given in a request body; refusals name the field and what was expected. */
export function readLicenseFile(value: unknown, field: string, role: FileRole, kind?: RequestKind): LicenseFileContent {
  const file = requireObject(value, field);
  const wanted = `${kind ? `${article(kind)} ` : 'a '}${role} file`;
  if (typeof file.content !== 'string') throw badInput(`${field}.content`, `must hold the text of ${wanted}`);
  let parsed: Partial<LicenseFileContent>;
  try {
    parsed = JSON.parse(file.content) as Partial<LicenseFileContent>;
  } catch {
    throw badInput(`${field}.content`, `is not ${wanted}; it could not be read`);
  }
  if (parsed?.format !== 'ecostruxure-license-file' || typeof parsed.requestId !== 'string' || !Array.isArray(parsed.licenses)) {
    throw badInput(`${field}.content`, `is not ${wanted}`);
  }
  if (parsed.role !== role) throw badInput(`${field}.content`, `is a ${parsed.role} file; ${wanted} is needed here`);
  if (kind && parsed.kind !== kind) throw badInput(`${field}.content`, `belongs to ${article(parsed.kind as RequestKind)}, not to ${article(kind)}`);
  return parsed as LicenseFileContent;
}
