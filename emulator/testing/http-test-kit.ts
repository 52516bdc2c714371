import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { join } from 'node:path';
import type { Problem } from '../api-kit/schemas';
import { ContractChecker } from './contract';
import type { OpenApiDocument } from '../gateway/openapi';
import { serveEmulator, type RunningEmulator, type ServeOptions } from '../runtime/serve';

/**
 * What the HTTP tests share: a real emulator server on 127.0.0.1 (a free port, in-memory data
 * unless told otherwise) and a client that checks every answer against the served API document,
 * so a test that exercises an operation also proves the document describes it.
 */

export interface Answer<T = any> {
  status: number;
  contentType: string;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: T;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed requests. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Also validate the request body against the document (for requests that should be accepted). */
  checkRequest?: boolean;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly contract?: ContractChecker,
  ) {}

  async call<T = any>(method: string, url: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
      if (options.checkRequest) this.contract?.checkRequest(method, url, options.body);
    }
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body: payload });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    this.contract?.check({ method, url, status: response.status, contentType, body: text });
    const body = /json/.test(contentType) && text ? JSON.parse(text) : text;
    return { status: response.status, contentType, body: body as T, text, headers: response.headers };
  }

  get<T = any>(url: string, token?: string) {
    return this.call<T>('GET', url, { token });
  }

  post<T = any>(url: string, body?: unknown, token?: string) {
    return this.call<T>('POST', url, { body, token });
  }

  put<T = any>(url: string, body?: unknown, token?: string) {
    return this.call<T>('PUT', url, { body, token });
  }

  delete<T = any>(url: string, token?: string) {
    return this.call<T>('DELETE', url, { token });
  }

  /** Like `call`, but the answer must be 2xx; anything else fails with the answer in the message. */
  async ok<T = any>(method: string, url: string, options: CallOptions = {}): Promise<T> {
    const answer = await this.call<T>(method, url, { checkRequest: true, ...options });
    if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  }
}

/** A client for one emulator, checked against the API document that emulator serves. */
export interface CheckedClient {
  url: string;
  document: OpenApiDocument;
  contract: ContractChecker;
  api: ApiClient;
}

export interface TestServer extends CheckedClient {
  running: RunningEmulator;
  stop(): Promise<void>;
}

/** Starts the real HTTP server on a free loopback port and loads its API document. */
export async function startTestServer(options: ServeOptions = {}): Promise<TestServer> {
  const running = await serveEmulator({ dataFile: ':memory:', ...options, host: '127.0.0.1', port: 0 });
  try {
    return { ...(await connectTestClient(running.url)), running, stop: () => running.stop() };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/**
 * One test server for the whole test file, reset to its seed before each test; registers the
 * hooks, and returns the server once they have started it.
 */
export function serverResetForEachTest(options: ServeOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
  });
  afterAll(async () => server?.stop());
  beforeEach(async () => {
    await server!.api.ok('POST', '/_emulator/reset');
  });
  return () => server!;
}

/** A checked client for an emulator that is already running (another process, say). */
export async function connectTestClient(url: string): Promise<CheckedClient> {
  const response = await fetch(`${url}/openapi.json`);
  if (!response.ok) throw new Error(`${url}/openapi.json answered ${response.status}`);
  const document = (await response.json()) as OpenApiDocument;
  const contract = new ContractChecker(document);
  return { url, document, contract, api: new ApiClient(url, contract) };
}

// The workflow steps most tests start from.

export interface Order {
  poNumber: string;
  email: string;
  lines: { model: string; quantity?: number }[];
  customer?: string;
  partnerName?: string;
}

export function placeOrder(api: ApiClient, order: Order) {
  return api.ok('POST', '/backoffice/api/orders', {
    body: {
      poNumber: order.poNumber,
      partner: { email: order.email, ...(order.partnerName ? { name: order.partnerName } : {}) },
      lines: order.lines,
      ...(order.customer ? { customer: order.customer } : {}),
    },
  });
}

/** Places an order for a new partner and logs it in: the partner's token and the order. */
export async function newPartner(api: ApiClient, order: Order): Promise<{ token: string; order: any }> {
  const placed = await placeOrder(api, order);
  const { token } = await api.ok('POST', '/partner/api/session', { body: { email: placed.credentials.email, password: placed.credentials.password } });
  return { token, order: placed };
}

export function transfer(api: ApiClient, token: string, licenseId: string, customerName: string, newAccount?: Record<string, string>) {
  return api.ok('POST', `/partner/api/licenses/${licenseId}/transfers`, {
    token,
    body: { customerName, transferTo: 'Customer', ...(newAccount ? { newAccount } : {}) },
  });
}

export interface SmartServerSpec {
  installCode?: string;
  name?: string;
  version?: string;
  online?: boolean;
  devices?: { lon?: number; bacnet?: number; modbus?: number };
  users?: { username: string; userType: string; password?: string }[];
}

/** Adds a SmartServer and logs its first user in: the SmartServer, its users and that user's token. */
export async function newSmartServer(api: ApiClient, spec: SmartServerSpec = {}): Promise<{ installCode: string; token: string; server: any }> {
  const server = await api.ok('POST', '/_emulator/smartservers', { body: spec });
  const [first] = server.users;
  const { token } = await api.ok('POST', `/smartservers/${server.installCode}/login`, { body: { username: first.username, password: first.password } });
  return { installCode: server.installCode, token, server };
}

export function cmsLogin(api: ApiClient, server: any, username: string) {
  const user = server.users.find((u: { username: string }) => u.username === username);
  return api.ok('POST', `/smartservers/${server.installCode}/login`, { body: { username, password: user.password } });
}

/** Problem details as the API document describes them. */
export type ProblemAnswer = Problem;

/** The answer must be RFC 9457 problem details with this status (and code); returns the problem. */
export function problemOf(answer: Answer, status: number, code?: string): ProblemAnswer {
  const fail = (why: string): never => {
    throw new Error(`expected a ${status}${code ? ` ${code}` : ''} problem but ${why}: ${answer.status} ${answer.contentType} ${answer.text}`);
  };
  if (answer.status !== status) fail('the status differs');
  if (!answer.contentType.startsWith('application/problem+json')) fail('the media type differs');
  const body = answer.body as Partial<ProblemAnswer>;
  for (const key of ['type', 'title', 'status', 'detail', 'code'] as const) if (body[key] === undefined || body[key] === '') fail(`${key} is missing`);
  if (body.status !== status) fail('the body names another status');
  if (code && body.code !== code) fail('the code differs');
  return body as ProblemAnswer;
}

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * The address an emulator process prints once it listens. Rejects, with what the process printed,
 * when it ends first or does not listen within `timeoutMs`.
 */
export function listeningAddress(child: ChildProcess, timeoutMs = 60_000): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not listen within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the emulator ended (${signal ?? code}) before it listened:\n${output}`));
    });
  });
}

/**
 * Runs `sslab emulator` as its own process on a free loopback port and waits for its address.
 * Start-up compiles the sources, which takes tens of seconds on a busy machine.
 */
export async function spawnEmulatorProcess(dataFile: string, timeoutMs = 60_000, moreArgs: string[] = []): Promise<EmulatorProcess> {
  const bin = join(__dirname, '..', '..', 'bin', 'sslab.js');
  const child = spawn(process.execPath, [bin, 'emulator', '--port', '0', '--data-file', dataFile, '--quiet', ...moreArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await listeningAddress(child, timeoutMs);
  return { url, child, exited };
}
