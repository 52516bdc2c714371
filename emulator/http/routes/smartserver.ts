import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../../core/emulator';
import { operateDevice, type DeviceAction } from '../../core/devices';
import { badInput } from '../../core/problems';
import {
  activateFromCloud, cloudLicenses, cmsLogin, customerAccounts, dashboard, draftCustomerId, listDevices, manageLicensesList,
  requireCmsUser, requireOwner, saveCustomerId, settleDraft, transferToCloud,
} from '../../core/smartservers';
import { requireObject } from '../../core/validate';
import { principalOf } from '../auth';

type Req = FastifyRequest<{ Params: { installCode: string } }>;
const tags = ['smartserver'];
const DEVICE_ACTIONS: DeviceAction[] = ['provision', 'deprovision', 'read-datapoints', 'write-datapoints', 'define-datapoint-properties', 'define-connections', 'configure-bacnet-server', 'schedule', 'sequence'];

/** One emulated SmartServer's CMS and its public REST paths (/iap/lic, /iap/devs), under its install code. */
export function smartServerRoutes(app: FastifyInstance, emulator: Emulator): void {
  const { ctx, cloud } = emulator;
  const base = '/smartservers/:installCode';
  const owner = (req: Req) => requireOwner(principalOf(emulator, req), req.params.installCode);
  const user = (req: Req) => requireCmsUser(principalOf(emulator, req), req.params.installCode);

  app.post(`${base}/login`, { schema: { tags, summary: 'Log in to the CMS' } }, async (req: Req) => cmsLogin(ctx, req.params.installCode, req.body));
  app.get(`${base}/dashboard`, { schema: { tags, summary: 'Dashboard: capacity, used capacity, badge, maintenance' } }, async (req: Req) => {
    user(req);
    return dashboard(ctx, req.params.installCode);
  });
  app.get(`${base}/iap/lic/status`, { schema: { tags, summary: 'Licensing status' } }, async (req: Req) => {
    owner(req);
    return dashboard(ctx, req.params.installCode);
  });
  app.get(`${base}/iap/lic`, { schema: { tags, summary: 'Manage Licenses: the activated licenses' } }, async (req: Req) => {
    owner(req);
    return manageLicensesList(ctx, req.params.installCode);
  });
  app.get(`${base}/iap/lic/accounts`, { schema: { tags, summary: 'Manage Customer Accounts' } }, async (req: Req) => {
    owner(req);
    return customerAccounts(ctx, req.params.installCode);
  });
  app.put(`${base}/iap/lic/accounts`, { schema: { tags, summary: 'Save the Customer ID of the segment' } }, async (req: Req) => {
    owner(req);
    return saveCustomerId(ctx, req.params.installCode, requireObject(req.body, 'body').customerId);
  });
  app.post(`${base}/iap/lic/accounts/draft`, { schema: { tags, summary: 'Enter a Customer ID without saving it yet' } }, async (req: Req) => {
    owner(req);
    return draftCustomerId(ctx, req.params.installCode, requireObject(req.body, 'body').customerId);
  });
  app.post(`${base}/iap/lic/accounts/draft/save`, { schema: { tags, summary: 'Save the entered Customer ID' } }, async (req: Req) => {
    owner(req);
    return settleDraft(ctx, req.params.installCode, 'save');
  });
  app.delete(`${base}/iap/lic/accounts/draft`, { schema: { tags, summary: 'Discard the entered Customer ID' } }, async (req: Req) => {
    owner(req);
    return settleDraft(ctx, req.params.installCode, 'discard');
  });
  app.get(`${base}/iap/lic/cloud`, { schema: { tags, summary: 'Download Licenses from the Cloud: what the saved Customer ID may activate' } }, async (req: Req) => {
    owner(req);
    return cloudLicenses(ctx, cloud, req.params.installCode);
  });
  app.post(`${base}/iap/lic/cloud/download`, { schema: { tags, summary: 'ACTIVATE the selected licenses from the cloud' } }, async (req: Req) => {
    owner(req);
    return activateFromCloud(ctx, cloud, req.params.installCode, req.body);
  });
  app.post(`${base}/iap/lic/cloud/upload`, { schema: { tags, summary: 'Transfer to Cloud: return every license' } }, async (req: Req) => {
    owner(req);
    return transferToCloud(ctx, cloud, req.params.installCode);
  });
  app.get(`${base}/iap/devs`, { schema: { tags, summary: 'Devices with their licensing and provisioning state' } }, async (req: Req) => {
    user(req);
    return listDevices(ctx, req.params.installCode);
  });
  app.post<{ Params: { installCode: string; id: string } }>(`${base}/iap/devs/:id/do`, { schema: { tags, summary: 'Run a device action (provision, deprovision, read or write datapoints, …)' } }, async (req) => {
    requireCmsUser(principalOf(emulator, req), req.params.installCode);
    const action = requireObject(req.body, 'body').action as DeviceAction;
    if (!DEVICE_ACTIONS.includes(action)) throw badInput('action', `must be one of ${DEVICE_ACTIONS.join(', ')}`);
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id < 1) throw badInput('id', 'must be a device number from the device list');
    return operateDevice(ctx, req.params.installCode, id, action);
  });
}
