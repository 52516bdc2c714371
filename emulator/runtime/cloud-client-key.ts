import { TokenIssuer } from '../kernel/tokens';
import { nodeCrypto } from './node-crypto';

/**
 * The key an emulator's licensing cloud API asks of its callers, for an emulator started with
 * `secret` (base64) in SSLAB_TOKEN_SECRET: what a cloud adapter presents to reach it from
 * SmartServers emulated elsewhere.
 */
export function cloudClientKeyFor(secret: string): string {
  return new TokenIssuer(nodeCrypto, Buffer.from(secret, 'base64'), 60).cloudClientKey();
}
