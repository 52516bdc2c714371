/** The types of datapoints.js, for the tests that import it. */
export interface Resource {
  deviceName: string;
  blockName: string;
  blockIndex: number;
  datapointName: string;
  value: number;
}
export function rootOf(pathname: string): string;
export function loginUrl(root: string, page: string): string;
export class LoginNeeded extends Error {
  login: string;
}
export function readTagged(
  tag: string,
  options?: { root?: string; page?: string; pageSize?: number; fetchImpl?: (url: string, init?: RequestInit) => Promise<Response> },
): Promise<{ pages: number; resources: Resource[] }>;
export function rowsOf(resources: Resource[]): string[][];
export function showTagged(document: Document, location: Location, tag: string): Promise<void>;
