import { type CloudAdapterContext, cloudClientKeyFor, HttpLicensingCloud, type LicensingCloudPort } from 'sslab';

/**
 * How the SmartServers emulated in this process reach our staging's licensing cloud. Our staging
 * here is an sslab emulator started with STAGING_TOKEN_SECRET, so the emulator's own HTTP client
 * for the cloud API does, with the key that secret gives; a vendor's own cloud needs a port of its
 * own with the same five operations.
 */
export default function cloudAdapter({ vendorUrl }: CloudAdapterContext): LicensingCloudPort {
  const secret = process.env.STAGING_TOKEN_SECRET;
  if (!secret) throw new Error('STAGING_TOKEN_SECRET is not set: the staging cloud cannot be reached without its client key');
  return new HttpLicensingCloud(vendorUrl, cloudClientKeyFor(secret));
}
