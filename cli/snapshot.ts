import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeOptions, parseOptions, UsageError, type OptionSpec } from './args';
import { SNAPSHOT_NAME, snapshotText, summaryOf, type SnapshotSummary } from '../emulator/control-plane/snapshot-file';
import { Problem } from '../emulator/kernel/problems';
import { createEmulator } from '../emulator/runtime/emulator';
import { nodeCrypto } from '../emulator/runtime/node-crypto';
import { readSnapshotFile, SnapshotFileError, writeSnapshotFile } from '../emulator/runtime/snapshot-files';

const OPTIONS: OptionSpec[] = [
  { name: 'url', type: 'string', help: 'the running emulator to work on (its admin API)', default: 'http://127.0.0.1:8080' },
  { name: 'data-file', type: 'string', help: 'work on this data file instead of a running emulator (no emulator may have it open)' },
  { name: 'name', type: 'string', help: 'save: the name the emulator keeps it under (default: the file name); load: the same' },
  { name: 'json', type: 'boolean', help: 'list: print JSON instead of text', default: false },
  { name: 'help', type: 'boolean', help: 'show this help', default: false },
];

export const SNAPSHOT_HELP = `sslab snapshot: save the emulator's whole state to a file and load it again

Usage:
  sslab snapshot save <file> [--url U | --data-file F] [--name N]   write the state to <file> (mode 0600)
  sslab snapshot load <file> [--url U | --data-file F] [--name N]   replace the state with <file>'s
  sslab snapshot list [<folder>] [--url U] [--json]                 the snapshots the emulator holds,
                                                                    or the snapshot files in <folder>

Options:
${describeOptions(OPTIONS)}

A snapshot holds every record (accounts, orders, licenses, SmartServers, devices, fleets,
EcoStruxure), the virtual clock, the injected faults and the keys tokens and offline files are
signed with, so sessions issued before a save still work after a load. It is one JSON file with a
format version and a checksum. A file of another format version, one edited or cut short, one
from another vendor profile, or one whose rows do not fit this emulator's tables is refused with
the reason, and the state stays as it was. Treat the files as secrets: they hold the keys.

Over HTTP the same is POST /_emulator/snapshots (save) and PUT /_emulator/snapshots/{name} (load).
"sslab emulator --import <file> --export-on-exit <file>" starts from a snapshot and saves one when stopped.
`;

type Options = Record<string, string | number | boolean | undefined>;

/** What a running emulator answered: JSON, or problem details whose detail is the message. */
async function adminCall(url: string, method: string, path: string, body?: string): Promise<{ text: string; json: unknown }> {
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
    });
  } catch (error) {
    throw new UsageError(
      `no emulator answers at ${url} (${(error as Error).cause ?? (error as Error).message}); start one with "sslab emulator" or name it with --url`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status === 404 && !(json as { code?: string } | undefined)?.code?.startsWith('snapshot')) {
    throw new SnapshotFileError(`the emulator at ${url} has no snapshot API: it runs with its admin API off (--no-admin) or is an older sslab`);
  }
  if (!response.ok) throw new SnapshotFileError((json as { detail?: string } | undefined)?.detail ?? `${method} ${path} answered ${response.status}`);
  return { text, json };
}

/** Runs `work` on a data file and closes it again. */
function onDataFile<T>(path: string, work: (emulator: ReturnType<typeof createEmulator>) => T): T {
  const dataFile = resolve(path);
  mkdirSync(dirname(dataFile), { recursive: true });
  const emulator = createEmulator({ dataFile });
  try {
    return work(emulator);
  } finally {
    emulator.close();
  }
}

/** The name a snapshot is kept under: --name, else the file's name without its extension. */
function snapshotName(file: string, options: Options): string {
  const name = options.name === undefined ? basename(file).replace(/\.[^.]*$/, '') : String(options.name);
  if (!SNAPSHOT_NAME.test(name)) {
    throw new UsageError(
      `the snapshot name "${name}" must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit; give one with --name`,
    );
  }
  return name;
}

