import { arrayOf, decimal, enumOf, filled, installCode, int, object, optionalText, type StaticOf, text, withDetails } from '../../api-kit/schemas';

/** The shapes of IAP/REST datapoint answers, as the developer's guide and its example pages use them. */

export const DatapointResourceSchema = object('DatapointResource', {
  deviceName: text('the device (its handle in IAP/MQ topics)'),
  blockName: text('the functional block (lightSensor, analogValue, phase, …)'),
  blockIndex: int(0, undefined, "the block's index"),
  datapointName: text('the datapoint (nvoLuxLevel, presentValue, voltage, …)'),
  value: decimal('its value now'),
});

export const DatapointListSchema = arrayOf(DatapointResourceSchema);

export const DatapointPageSchema = object('DatapointPage', {
  snapshot: text('names the snapshot the first page took: send it as xs with the next pages'),
  resources: DatapointListSchema,
  remainingPages: int(0, undefined, 'pages after this one'),
});

export const DatapointPropertiesSchema = arrayOf(
  object('DatapointProperties', {
    deviceName: text(),
    blockName: text(),
    blockIndex: int(0),
    datapointName: text(),
    type: text('its type in the protocol: SNVT_temp_p, analog-value, holding register, …'),
    unit: text(),
    direction: enumOf(['input', 'output'], 'inputs take writes; outputs are what the device reports and follow the clock'),
    pollSeconds: int(1, undefined, 'how often an output is polled, so how often its value may change'),
    tags: arrayOf(text()),
  }),
);

export const tagText = withDetails(text('a tag: letters, digits, _, . and -'), { minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.-]+$' });

export const TagsBodySchema = { description: 'one tag, or a list of tags (letters, digits, _, . and -)', oneOf: [tagText, arrayOf(tagText, { minItems: 1 })] };

export const ValueBodySchema = {
  description: 'the new value as a bare JSON number (or {"value": n}); null releases the priority the write is made at',
  oneOf: [decimal(), { type: 'null' }, object(undefined, { value: decimal() })],
};

export const WebLoginBodySchema = object(
  'WebLogin',
  { username: filled(undefined, 60), password: filled(), next: text('where to go after the login, a page of this SmartServer') },
  ['next'],
);

export const CustomPageSchema = object('CustomPage', {
  name: text('its file name under /user/pages/'),
  contentType: text(),
  bytes: int(0),
  url: text('where the SmartServer serves it'),
});

/** A part of an address: a name or * (for any), then optional +key==value conditions with the keys given. */
export const addressPart = (description: string, keys: readonly string[]) => ({
  type: 'string',
  maxLength: 500,
  pattern: keys.length ? `^[^+]+(\\+(${keys.join('|')})==[^+]*)*$` : '^[^+]+$',
  description,
});

export const DEVICE_KEYS = ['name', 'protocol', 'health', 'state', 'uid'] as const;

/** The short form `*+name=={datapoint}` (or the bare name): it must name the datapoint. */
export const datapointNameFilter = {
  type: 'string',
  maxLength: 500,
  pattern: '^(?:(?!\\*$)[^+]+|[^+]+\\+name==[^+]+(?:\\+name==[^+]*)*)$',
  description: '*+name=={datapoint}, or the datapoint name',
};

export const datapointParams = object(undefined, {
  installCode: installCode(),
  id: addressPart('the devices: a device number or name, or *, then optional conditions (*+name==Room1, *+protocol==lon, *+health==normal)', DEVICE_KEYS),
  block: addressPart('the block name, or *', []),
  index: { type: 'string', pattern: '^(\\*|[0-9]{1,6})$', description: 'the block index (0, 1, …), or *' },
  datapoint: addressPart('the datapoint name, or *; then optional conditions (*+tag==lobby, *+name==nvoTemp)', ['name', 'tag', 'type']),
});

/** A whole number from 1 to a bound, as query text; empty counts as left out. */
const wholeNumberText = (description: string, bound: string) => ({
  type: 'string',
  pattern: `^(0*([1-9][0-9]{0,${bound.length - 2}}|${bound})|)$`,
  description,
});

export const pageQuery = object(
  undefined,
  {
    pg: wholeNumberText('the page to read, from 1 (at most 1000000): answers {snapshot, resources, remainingPages}', '1000000'),
    sz: wholeNumberText('datapoints per page, 20 unless given (at most 1000)', '1000'),
    xs: optionalText('the snapshot the first page named (with pg)', 64),
  },
  ['pg', 'sz', 'xs'],
);

export type DatapointResource = StaticOf<typeof DatapointResourceSchema>;
export type DatapointPage = StaticOf<typeof DatapointPageSchema>;
export type DatapointProperties = StaticOf<typeof DatapointPropertiesSchema>[number];
export type CustomPage = StaticOf<typeof CustomPageSchema>;
