import type {
  CloudLicensing,
  CmsSession,
  ControlPlane,
  CreatedSmartServer,
  CustomerPortal,
  CustomerSession,
  CustomerSuccess,
  LicenseSummary,
  OfflineActivationFile,
  OrderDesk,
  OrderLine,
  PartnerPortal,
  PartnerSession,
  SmartServerCms,
  SmartServerDevices,
  SmartServerSpec,
  SmartServerSurfaces,
} from '../drivers/surfaces';
import { SET_UP_PARTNER } from '../support/tasks';

/**
 * One generated path's view of the target, kept the way the World keeps a scenario's: the partner
 * that orders, customers and SmartServers by the names the printed Gherkin uses, and the sessions.
 * The operations mirror the step definitions' tasks, so a printed path does what the run did.
 */
export const PATH_PARTNER = SET_UP_PARTNER;
/** The users the back-office steps give a SmartServer: an Owner, who manages licenses, and a plain User. */
export const CMS_USERS: SmartServerSpec['users'] = [
  { username: 'owner', userType: 'Owner' },
  { username: 'operator', userType: 'User' },
];

const partnerEmail = (name: string) =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@partners.example`;

/** Order lines as an order table lists them; one license of each model, as the set-up steps buy them. */
export const oneOfEach = (models: readonly string[]): OrderLine[] => models.map((model) => ({ model, quantity: 1 }));
export const orderTable = (lines: readonly OrderLine[]): string[][] => [['model', 'quantity'], ...lines.map((l) => [l.model, String(l.quantity)])];

let poCounter = 0;
export const nextPathPo = () => `PO-PATH-${String(++poCounter).padStart(4, '0')}`;

export interface SmartServerSetup {
  name: string;
  version: string;
  edition: 'standard' | 'pi';
  lon: number;
}

export class PathSession {
  private partner?: { email: string; password?: string; session?: PartnerSession };
  readonly customers = new Map<string, string>();
  readonly servers = new Map<string, CreatedSmartServer>();
  private readonly cmsSessions = new Map<string, CmsSession>();
  private readonly customerSessions = new Map<string, CustomerSession>();
  /** The Customer ID each SmartServer saved last, by SmartServer name. */
  readonly savedCustomer = new Map<string, string>();
  /** The last offline activation file made in this path (what "adds the license file" loads). */
  lastFile?: OfflineActivationFile;

  /** The surfaces a path talks to, under the names the World gives them. */
  readonly orderDesk: OrderDesk;
  readonly partnerPortal: PartnerPortal;
  readonly customerPortal: CustomerPortal;
  readonly customerSuccess: CustomerSuccess;
  readonly cms: SmartServerCms;
  readonly cloud: CloudLicensing;
  readonly devices: SmartServerDevices;
  readonly controlPlane: ControlPlane;

  constructor(surfaces: SmartServerSurfaces) {
    this.orderDesk = surfaces.orderDesk;
    this.partnerPortal = surfaces.partnerPortal;
    this.customerPortal = surfaces.customerPortal;
    this.customerSuccess = surfaces.customerSuccess;
    this.cms = surfaces.cms;
    this.cloud = surfaces.cloud;
    this.devices = surfaces.devices;
    this.controlPlane = surfaces.controlPlane;
  }

  /** A purchase order of the path's partner, optionally straight to a customer (who is created when new). */
  async order(poNumber: string, lines: OrderLine[], customer?: string): Promise<LicenseSummary[]> {
    const email = this.partner?.email ?? partnerEmail(PATH_PARTNER);
    const order = await this.orderDesk.placeOrder(poNumber, { name: PATH_PARTNER, email }, lines, customer);
    if (order.credentials) this.partner = { email, password: order.credentials.password };
    for (const license of order.licenses) if (customer && license.customer) this.customers.set(customer, license.customer.customerId);
    return order.licenses;
  }

  async partnerSession(): Promise<PartnerSession> {
    if (!this.partner?.password) throw new Error(`no order of ${PATH_PARTNER} has created its partner account in this path`);
    this.partner.session ??= await this.partnerPortal.logIn(this.partner.email, this.partner.password);
    return this.partner.session;
  }

  async addSmartServer(setup: SmartServerSetup): Promise<CreatedSmartServer> {
    const server = await this.controlPlane.addSmartServer({
      name: setup.name,
      version: setup.version,
      edition: setup.edition,
      devices: { lon: setup.lon, bacnet: 0, modbus: 0 },
      users: CMS_USERS,
    });
    this.servers.set(setup.name, server);
    return server;
  }

  server(name: string): CreatedSmartServer {
    const server = this.servers.get(name);
    if (!server) throw new Error(`no SmartServer "${name}" in this path`);
    return server;
  }

  async cmsSession(name: string, userType = 'Owner'): Promise<CmsSession> {
    const key = `${name}/${userType}`;
    const cached = this.cmsSessions.get(key);
    if (cached) return cached;
    const server = this.server(name);
    const user = server.users.find((u) => u.userType === userType)!;
    const session = await this.cms.logIn(server.installCode, user.username, user.password);
    this.cmsSessions.set(key, session);
    return session;
  }

  customerId(name: string): string {
    const id = this.customers.get(name);
    if (!id) throw new Error(`no customer "${name}" in this path`);
    return id;
  }

  async saveCustomerId(server: string, customer: string): Promise<void> {
    await this.cloud.saveCustomerId(await this.cmsSession(server), this.customerId(customer));
    this.savedCustomer.set(server, customer);
  }

  /** The customer's portal session, logging in with the EID of `licenseId` the first time. */
  async customerSession(customer: string, licenseId: string): Promise<CustomerSession> {
    const cached = this.customerSessions.get(customer);
    if (cached) return cached;
    const session = await this.customerPortal.logIn({ licenseId });
    this.customerSessions.set(customer, session);
    return session;
  }
}
