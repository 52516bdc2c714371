/**
 * The kit every service writes its JSON Schemas with. A schema is plain JSON Schema (fastify
 * validates and serializes with it, and the API document is built from it), and it also carries,
 * for TypeScript only, the type of the values it describes: `StaticOf<typeof LicenseSchema>` is the
 * license as the API answers it, so a client's types come from the same place as the document.
 *
 * Every object keeps `additionalProperties: true`: fastify serializes replies with these schemas,
 * and a property a schema forgot must still go out instead of vanishing. A schema with a `title`
 * becomes a named component of the API document.
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
export const email = (description?: string): Schema<string> => ({ type: 'string', format: 'email', ...described(description) });
export const uuid = (description?: string): Schema<string> => ({ type: 'string', format: 'uuid', ...described(description) });
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

export const installCode = (description = 'the SmartServer install code, 7 lowercase letters and digits (17q5t6a)'): Schema<string> => ({
  type: 'string',
  description,
  examples: ['17q5t6a'],
});

/** RFC 9457 problem details: every refusal, with a stable `code` and the field it concerns. */
export const ProblemSchema = object(
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
);
export type Problem = StaticOf<typeof ProblemSchema>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** The shared answer for every 4xx and 5xx: problem details. */
export const problemResponse = (description = 'Refused: problem details naming the rule or field') => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
});

/** A route's response schemas: its success answers plus problem details for every refusal. */
export function responses(success: Record<number, JsonSchema>): Record<string, unknown> {
  return { ...success, '4xx': problemResponse() };
}
