import ValidatorSelector from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Fastify's own schema compilers (ajv for the requests, fast-json-stringify for the answers), each
 * schema compiled when its route first needs it instead of all of them when the application
 * starts. The emulator declares a few hundred routes and a run uses a fraction of them, and
 * compiling them all was most of an emulator's start: a test run starts one per worker or target.
 * The compiled functions are the very ones fastify would have made, with the same options and
 * shared schemas, so every answer is the same; only when the compiling happens moves.
 */

/** What fastify hands a compiler for one part of one route. */
interface CompileRequest {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
}

/** An ajv validator as fastify calls it: `errors` after a refusal, `schemaEnv` when it may coerce the root value. */
interface Validator {
  (data: unknown, context?: unknown): unknown;
  errors?: unknown;
  schemaEnv?: unknown;
}

type Compile<F> = (request: CompileRequest) => F;
type ValidatorFactory = (externalSchemas: unknown, options: unknown) => Compile<Validator>;
type SerializerFactory = (externalSchemas: unknown, options: unknown) => Compile<(data: unknown) => string>;

/** A validator that compiles its schema on first use; fastify reads `schemaEnv` just before each call, so that read compiles too. */
function lazyValidator(compile: Compile<Validator>, request: CompileRequest): Validator {
  let compiled: Validator | undefined;
  const real = () => (compiled ??= compile(request));
  const validate = ((data: unknown, context?: unknown) => (context === undefined ? real()(data) : real()(data, context))) as Validator;
  Object.defineProperties(validate, {
    errors: { get: () => real().errors },
    schemaEnv: { get: () => real().schemaEnv },
  });
  return validate;
}

function lazySerializer(compile: Compile<(data: unknown) => string>, request: CompileRequest): (data: unknown) => string {
  let compiled: ((data: unknown) => string) | undefined;
  return (data) => (compiled ??= compile(request))(data);
}

/**
 * A route's request headers are compiled by fastify with their names lower-cased, which it skips
 * for a compiler of one's own; no route declares them, and one that does is refused at start
 * rather than checked with names that never match.
 */
function refuseHeaderSchemas(request: CompileRequest): void {
  if (request.httpPart === 'headers') {
    throw new Error(`${request.method} ${request.url} declares request headers; the emulator's schema compilers do not lower-case header names`);
  }
}

/** What fastify hands the validator factory: ajv's options among them. */
interface ValidatorOptions {
  customOptions?: Record<string, unknown>;
}

/**
 * Ajv's options less its check of each schema against the JSON Schema meta-schema, which compiles
 * that meta-schema in every process that compiles a route (a tenth of a second and more, the
 * largest single part of a short run's compiling). The route schemas are the emulator's own code,
 * not input: lazy-schemas.test.ts compiles every one of them with fastify's own compilers, meta-schema
 * check and all, so a malformed schema still fails the tests.
 */
function withoutSchemaCheck(options: ValidatorOptions): ValidatorOptions {
  return { ...options, customOptions: { ...options.customOptions, validateSchema: false } };
}

/**
 * One compiled function per distinct schema. Routes declare the same parts over and over (a
 * SmartServer's install code as the path parameter, the problem details of every refusal), each
 * as an object of its own, and compiling each copy again was two thirds of a run's compiling. What
 * a compiler makes depends on nothing but the schema and the compiler's own options and shared
 * schemas, so routes whose schemas read alike can share one function: fastify calls a validator
 * and reads its `errors` in one go, and a serializer keeps no state between calls.
 */
export function compiledOncePerSchema<F>(compile: Compile<F>): Compile<F> {
  const compiled = new Map<string, F>();
  return (request) => {
    const key = JSON.stringify(request.schema);
    let done = compiled.get(key);
    if (done === undefined) {
      done = compile(request);
      compiled.set(key, done);
    }
    return done;
  };
}

/** The same sharing compiler for the same factory's compiler: fastify asks the factory again for each encapsulated context. */
function sharedBy<F>(cache: WeakMap<Compile<F>, Compile<F>>, compile: Compile<F>): Compile<F> {
  let shared = cache.get(compile);
  if (!shared) {
    shared = compiledOncePerSchema(compile);
    cache.set(compile, shared);
  }
  return shared;
}

/** The `schemaController` option that makes an application compile each schema on first use. */
export function lazySchemaCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const validators = (ValidatorSelector as unknown as () => ValidatorFactory)();
  const serializers = (SerializerSelector as unknown as () => SerializerFactory)();
  const sharedValidators = new WeakMap<Compile<Validator>, Compile<Validator>>();
  const sharedSerializers = new WeakMap<Compile<(data: unknown) => string>, Compile<(data: unknown) => string>>();
  return {
    compilersFactory: {
      buildValidator: (externalSchemas: unknown, options: ValidatorOptions) => {
        const compile = sharedBy(sharedValidators, validators(externalSchemas, withoutSchemaCheck(options)));
        return (request: CompileRequest) => {
          refuseHeaderSchemas(request);
          return lazyValidator(compile, request);
        };
      },
      buildSerializer: (externalSchemas: unknown, options: unknown) => {
        const compile = sharedBy(sharedSerializers, serializers(externalSchemas, options));
        return (request: CompileRequest) => lazySerializer(compile, request);
      },
    } as never,
  };
}
