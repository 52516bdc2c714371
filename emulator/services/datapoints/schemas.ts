import { arrayOf, decimal, enumOf, installCode, int, object, type StaticOf, text } from '../../api-kit/schemas';

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

export const TagsBodySchema = { description: 'one tag, or a list of tags (letters, digits, _, . and -)', oneOf: [text(), arrayOf(text(), { minItems: 1 })] };

export const ValueBodySchema = {
  description: 'the new value as a bare JSON number (or {"value": n}); null releases the priority the write is made at',
  oneOf: [decimal(), { type: 'null' }, object(undefined, { value: decimal() })],
};

export const WebLoginBodySchema = object(
  'WebLogin',
  { username: text(), password: text(), next: text('where to go after the login, a page of this SmartServer') },
  ['next'],
);

export const CustomPageSchema = object('CustomPage', {
  name: text('its file name under /user/pages/'),
  contentType: text(),
  bytes: int(0),
  url: text('where the SmartServer serves it'),
});

export const datapointParams = object(undefined, {
  installCode: installCode(),
  id: text('the devices: a device number or name, or *, a device name or number, then optional conditions (*+name==Room1, *+protocol==lon, *+health==normal)'),
  block: text('the block name, or *'),
  index: text('the block index, or *'),
  datapoint: text('the datapoint name, or *; then optional conditions (*+tag==lobby, *+name==nvoTemp)'),
});

export const pageQuery = object(
  undefined,
  {
    pg: text('the page to read, from 1: answers {snapshot, resources, remainingPages}'),
    sz: text('datapoints per page, 20 unless given (at most 1000)'),
    xs: text('the snapshot the first page named'),
  },
  ['pg', 'sz', 'xs'],
);

export type DatapointResource = StaticOf<typeof DatapointResourceSchema>;
export type DatapointPage = StaticOf<typeof DatapointPageSchema>;
export type DatapointProperties = StaticOf<typeof DatapointPropertiesSchema>[number];
export type CustomPage = StaticOf<typeof CustomPageSchema>;
