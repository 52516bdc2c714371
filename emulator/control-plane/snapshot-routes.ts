import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../kernel/emulator';
import { badInput, conflict, notFound } from '../kernel/problems';
import type { EmulatorState } from '../kernel/state';
import { optionalString, requireObject } from '../kernel/validate';
import { arrayOf, responses } from '../api-kit/schemas';
import { PUBLIC } from '../api-kit/security';
import { readSnapshot, SNAPSHOT_NAME, snapshotText, summaryOf, type SnapshotSummary } from './snapshot-file';
import { snapshotBodies, SnapshotSchema, SnapshotSummarySchema, snapshotNameParams } from './schemas';

const tags = ['admin'];

/** Snapshots the emulator keeps in memory at most: each holds a whole state, and a shared server must not fill up. */
export const MAX_HELD_SNAPSHOTS = 16;

/** Largest snapshot document a PUT reads (the other routes keep the 1 MiB limit). */
const SNAPSHOT_BODY_LIMIT = 512 * 1024 * 1024;

interface Held {
  summary: SnapshotSummary;
  state: EmulatorState;
}

function checkName(name: unknown, field: string): string {
  if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name))
    throw badInput(field, 'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  return name;
}

/** The control plane's snapshots: take one, load one (sent or held), list and drop the held ones. */
export function snapshotRoutes(app: FastifyInstance, emulator: Emulator): void {
  const held = new Map<string, Held>();
  const { crypto } = emulator.ctx;
  let taken = 0;

  const keep = (name: string, entry: Held) => {
    if (!held.has(name) && held.size >= MAX_HELD_SNAPSHOTS) {
      throw conflict(
        'too-many-snapshots',
        `The emulator holds ${MAX_HELD_SNAPSHOTS} snapshots already; drop one (DELETE /_emulator/snapshots/{name}) or reuse a name.`,
      );
    }
    held.set(name, entry);
  };

  app.post(
    '/_emulator/snapshots',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'Take a snapshot of the whole state (store, virtual clock, faults, keys), keep it under a name and answer it as a snapshot file',
        requestBody: snapshotBodies.take,
        response: responses({ 201: SnapshotSchema }),
      },
    },
    async (req, reply) => {
      const input = req.body === undefined || req.body === null ? {} : requireObject(req.body, 'body');
      const name = input.name === undefined ? `snapshot-${++taken}` : checkName(optionalString(input.name, 'name', 64), 'name');
      const state = emulator.capture();
      const takenAt = new Date().toISOString();
      const text = snapshotText(crypto, name, state, takenAt);
      keep(name, { summary: summaryOf(name, takenAt, state), state });
      // The file's own text, so what a client saves is byte for byte what the checksum covers.
      return reply.code(201).type('application/json').send(text);
    },
  );

  app.put<{ Params: { name: string } }>(
    '/_emulator/snapshots/:name',
    {
      bodyLimit: SNAPSHOT_BODY_LIMIT,
      schema: {
        tags,
        security: PUBLIC,
        summary:
          'Load a snapshot: the snapshot file sent as the body, or with no body the one held under this name. A snapshot of another format version, edited or cut short, or of another vendor profile is refused and nothing changes',
        params: snapshotNameParams,
        requestBody: snapshotBodies.load,
        response: responses({ 200: SnapshotSummarySchema }),
      },
    },
    async (req) => {
      const name = checkName(req.params.name, 'name');
      if (req.body === undefined || req.body === null) {
        const entry = held.get(name);
        if (!entry) throw notFound('snapshot', name);
        emulator.restore(entry.state);
        return entry.summary;
      }
      const body = req.body as Record<string, unknown>;
      if (typeof body === 'object' && !Array.isArray(body) && body.format === undefined) {
        throw badInput(
          'format',
          'is required: a snapshot file (sslab snapshot save) carries "format": "sslab-snapshot"; send no body to load the one held under this name',
        );
      }
      const document = readSnapshot(crypto, req.body);
      emulator.restore(document.state);
      const summary = summaryOf(name, document.takenAt, document.state);
      keep(name, { summary, state: document.state });
      return summary;
    },
  );

  app.get(
    '/_emulator/snapshots',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'The snapshots the emulator holds, oldest first',
        response: responses({ 200: arrayOf(SnapshotSummarySchema) }),
      },
    },
    async () => [...held.values()].map((entry) => entry.summary),
  );

  app.get<{ Params: { name: string } }>(
    '/_emulator/snapshots/:name',
    {
      schema: {
        tags,
        security: PUBLIC,
        summary: 'A held snapshot as a snapshot file',
        params: snapshotNameParams,
        response: responses({ 200: SnapshotSchema }),
      },
    },
    async (req, reply) => {
      const entry = held.get(checkName(req.params.name, 'name'));
      if (!entry) throw notFound('snapshot', req.params.name);
      return reply.type('application/json').send(snapshotText(crypto, entry.summary.name, entry.state, entry.summary.takenAt));
    },
  );

  app.delete<{ Params: { name: string } }>(
    '/_emulator/snapshots/:name',
    {
      schema: { tags, security: PUBLIC, summary: 'Drop a held snapshot', params: snapshotNameParams, response: responses({ 200: SnapshotSummarySchema }) },
    },
    async (req) => {
      const name = checkName(req.params.name, 'name');
      const entry = held.get(name);
      if (!entry) throw notFound('snapshot', name);
      held.delete(name);
      return entry.summary;
    },
  );
}
