/** Route documentation fields that the OpenAPI document is built from. */
declare module 'fastify' {
  interface FastifySchema {
    tags?: string[];
    summary?: string;
    description?: string;
  }
}
export {};
