import { World as CucumberWorld, type IWorldOptions } from '@cucumber/cucumber';
import type { BrowserTabs } from '../drivers/browser';
import { createSurfaces, type ScenarioDrivers } from './create-surfaces';
import { ApiProblem } from '../drivers/http-client';
import type {
  CloudLicensing,
  CloudOffer,
  CmsSession,
  ControlPlane,
  KnownSmartServer,
  CustomerAccountRow,
  CustomerEntry,
  CustomerPortal,
  CustomerSession,
  CustomerSuccess,
  LicenseSummary,
  OfflineActivationFile,
  OrderDesk,
  OrderDetails,
  PartnerPortal,
  PartnerSession,
  SmartServerCms,
  SmartServerDatapoints,
  SmartServerDevices,
  SmartServerMq,
  SmartServerSurfaces,
  SmartServerSystem,
  TransferResult,
} from '../drivers/surfaces';
import type { EcoStruxureSurfaces } from '../drivers/surfaces/ecostruxure';
import type { ReferenceData } from './reference-data';
import type { RunningMix } from './start-mix';

export interface KnownPartner {
  name: string;
  email: string;
  password: string;
  session?: PartnerSession;
}

/** The systems under test, running, and what they hold already; set once per worker by the hooks. */
export const runtime: { running?: RunningMix; reference?: ReferenceData } = {};

/**
 * One scenario's view of the licensing system: a driver for each surface it talks to, and the
 * names the scenario gave to partners, customers, licenses and SmartServers.
 */
export class World extends CucumberWorld<Record<string, unknown>> {
  readonly partners = new Map<string, KnownPartner>();
  readonly customers = new Map<string, string>();
  /** The name a customer has in the system under test, where the scenario calls it by another. */
  readonly customerNames = new Map<string, string>();
  /** License IDs by the model number the scenario calls them by. */
  readonly licenses = new Map<string, string>();
  readonly retired = new Map<string, string>();
  /** Every License ID the scenario's orders and transfers produced, by model number, oldest first. */
  readonly licensesByModel = new Map<string, string[]>();
  /** How many times each partner was sent portal credentials by an order. */
  readonly credentialsSent = new Map<string, number>();
  readonly smartServers = new Map<string, KnownSmartServer>();
  /** The SmartServers of a generated fleet, by name, in the order they were added. */
  readonly fleet: string[] = [];
  private readonly cmsSessions = new Map<string, CmsSession>();
  /** The refusal of the last attempted operation, which a Then step must assert. */
  lastProblem?: ApiProblem;
  /** What the last attempted operation was ("transfer", "activation", …) and whether its refusal was checked. */
  attempted?: string;
  refusalChecked = false;
  /** Refusals the scenario has checked, oldest first. */
  readonly checkedRefusals: ApiProblem[] = [];
  /** What the scenario last saw on each surface, for the Then steps that look at it. */
  readonly seen: {
    transfer?: TransferResult;
    search?: LicenseSummary[];
    orderDetails?: OrderDetails;
    customerAccounts?: CustomerAccountRow[];
    customerLookup?: CustomerEntry[];
    offers?: CloudOffer[];
    offlineFile?: OfflineActivationFile;
    update?: Record<string, unknown>;
  } = {};
  /** Customer portal sessions by the name the scenario gives the customer. */
  readonly customerSessions = new Map<string, CustomerSession>();
  /** The steps of this scenario that a refusal check follows, and the step running now (set by the hooks). */
  refusalExpected = new Set<string>();
  currentStepId?: string;
  /** Whether the step running now is one of the scenario's Given steps, which set up its context (set by the hooks). */
  settingUp = false;
  private drivers?: ScenarioDrivers;

  constructor(options: IWorldOptions<Record<string, unknown>>) {
    super(options);
  }

  /** The scenario's drivers, built on first use for the mix the run started. */
  private get scenarioDrivers(): ScenarioDrivers {
    if (!runtime.running) throw new Error('No target is running; the BeforeAll hook starts one.');
    this.drivers ??= createSurfaces(runtime.running);
    return this.drivers;
  }

  private get surfaces(): SmartServerSurfaces {
    return this.settingUp ? this.scenarioDrivers.setUp : this.scenarioDrivers.surfaces;
  }

  get orderDesk(): OrderDesk {
    return this.surfaces.orderDesk;
  }

  get partnerPortal(): PartnerPortal {
    return this.surfaces.partnerPortal;
  }

  get customerPortal(): CustomerPortal {
    return this.surfaces.customerPortal;
  }

  get customerSuccess(): CustomerSuccess {
    return this.surfaces.customerSuccess;
  }

  get cms(): SmartServerCms {
    return this.surfaces.cms;
  }

  get cloud(): CloudLicensing {
    return this.surfaces.cloud;
  }

  get devices(): SmartServerDevices {
    return this.surfaces.devices;
  }

  get system(): SmartServerSystem {
    return this.surfaces.system;
  }

  get datapoints(): SmartServerDatapoints {
    return this.surfaces.datapoints;
  }

  get iapMq(): SmartServerMq {
    return this.surfaces.iapMq;
  }

  /** Whether the scenario's drivers were built (an After hook closes what they opened). */
  get driversBuilt(): boolean {
    return this.drivers !== undefined;
  }

  get controlPlane(): ControlPlane {
    return this.surfaces.controlPlane;
  }

