import { setWorldConstructor, World as CucumberWorld, type IWorldOptions } from '@cucumber/cucumber';
import { ApiDriver } from '../drivers/api-driver';
import type { CmsSession, CreatedSmartServer, LicensingDriver, PartnerSession } from '../drivers/driver';
import { ApiProblem } from '../drivers/http-client';
import { readSettings, type RunSettings } from './settings';

export interface KnownPartner {
  name: string;
  email: string;
  password: string;
  session?: PartnerSession;
}

/** Where the running target answers; set once per worker by the hooks. */
export const runtime: { baseUrl?: string } = {};

/**
 * One scenario's view of the licensing system: the driver to talk through and the names the
 * scenario gave to partners, customers, licenses and SmartServers.
 */
export class World extends CucumberWorld<Record<string, unknown>> {
  readonly settings: RunSettings;
  readonly partners = new Map<string, KnownPartner>();
  readonly customers = new Map<string, string>();
  /** License IDs by the model number the scenario calls them by. */
  readonly licenses = new Map<string, string>();
  readonly retired = new Map<string, string>();
  readonly smartServers = new Map<string, CreatedSmartServer>();
  private readonly cmsSessions = new Map<string, CmsSession>();
  /** The refusal of the last attempted operation, which a Then step must assert. */
  lastProblem?: ApiProblem;
  private cachedDriver?: LicensingDriver;

  constructor(options: IWorldOptions<Record<string, unknown>>) {
    super(options);
    this.settings = readSettings(options.parameters);
  }

  get driver(): LicensingDriver {
    if (!runtime.baseUrl) throw new Error('No target is running; the BeforeAll hook starts one.');
    this.cachedDriver ??= new ApiDriver(runtime.baseUrl);
    return this.cachedDriver;
  }

  partner(name: string): KnownPartner {
    const partner = this.partners.get(name);
    if (!partner) throw new Error(`No partner "${name}" in this scenario; known: ${[...this.partners.keys()].join(', ') || 'none'}`);
    return partner;
  }

  async partnerSession(name: string): Promise<PartnerSession> {
    const partner = this.partner(name);
    partner.session ??= await this.driver.partnerLogin(partner.email, partner.password);
    return partner.session;
  }

  smartServer(name: string): CreatedSmartServer {
    const server = this.smartServers.get(name);
    if (!server) throw new Error(`No SmartServer "${name}" in this scenario; known: ${[...this.smartServers.keys()].join(', ') || 'none'}`);
    return server;
  }

  /** A CMS session of the SmartServer as a user of the given type (the Owner unless said otherwise). */
  async cms(name: string, userType = 'Owner'): Promise<CmsSession> {
    const key = `${name}/${userType}`;
    const cached = this.cmsSessions.get(key);
    if (cached) return cached;
    const server = this.smartServer(name);
    const user = server.users.find((u) => u.userType === userType);
    if (!user) throw new Error(`SmartServer "${name}" has no ${userType} user`);
    const session = await this.driver.cmsLogin(server.installCode, user.username, user.password);
    this.cmsSessions.set(key, session);
    return session;
  }

  customerId(name: string): string {
    const id = this.customers.get(name);
    if (!id) throw new Error(`No customer "${name}" in this scenario; known: ${[...this.customers.keys()].join(', ') || 'none'}`);
    return id;
  }

  licenseId(model: string): string {
    const id = this.licenses.get(model);
    if (!id) throw new Error(`No ${model} license in this scenario; known: ${[...this.licenses.keys()].join(', ') || 'none'}`);
    return id;
  }

  /** Runs an operation expected to be refused, keeping the refusal for a Then step. */
  async attempt(operation: () => Promise<unknown>): Promise<void> {
    this.lastProblem = undefined;
    try {
      await operation();
    } catch (error) {
      if (error instanceof ApiProblem) this.lastProblem = error;
      else throw error;
    }
  }
}

setWorldConstructor(World);
