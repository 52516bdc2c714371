import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseSnapshotText, snapshotText, type SnapshotDocument } from '../control-plane/snapshot-file';
import type { Emulator } from '../kernel/emulator';
import type { CryptoPort } from '../kernel/ports';
import { Problem } from '../kernel/problems';

/**
 * Snapshot files on disk. They hold the keys the emulator signs with, so they are written readable
 * by their owner only (0600), and whole: the text goes to a temporary file that is then renamed,
 * so a crash while exporting never leaves a file cut short under the name.
 */
export function writeSnapshotFile(path: string, text: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  // The mode given on creation is narrowed by the umask, never widened; set it outright.
  chmodSync(partial, 0o600);
  renameSync(partial, target);
}

/** A snapshot file that cannot be read, or that a check refuses; the message names the file and the problem. */
export class SnapshotFileError extends Error {}

/** Reads and checks a snapshot file (format, version, checksum, vendor profile, shape); with the text as read, to send on unchanged. */
export function readSnapshotFile(crypto: CryptoPort, path: string): { document: SnapshotDocument; text: string } {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch (error) {
    throw new SnapshotFileError(`snapshot file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return { document: parseSnapshotText(crypto, text), text };
  } catch (error) {
    if (error instanceof Problem) throw new SnapshotFileError(`${path}: ${error.detail}`);
    throw error;
  }
}

/** Loads a snapshot file into the emulator; refused, the emulator's state stays as it was. */
export function importSnapshot(emulator: Emulator, path: string): SnapshotDocument {
  const { document } = readSnapshotFile(emulator.ctx.crypto, path);
  try {
    emulator.restore(document.state);
  } catch (error) {
    if (error instanceof Problem) throw new SnapshotFileError(`${path}: ${error.detail}`);
    throw error;
  }
  return document;
}

/** Writes the emulator's whole state to a snapshot file. */
export function exportSnapshot(emulator: Emulator, path: string, name: string): void {
  writeSnapshotFile(path, snapshotText(emulator.ctx.crypto, name, emulator.capture()));
}
