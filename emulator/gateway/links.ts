import type { OpenApiDocument } from './openapi';

/**
 * The flow a partner's client walks, as OpenAPI links: from an answer to the operation its values
 * feed (an order to its licenses, a transfer to the new License ID and the Customer ID, a saved
 * Customer ID to the cloud list, a cloud offer to its activation). Each link names the operation
 * by method and path; the document carries them as `operationId`s.
 */

export interface FlowLink {
  /** "METHOD /path" of the answering operation, and the status whose answer the link starts from. */
  from: string;
  status: number;
  name: string;
  /** "METHOD /path" of the operation the link leads to. */
  to: string;
  /** Its parameters, as runtime expressions ($response.body#/…, $request.path.…). */
  parameters: Record<string, string>;
  description: string;
}

export const FLOW_LINKS: readonly FlowLink[] = [
  {
    from: 'POST /backoffice/api/orders',
    status: 201,
    name: 'OrderedLicense',
    to: 'GET /partner/api/licenses/{licenseId}',
    parameters: { licenseId: '$response.body#/licenses/0/licenseId' },
    description: 'The order details of a license the order made (each one in licenses).',
  },
  {
    from: 'POST /backoffice/api/orders',
    status: 201,
    name: 'TransferOrderedLicense',
    to: 'POST /partner/api/licenses/{licenseId}/transfers',
    parameters: { licenseId: '$response.body#/licenses/0/licenseId' },
    description: 'Transfer a license the order made to a customer.',
  },
  {
    from: 'POST /partner/api/licenses/{licenseId}/transfers',
    status: 201,
    name: 'NewLicense',
    to: 'GET /partner/api/licenses/{licenseId}',
    parameters: { licenseId: '$response.body#/license/licenseId' },
    description:
      'The license under its new License ID (the one sent is retired, kept for tracking). The customer logs into the customer portal with it as the EID.',
  },
  {
    from: 'POST /partner/api/licenses/{licenseId}/transfers',
    status: 201,
    name: 'OfflineFileForNewLicense',
    to: 'POST /customer/api/licenses/{licenseId}/offline-activation-files',
    parameters: { licenseId: '$response.body#/license/licenseId' },
    description: 'An offline activation file for the new License ID, for a SmartServer without Internet.',
  },
  {
    from: 'POST /partner/api/licenses/{licenseId}/transfers',
    status: 201,
    name: 'CustomerCloudList',
    to: 'GET /cloud/api/customers/{customerId}/licenses',
    parameters: { customerId: '$response.body#/customer/customerId' },
    description: "What the cloud offers for the customer's Customer ID, which the SmartServer's Owner enters in the CMS.",
  },
  {
    from: 'PUT /smartservers/{installCode}/iap/lic/accounts',
    status: 200,
    name: 'CloudList',
    to: 'GET /smartservers/{installCode}/iap/lic/cloud',
    parameters: { installCode: '$request.path.installCode' },
    description: 'The licenses the cloud offers this SmartServer for the saved Customer ID.',
  },
  {
    from: 'GET /smartservers/{installCode}/iap/lic/cloud',
    status: 200,
    name: 'ActivateOffer',
    to: 'POST /smartservers/{installCode}/iap/lic/cloud/download',
    parameters: { installCode: '$request.path.installCode' },
    description: 'Activate offers on this SmartServer: send their licenseId values in licenseIds.',
  },
  {
    from: 'POST /smartservers/{installCode}/iap/lic/cloud/download',
    status: 200,
    name: 'ManageLicenses',
    to: 'GET /smartservers/{installCode}/iap/lic',
    parameters: { installCode: '$request.path.installCode' },
    description: 'The licenses the SmartServer now holds (Manage Licenses).',
  },
  {
    from: 'POST /customer/api/licenses/{licenseId}/offline-activation-files',
    status: 201,
    name: 'LoadFile',
    to: 'POST /smartservers/{installCode}/iap/lic/files',
    parameters: { installCode: '$response.body#/installCode' },
    description: 'Load the file (its text) on the SmartServer it was made for (Add License).',
  },
  {
    from: 'POST /_emulator/smartservers',
    status: 201,
    name: 'LogIn',
    to: 'POST /smartservers/{installCode}/login',
    parameters: { installCode: '$response.body#/installCode' },
    description: 'Log into the new SmartServer with one of the users it answered.',
  },
];

/** The document with each flow link on the answer it starts from. */
export function withLinks(document: OpenApiDocument, links: readonly FlowLink[] = FLOW_LINKS): OpenApiDocument {
  const operationIds = new Map<string, string>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) operationIds.set(`${method.toUpperCase()} ${path}`, operation.operationId);
  }
  for (const link of links) {
    const [method, path] = link.from.split(' ');
    const answer = document.paths[path]?.[method.toLowerCase()]?.responses[String(link.status)];
    const operationId = operationIds.get(link.to);
    // An operation switched off (the back office without the admin API) takes its links with it.
    if (!answer || !operationId) continue;
    const withLinks = answer as typeof answer & { links?: Record<string, unknown> };
    withLinks.links = { ...withLinks.links, [link.name]: { operationId, parameters: link.parameters, description: link.description } };
  }
  return document;
}
