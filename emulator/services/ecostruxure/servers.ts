import { isServerProduct, SERVER_PRODUCTS } from '../../../models/ecostruxure/catalog';
import { inTransaction, type CoreContext } from '../../kernel/context';
import { badInput, conflict, notFound } from '../../kernel/problems';
import { optionalBoolean, optionalString, requireObject, requireString, requireUuid } from '../../kernel/validate';
import { ecoStruxureStore, type BmsServer, type EcoStruxureStore } from './store';
import { serverView } from './views';

export function requireServer(store: EcoStruxureStore, serverId: unknown): BmsServer {
  const id = requireUuid(serverId, 'serverId');
  const server = store.server(id);
  if (!server) throw notFound('EcoStruxure BMS server', id);
  return server;
}

const VERSION = /^\d{1,4}(\.\d{1,3}){0,2}$/;

/** Adds an emulated EcoStruxure BMS server that Device Administrator can reach. */
export function createServer(ctx: CoreContext, body: unknown) {
  const input = requireObject(body, 'body');
  const name = requireString(input.name, 'name', 80);
  if (!isServerProduct(input.product)) throw badInput('product', `must be one of ${SERVER_PRODUCTS.join(', ')}`);
  const version = optionalString(input.version, 'version', 20) ?? '7.0';
  if (!VERSION.test(version)) throw badInput('version', 'must be a release number such as 7.0 or 2024');
  const server: BmsServer = {
    serverId: ctx.newId(),
    name,
    product: input.product,
    version,
    internet: optionalBoolean(input.internet, 'internet') ?? true,
    https: optionalBoolean(input.https, 'https') ?? false,
    certificatesInstalled: optionalBoolean(input.certificatesInstalled, 'certificatesInstalled') ?? false,
  };
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    if (store.serverNamed(name)) throw conflict('server-exists', `A server named ${name} exists already; server names are unique in Device Administrator.`);
    store.insertServer(server, ctx.clock.now());
    return serverView(store, server);
  });
}

/** Gives a server Internet access or takes it away, switches HTTPS, installs or removes its certificates. */
export function updateServerNetwork(ctx: CoreContext, serverId: string, body: unknown) {
  const input = requireObject(body, 'body');
  const change = {
    internet: optionalBoolean(input.internet, 'internet'),
    https: optionalBoolean(input.https, 'https'),
    certificatesInstalled: optionalBoolean(input.certificatesInstalled, 'certificatesInstalled'),
  };
  if (Object.values(change).every((v) => v === undefined)) throw badInput('body', 'must set at least one of internet, https, certificatesInstalled');
  return inTransaction(ctx, () => {
    const store = ecoStruxureStore(ctx.db);
    const server = requireServer(store, serverId);
    const next: BmsServer = {
      ...server,
      internet: change.internet ?? server.internet,
      https: change.https ?? server.https,
      certificatesInstalled: change.certificatesInstalled ?? server.certificatesInstalled,
    };
    store.updateServer(next);
    return serverView(store, next);
  });
}

export function listServers(ctx: CoreContext) {
  const store = ecoStruxureStore(ctx.db);
  return store.servers().map((s) => serverView(store, s));
}

export function showServer(ctx: CoreContext, serverId: string) {
  const store = ecoStruxureStore(ctx.db);
  return serverView(store, requireServer(store, serverId));
}