async function save(file: string, options: Options): Promise<number> {
  const name = snapshotName(file, options);
  const text = options['data-file']
    ? onDataFile(String(options['data-file']), (emulator) => snapshotText(nodeCrypto, name, emulator.capture()))
    : (await adminCall(String(options.url), 'POST', '/_emulator/snapshots', JSON.stringify({ name }))).text;
  writeSnapshotFile(file, text);
  const where = options['data-file'] ? `data file ${options['data-file']}` : String(options.url);
  console.log(`saved the state of ${where} to ${file} (snapshot ${name}; the file holds the emulator's keys and is readable by you only)`);
  return 0;
}

async function load(file: string, options: Options): Promise<number> {
  // Checked here first, so a file cut short is named as such before anything is sent.
  const { document, text } = readSnapshotFile(nodeCrypto, file);
  const name = options.name === undefined ? document.name : snapshotName(file, options);
  if (options['data-file']) {
    onDataFile(String(options['data-file']), (emulator) => emulator.restore(document.state));
  } else {
    await adminCall(String(options.url), 'PUT', `/_emulator/snapshots/${encodeURIComponent(name)}`, text);
  }
  const summary = summaryOf(name, document.takenAt, document.state);
  console.log(`loaded ${file} into ${options['data-file'] ?? options.url}: ${summary.rows} rows, virtual now ${summary.now}`);
  return 0;
}

function printSummaries(summaries: (SnapshotSummary & { file?: string })[]): void {
  if (summaries.length === 0) console.log('no snapshots');
  for (const s of summaries) console.log(`${(s.file ?? s.name).padEnd(32)} taken ${s.takenAt}  virtual now ${s.now}  ${s.rows} rows`);
}

async function list(folder: string | undefined, options: Options): Promise<number> {
  if (folder === undefined) {
    const { json } = await adminCall(String(options.url), 'GET', '/_emulator/snapshots');
    if (options.json) console.log(JSON.stringify(json, null, 2));
    else printSummaries(json as SnapshotSummary[]);
    return 0;
  }
  let files: string[];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json') || f.endsWith('.snapshot'));
  } catch {
    throw new UsageError(`the folder ${folder} cannot be read`);
  }
  const found: (SnapshotSummary & { file: string })[] = [];
  const refused: { file: string; reason: string }[] = [];
  for (const file of files.sort()) {
    try {
      const { document } = readSnapshotFile(nodeCrypto, join(folder, file));
      found.push({ file, ...summaryOf(document.name, document.takenAt, document.state) });
    } catch (error) {
      if (!(error instanceof SnapshotFileError)) throw error;
      refused.push({ file, reason: error.message.replace(`${join(folder, file)}: `, '') });
    }
  }
  if (options.json) console.log(JSON.stringify({ snapshots: found, refused }, null, 2));
  else {
    printSummaries(found);
    for (const r of refused) console.log(`${r.file.padEnd(32)} not loadable: ${r.reason}`);
  }
  return 0;
}

export async function snapshotCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === 'help') {
    process.stdout.write(SNAPSHOT_HELP);
    return sub ? 0 : 2;
  }
  const [arg, flags] = rest[0] !== undefined && !rest[0].startsWith('--') ? [rest[0], rest.slice(1)] : [undefined, rest];
  const options = parseOptions(flags, OPTIONS);
  if (options.help) {
    process.stdout.write(SNAPSHOT_HELP);
    return 0;
  }
  try {
    switch (sub) {
      case 'save':
        if (!arg) throw new UsageError('snapshot save needs the file to write: sslab snapshot save <file>');
        return await save(arg, options);
      case 'load':
        if (!arg) throw new UsageError('snapshot load needs the file to read: sslab snapshot load <file>');
        return await load(arg, options);
      case 'list':
        return await list(arg, options);
      default:
        throw new UsageError(`unknown subcommand "${sub}"; use save, load or list`);
    }
  } catch (error) {
    // A refusal (the file, or the emulator's answer) names the problem; the state is unchanged.
    if (error instanceof SnapshotFileError || error instanceof Problem) {
      process.stderr.write(`sslab snapshot ${sub}: ${error instanceof Problem ? error.detail : error.message}\n`);
      return 1;
    }
    throw error;
  }
}
