import { badInput } from '../../kernel/problems';

/**
 * IAP/REST addresses datapoints as `{device}/if/{block}/{index}/{datapoint}`, each part either a
 * name, `*` for any, or either of those followed by `+key==value` conditions: `*+name==Room1`
 * (the device named Room1), `*+tag==lobby` on the datapoint part (the datapoints tagged lobby).
 * IAP is case-sensitive, so names and values are compared exactly; only provision states and
 * health, which the docs write in upper case in filters and lower case in answers, are compared
 * without regard to case.
 */

export interface Part {
  /** The name it gives, or undefined for `*`. */
  name?: string;
  conditions: { key: string; value: string }[];
}

export interface DatapointFilter {
  device: Part;
  block: Part;
  index?: number;
  datapoint: Part;
}

const DEVICE_KEYS = ['name', 'protocol', 'health', 'state', 'uid'];
const DATAPOINT_KEYS = ['name', 'tag', 'type'];

export function readPart(text: string, field: string, keys: readonly string[]): Part {
  const [head, ...rest] = text.split('+');
  if (head === '') throw badInput(field, 'must start with a name or * (for any), then optional +key==value conditions');
  const conditions = rest.map((condition) => {
    const at = condition.indexOf('==');
    if (at <= 0) throw badInput(field, `condition ${JSON.stringify(condition)} must read key==value, such as name==Room1`);
    const key = condition.slice(0, at);
    if (!keys.includes(key)) throw badInput(field, `unknown condition key ${JSON.stringify(key)}; use ${keys.join(', ')}`);
    return { key, value: condition.slice(at + 2) };
  });
  return { name: head === '*' ? undefined : head, conditions };
}

export function readDeviceFilter(text: string): Part {
  return readPart(text, 'filter', DEVICE_KEYS);
}

/** Reads the four parts of a datapoint address as the routes receive them. */
export function readDatapointFilter(device: string, block: string, index: string, datapoint: string): DatapointFilter {
  const blockPart = readPart(block, 'block', []);
  if (index !== '*' && !/^\d{1,6}$/.test(index)) throw badInput('index', 'must be a block index (0, 1, …) or * for any');
  return {
    device: readDeviceFilter(device),
    block: blockPart,
    index: index === '*' ? undefined : Number(index),
    datapoint: readPart(datapoint, 'datapoint', DATAPOINT_KEYS),
  };
}

/** Whether a value meets a condition: exact, except provision states and health, which ignore case. */
export function meets(key: string, actual: string | undefined, wanted: string): boolean {
  if (actual === undefined) return false;
  return key === 'state' || key === 'health' ? actual.toLowerCase() === wanted.toLowerCase() : actual === wanted;
}

/** Whether a name matches a part's head (`*` matches any). */
export const named = (part: Part, name: string) => part.name === undefined || part.name === name;
