/** Route documentation fields that the OpenAPI document is built from. */
declare module 'fastify' {
  interface FastifySchema {
    tags?: string[];
    summary?: string;
    description?: string;
    /** Who may call the operation, as OpenAPI security requirements; leave out for open operations. */
    security?: Array<Record<string, string[]>>;
    /**
     * The JSON body the operation reads, for the API document only. The core validates bodies
     * itself so that refusals name the field; a `body` schema would make fastify refuse first.
     */
    requestBody?: Record<string, unknown>;
    /** The operation also runs with no body at all (taking its defaults); otherwise a body is required. */
    bodyOptional?: boolean;
  }
}
export {};
