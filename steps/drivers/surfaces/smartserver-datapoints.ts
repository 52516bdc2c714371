import type { DatapointProperties, DatapointResource } from '../../../emulator/services/datapoints';
import type { CmsSession } from './types';

export type { DatapointProperties, DatapointResource };

/**
 * A SmartServer's datapoints through IAP/REST, as custom web pages and apps reach them: by address
 * (`{device}/if/{block}/{index}/{datapoint}`, each part a name or `*`, with `+name==…` or
 * `+tag==…` conditions). Reading and writing a value is refused for an unlicensed device.
 */
export interface SmartServerDatapoints {
  /** The values an address names (`*+name==LON-1/if/thermostat/0/nviSetpoint`), unpaged. */
  read(session: CmsSession, address: string): Promise<DatapointResource[]>;
  /** Every value an address names, read page by page through one snapshot; with how many pages it took. */
  readPaged(session: CmsSession, address: string, pageSize: number): Promise<{ pages: number; resources: DatapointResource[] }>;
  /** Writes a value to every datapoint an address names (Normal priority unless given). */
  write(session: CmsSession, address: string, value: number | null, priority?: number): Promise<void>;
  /** Tags the datapoints an address names: a datapoint property, allowed for unlicensed devices too. */
  tag(session: CmsSession, address: string, tags: string[]): Promise<void>;
  /** The datapoints of the devices a filter names, with their properties and tags (no values). */
  properties(session: CmsSession, deviceFilter: string): Promise<DatapointProperties[]>;
  /** Ends the session: its token is refused from then on. */
  logOut(session: CmsSession): Promise<void>;
}
