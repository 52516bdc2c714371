import { afterAll, beforeAll, beforeEach } from 'vitest';
import { serveEmulator, type RunningEmulator } from '../runtime/serve';
import { type Answer, type ApiClient, type CallOptions, connectTestClient, type ProblemAnswer, problemOf } from './http-test-kit';

/**
 * The licensing flow on top of the HTTP test kit: the real emulator server on a free loopback port
 * with in-memory data, the kit's client (every answer checked against the served API document),
 * and the set-up steps most licensing tests start from (an order for a customer project, a
 * SmartServer with its Owner logged in, an online activation).
 */

export interface ServerSetup {
  installCode?: string;
  version?: string;
  edition?: 'standard' | 'pi';
  online?: boolean;
  devices?: { lon?: number; bacnet?: number; modbus?: number };
  users?: { username: string; userType: string; password?: string }[];
}

export interface FleetServer {
  installCode: string;
  /** Session token of the first user (the Owner unless `users` says otherwise). */
  token: string;
  users: { username: string; userType: string; password: string }[];
}

let orders = 0;

/**
 * With SSLAB_SHARED_TEST_SERVER=1 every harness of the process uses one server. Mutation testing
 * sets it: it runs the test files in one process (vitest's isolate off) thousands of times, and
 * starting a server per file would be most of its work. Every file using the harness resets the
 * emulator before each test, so sharing changes nothing they see.
 */
let shared: Promise<RunningEmulator> | undefined;

export class LicensingHarness {
  private server?: { running: RunningEmulator; api: ApiClient; isShared: boolean };

  /**
   * One harness for a whole test file: its server starts before the first test, is reset before
   * each, and stops after the last. Registers those hooks; use the harness inside the tests.
   */
  static resetForEachTest(): LicensingHarness {
    const harness = new LicensingHarness();
    beforeAll(() => harness.start());
    afterAll(() => harness.stop());
    beforeEach(async () => {
      await harness.ok('POST', '/_emulator/reset');
    });
    return harness;
  }

  private async start(): Promise<void> {
    const isShared = process.env.SSLAB_SHARED_TEST_SERVER === '1';
    const running = await (isShared ? (shared ??= serveEmulator({ port: 0, dataFile: ':memory:' })) : serveEmulator({ port: 0, dataFile: ':memory:' }));
    const { api } = await connectTestClient(running.url);
    this.server = { running, api, isShared };
  }

  private get started() {
    if (!this.server) throw new Error('The licensing harness has not started: create it with LicensingHarness.resetForEachTest() at the top of the test file.');
    return this.server;
  }

  get running(): RunningEmulator {
    return this.started.running;
  }

  get api(): ApiClient {
    return this.started.api;
  }

  get url(): string {
    return this.running.url;
  }

  /** Stops the server, unless it is the process's shared one (which lives as long as the process). */
  async stop(): Promise<void> {
    if (this.server && !this.server.isShared) await this.server.running.stop();
    this.server = undefined;
  }

  call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    return this.api.call<T>(method, path, options);
  }

  /** Like `call`, but anything other than 2xx fails the test with the answer. */
  ok<T = any>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    return this.api.ok<T>(method, path, options);
  }

  /**
   * Orders licenses for a customer project through the back office: the licenses land with the
   * customer under new License IDs. Returns the License IDs by model number and the Customer ID.
   */
  async orderFor(customer: string, models: string[], partnerEmail = 'ace@partners.example') {
    const order = await this.ok('POST', '/backoffice/api/orders', {
      body: { poNumber: `PO-${++orders}`, partner: { email: partnerEmail }, lines: models.map((model) => ({ model, quantity: 1 })), customer },
    });
    const licenses = new Map<string, string>();
    for (const l of order.licenses) licenses.set(l.model, l.licenseId);
    return { customerId: order.customer.customerId as string, licenses, order };
  }

  async smartServer(setup: ServerSetup = {}): Promise<FleetServer> {
    const created = await this.ok('POST', '/_emulator/smartservers', { body: setup });
    const [first] = created.users;
    const session = await this.ok('POST', `/smartservers/${created.installCode}/login`, { body: { username: first.username, password: first.password } });
    return { installCode: created.installCode, token: session.token, users: created.users };
  }

  async login(server: FleetServer, username: string): Promise<string> {
    const user = server.users.find((u) => u.username === username)!;
    return (await this.ok('POST', `/smartservers/${server.installCode}/login`, { body: { username, password: user.password } })).token;
  }

  /** Saves the Customer ID and activates the given licenses from the cloud. */
  async activateOnline(server: FleetServer, customerId: string, licenseIds: string[]) {
    await this.ok('PUT', `/smartservers/${server.installCode}/iap/lic/accounts`, { token: server.token, body: { customerId } });
    return this.ok('POST', `/smartservers/${server.installCode}/iap/lic/cloud/download`, { token: server.token, body: { licenseIds } });
  }

  dashboard(server: FleetServer, token = server.token) {
    return this.ok('GET', `/smartservers/${server.installCode}/dashboard`, { token });
  }

  devices(server: FleetServer, query = '') {
    return this.ok<any[]>('GET', `/smartservers/${server.installCode}/iap/devs${query}`, { token: server.token });
  }

  deviceAction(server: FleetServer, id: number, body: Record<string, unknown>) {
    return this.call('POST', `/smartservers/${server.installCode}/iap/devs/${id}/do`, { token: server.token, body });
  }

  setToday(date: string) {
    return this.ok('PUT', '/_emulator/clock', { body: { now: date } });
  }

  /** Logs the customer in with one of its License IDs. */
  async customerToken(licenseId: string): Promise<string> {
    return (await this.ok('POST', '/customer/api/session', { body: { eid: licenseId } })).token;
  }
}

/** The answer must be problem details with this status and code; returns the problem. */
export function expectProblem(answer: Answer, status: number, code: string): ProblemAnswer {
  return problemOf(answer, status, code);
}
