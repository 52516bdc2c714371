import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenApiDocument } from './openapi';

/**
 * Request and response examples for the API document, one per operation, recorded from real
 * exchanges with the emulator by `examples.test.ts` and committed as `examples.generated.json`
 * (that test fails when a recording and the file drift apart). Answers that are not JSON (pages,
 * scripts) and the document itself are kept abridged.
 */

export interface RecordedExchange {
  /** The body sent, where the operation takes one. */
  request?: { contentType: string; value: unknown };
  /** For a WebSocket (101), the first message the socket sent. */
  response: { status: number; contentType: string; value: unknown };
  /** True when the answer was cut short for the document. */
  abridged?: boolean;
}

/** Keyed by "METHOD /path/{template}". */
export type RecordedExamples = Record<string, RecordedExchange>;

export const EXAMPLES_FILE = join(__dirname, 'examples.generated.json');

export function loadExamples(file = EXAMPLES_FILE): RecordedExamples {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RecordedExamples) : {};
}

const baseMediaType = (contentType: string) => contentType.split(';')[0].trim().toLowerCase();

/** The document with each operation's recorded request body and answer as their `example`. */
export function withExamples(document: OpenApiDocument, examples: RecordedExamples): OpenApiDocument {
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const recorded = examples[`${method.toUpperCase()} ${path}`];
      if (!recorded) continue;
      const { request, response } = recorded;
      if (request && operation.requestBody) {
        const media = operation.requestBody.content[baseMediaType(request.contentType)];
        if (media) Object.assign(media, { example: request.value });
      }
      const answer = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`];
      if (!answer) continue;
      const mediaType = baseMediaType(response.contentType);
      if (response.status === 101) {
        // What a WebSocket sends is not an HTTP answer: its messages are shown beside the 101.
        answer.content = { [mediaType]: { schema: { type: 'object', description: 'each message sent on the socket' }, example: response.value } as never };
        continue;
      }
      const media = answer.content?.[mediaType];
      if (media) Object.assign(media, { example: response.value });
    }
  }
  return document;
}