  /** The browser contexts the scenario's page-driven surfaces opened, once a surface was used; none otherwise. */
  get browserTabs(): BrowserTabs[] {
    return this.drivers?.tabs ?? [];
  }

  /** EcoStruxure BMS centralized licensing: its sales desk, Device Administrator, License Activation Server and the emulator's server control. */
  get ecostruxure(): EcoStruxureSurfaces {
    return this.scenarioDrivers.ecostruxure;
  }

  partner(name: string): KnownPartner {
    const partner = this.partners.get(name);
    if (!partner) throw new Error(`No partner "${name}" in this scenario; known: ${[...this.partners.keys()].join(', ') || 'none'}`);
    return partner;
  }

  /** The partner's portal session, signed in on first use: the steps that say the partner logs in do that themselves. */
  async partnerSession(name: string): Promise<PartnerSession> {
    const partner = this.partner(name);
    partner.session ??= await this.scenarioDrivers.sessions.partner(partner.email, partner.password);
    return partner.session;
  }

  /** A customer portal session for a scenario that does not say the customer logs in. */
  customerSignIn(credential: { licenseId: string } | { email: string }): Promise<CustomerSession> {
    return this.scenarioDrivers.sessions.customer(credential);
  }

  smartServer(name: string): KnownSmartServer {
    const server = this.smartServers.get(name);
    if (!server) throw new Error(`No SmartServer "${name}" in this scenario; known: ${[...this.smartServers.keys()].join(', ') || 'none'}`);
    return server;
  }

  /** A CMS session of the SmartServer as a user of the given type (the Owner unless said otherwise), signed in on first use. */
  async cmsSession(name: string, userType = 'Owner'): Promise<CmsSession> {
    const key = `${name}/${userType}`;
    const cached = this.cmsSessions.get(key);
    if (cached) return cached;
    const server = this.smartServer(name);
    const user = server.users.find((u) => u.userType === userType);
    if (!user) throw new Error(`SmartServer "${name}" has no ${userType} user`);
    const session = await this.scenarioDrivers.sessions.cms(server.installCode, user.username, user.password);
    this.cmsSessions.set(key, session);
    return session;
  }

  /** Forgets the CMS sessions of a SmartServer whose sessions ended (Restore Factory Settings logs everyone out). */
  forgetCmsSessions(name: string): void {
    for (const key of [...this.cmsSessions.keys()]) if (key.startsWith(`${name}/`)) this.cmsSessions.delete(key);
  }

  customerId(name: string): string {
    const id = this.customers.get(name);
    if (!id) throw new Error(`No customer "${name}" in this scenario; known: ${[...this.customers.keys()].join(', ') || 'none'}`);
    return id;
  }

  /** A License ID by the model or role the scenario calls it by; "original of <model>" is the ID a transfer retired. */
  licenseId(model: string): string {
    if (model.startsWith('original of ')) {
      const original = this.retired.get(model.slice('original of '.length));
      if (!original) throw new Error(`No ${model.slice('original of '.length)} license was transferred in this scenario`);
      return original;
    }
    const id = this.licenses.get(model);
    if (!id) throw new Error(`No ${model} license in this scenario; known: ${[...this.licenses.keys()].join(', ') || 'none'}`);
    return id;
  }

  /** The accounts, licenses and SmartServers the target holds before any scenario runs. */
  get reference(): ReferenceData {
    if (!runtime.reference) throw new Error('No reference data is known; the BeforeAll hook reads it.');
    return runtime.reference;
  }

  /**
   * Runs an operation of the current step. When a later "… is refused because …" step checks this
   * step, a refusal is kept for that check; otherwise a refusal fails this step at once. An
   * internal error always fails the step.
   */
  async act<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
    if (this.lastProblem && !this.refusalChecked) {
      throw new Error(`${this.attempted} was refused (${this.lastProblem.code}) and no step checked why before ${what}.`);
    }
    this.attempted = what;
    this.lastProblem = undefined;
    this.refusalChecked = false;
    if (!this.currentStepId || !this.refusalExpected.has(this.currentStepId)) return operation();
    try {
      return await operation();
    } catch (error) {
      // An emulator fault (500) is never an expected refusal; an unavailable cloud (503, 504) can be.
      if (error instanceof ApiProblem && error.status !== 500) {
        this.lastProblem = error;
        return undefined;
      }
      throw error;
    }
  }

  /** The refusal of the last operation, which must be `what` and carry `code`. */
  refusal(what: string, code: string): ApiProblem {
    if (this.attempted !== what) throw new Error(`The last operation was ${this.attempted ?? 'none'}, not ${what}.`);
    const problem = this.lastProblem;
    if (!problem) throw new Error(`${what} was expected to be refused (${code}) but it succeeded.`);
    this.refusalChecked = true;
    this.checkedRefusals.push(problem);
    if (problem.code !== code) throw new Error(`${what} was refused for another reason: ${problem.code}: ${problem.detail}`);
    return problem;
  }

  /** The last operation, `what`, succeeded. */
  succeeded(what: string): void {
    if (this.attempted !== what) throw new Error(`The last operation was ${this.attempted ?? 'none'}, not ${what}.`);
    if (this.lastProblem) throw new Error(`${what} was refused: ${this.lastProblem.code}: ${this.lastProblem.detail}`);
  }

  /** The name the system under test knows a customer by. */
  customerName(alias: string): string {
    return this.customerNames.get(alias) ?? alias;
  }
}
