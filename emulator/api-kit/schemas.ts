/**
 * The kit every service writes its JSON Schemas with. A schema is plain JSON Schema (fastify
 * validates and serializes with it, and the API document is built from it), and it also carries,
 * for TypeScript only, the type of the values it describes: `StaticOf<typeof LicenseSchema>` is the
 * license as the API answers it, so a client's types come from the same place as the document.
 *
 * Every object keeps `additionalProperties: true`: fastify serializes replies with these schemas,
 * and a property a schema forgot must still go out instead of vanishing. The API document closes
 * the objects of answers (the contract tests then catch a forgotten property); request bodies stay
 * open, as the rules ignore fields they do not know. A schema with a `title` becomes a named
 * component of the API document.
 */
export type JsonSchema = Record<string, unknown>;

declare const VALUE: unique symbol;

/** A JSON Schema that knows the TypeScript type of what it describes. */
export type Schema<T> = JsonSchema & { readonly [VALUE]?: T };

/** The type a schema describes; `unknown` for a plain JSON Schema written without the kit. */
export type StaticOf<S> = S extends { readonly [VALUE]?: infer T } ? (unknown extends T ? unknown : T) : unknown;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<P extends Record<string, JsonSchema>, O extends keyof P> = Simplify<
  { -readonly [K in Exclude<keyof P, O>]: StaticOf<P[K]> } & { -readonly [K in O]?: StaticOf<P[K]> }
>;

const described = (description?: string) => (description ? { description } : {});

/** An object whose properties are all required except those named in `optional`. */
export function object<P extends Record<string, JsonSchema>, O extends keyof P & string = never>(
  title: string | undefined,
  properties: P,
  optional: readonly O[] = [],
): Schema<ObjectOf<P, O>> {
  return {
    ...(title ? { title } : {}),
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name as O)),
    additionalProperties: true,
  };
}

export const arrayOf = <S extends JsonSchema>(items: S, extra: JsonSchema = {}): Schema<StaticOf<S>[]> => ({ type: 'array', items, ...extra });

/** A titled copy of an object schema with more properties, all of them required. */
export function extend<S extends JsonSchema, M extends Record<string, JsonSchema>>(base: S, title: string, more: M): Schema<StaticOf<S> & ObjectOf<M, never>> {
  return {
    ...base,
    title,
    properties: { ...(base.properties as Record<string, JsonSchema>), ...more },
    required: [...(base.required as string[]), ...Object.keys(more)],
  };
}

/** The schema, or null; an enumeration gets null among its values too. */
export const nullable = <S extends JsonSchema>(schema: S): Schema<StaticOf<S> | null> => ({
  ...schema,
  type: [schema.type as string, 'null'],
  ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
});

export const text = (description?: string): Schema<string> => ({ type: 'string', ...described(description) });
/**
 * Text a request must fill: at least one character that is not a space, at most `max` characters
 * (the rules trim what they read and refuse a blank or longer value, naming the field).
 */
export const filled = (description?: string, max = 200): Schema<string> => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  pattern: '\\S',
  ...described(description),
});
/**
 * Text a request may leave out: null or an empty string count as left out; anything else must
 * hold a character that is not a space and be at most `max` characters.
 */
export const optionalText = (description?: string, max = 200): Schema<string | null> => ({
  type: ['string', 'null'],
  maxLength: max,
  pattern: '^$|\\S',
  ...described(description),
});
/** The schema, or an empty string, which the rules read as left out. */
export const orEmpty = <S extends JsonSchema>(schema: S): Schema<StaticOf<S> | ''> => ({ anyOf: [schema, { const: '' }] });
/** An address the rules accept: something@somewhere.tld, no spaces, at most 254 characters. */
export const email = (description?: string): Schema<string> => ({
  type: 'string',
  format: 'email',
  pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  maxLength: 254,
  ...described(description),
});
/** The rules take a UUID in either case and answer it in lower case; no `urn:uuid:` prefix. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
export const uuid = (description?: string): Schema<string> => ({ type: 'string', format: 'uuid', pattern: UUID_PATTERN, ...described(description) });
export const date = (description?: string): Schema<string> => ({ type: 'string', format: 'date', ...described(description) });
export const timestamp = (description?: string): Schema<string> => ({ type: 'string', format: 'date-time', ...described(description) });
export const bool = (description?: string): Schema<boolean> => ({ type: 'boolean', ...described(description) });
/** Any whole number. */
export const integer = (description?: string): Schema<number> => ({ type: 'integer', ...described(description) });
/** Any number, whole or not. */
export const decimal = (description?: string): Schema<number> => ({ type: 'number', ...described(description) });
/** A whole number at least 0. */
export const count = (description?: string): Schema<number> => ({ type: 'integer', minimum: 0, ...described(description) });
/** A whole number within bounds (no upper bound when `max` is left out). */
export const int = (min: number, max?: number, description?: string): Schema<number> => ({
  type: 'integer',
  minimum: min,
  ...(max === undefined ? {} : { maximum: max }),
  ...described(description),
});
/** 0 or 1, as the partner portal's columns answer a yes or no. */
export const flag = (description: string): Schema<0 | 1> => ({ type: 'integer', enum: [0, 1], description });
/** One of the values, typed as the union of them when they are written out literally. */
export const enumOf = <const V extends readonly (string | number | boolean)[]>(values: V, description?: string): Schema<V[number]> => ({
  type: typeof values[0] === 'number' ? 'integer' : typeof values[0],
  enum: [...values],
  ...described(description),
});
/** Exactly one value. */
export const constant = <const V extends string | boolean>(value: V): Schema<V> => ({ type: typeof value, const: value });
/** The same schema with more words for the document (a default, examples, a pattern). */
export const withDetails = <S extends JsonSchema>(schema: S, details: JsonSchema): S => ({ ...schema, ...details });

export const INSTALL_CODE_PATTERN = '^[0-9a-z]{7}$';
export const installCode = (description = 'the SmartServer install code, 7 lowercase letters and digits (17q5t6a)'): Schema<string> => ({
  type: 'string',
  pattern: INSTALL_CODE_PATTERN,
  description,
  examples: ['17q5t6a'],
});

/** A SmartServer release as the rules read it: 4.0, 3.3 Update 1 (any case, spaces around). */
export const release = (description = 'a SmartServer release such as 3.3, 4.0 or "3.3 Update 1"'): Schema<string> => ({
  type: 'string',
  maxLength: 30,
  pattern: '^\\s*\\d+\\.\\d+(\\s+[Uu][Pp][Dd][Aa][Tt][Ee]\\s+\\d+)?\\s*$',
  description,
});

/**
 * RFC 9457 problem details: every refusal, with a stable `code` and the field it concerns. A
 * problem type may add members of its own, so the object stays open.
 */
export const ProblemSchema = withDetails(
  object(
    'Problem',
    {
      type: text('URI reference of the problem type: /problems/<code>'),
      title: text('short name of the HTTP status'),
      status: int(400, 599),
      detail: text('what was wrong and, where there is one, the way out'),
      code: withDetails(text('stable machine-readable reason, e.g. license-retired'), { pattern: '^[a-z0-9]+([-.][a-z0-9]+)*$' }),
      field: text('the request field at fault, for bad input (lines[0].model)'),
      instance: text('the request path that was refused'),
      successorId: uuid('for license-retired: the License ID that replaced the retired one, to use instead'),
    },
    ['field', 'instance', 'successorId'],
  ),
  { additionalProperties: {} },
);
export type Problem = StaticOf<typeof ProblemSchema>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The shared answer for every 4xx and 5xx: problem details. */
export const problemResponse = (description = 'Refused: problem details naming the rule or field') => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
});

/** A response header as the API document declares it. */
export interface HeaderSchema {
  description: string;
  schema: JsonSchema;
}

/**
 * A JSON answer that also carries headers the document declares: the body's schema under its
 * media type, the headers beside it (fastify serializes the body by the media type's schema).
 */
export function withHeaders(schema: JsonSchema, headers: Record<string, HeaderSchema>): JsonSchema {
  const description = typeof schema.description === 'string' ? schema.description : 'OK';
  return { description, headers, content: { 'application/json': { schema } } };
}

/** A route's response schemas: its success answers plus problem details for every refusal. */
export function responses(success: Record<number, JsonSchema>): Record<string, unknown> {
  return { ...success, '4xx': problemResponse() };
}
