import type { HeldLicense, HeldTotals, SmartServerLicensing } from '../../models/smartserver';
import type { Page, PageRequest } from './paging';

/**
 * The contracts between services that run apart: what a SmartServer asks of the licensing cloud,
 * and the offline activation file that carries a license between them without the Internet. The
 * SmartServer depends on these, never on the cloud's inside, so the cloud can be in the same
 * process, behind HTTP, or a team's own system.
 */

export const OFFLINE_FILE_FORMAT = 'sslab-offline-activation/1';

export type OfflineIssuer = 'customer-portal' | 'customer-success';

export interface OfflineFilePayload {
  fileId: string;
  licenseId: string;
  model: string;
  kind: string;
  capacity: number;
  termYears: number | null;
  termEnd: string | null;
  installCode: string;
  issuer: OfflineIssuer;
  issuedAt: string;
  /** After this moment of the virtual clock the file is refused as expired. */
  expiresAt?: string;
}

export interface OfflineFile {
  format: typeof OFFLINE_FILE_FORMAT;
  payload: OfflineFilePayload;
  /** Fingerprint of the public key that signed the payload (see `signingKeyId`). */
  keyId?: string;
  signature: string;
}

/** A license as the cloud offers it to a SmartServer for download. */
export interface CloudLicense {
  licenseId: string;
  model: string;
  kind: string;
  capacity: number;
  transferDate: string;
  description: string;
}

/** A SmartServer asking the cloud to activate licenses for it. */
export interface ActivationRequest {
  customerId: string;
  server: SmartServerLicensing;
  licenseIds: string[];
  /** What `server.licenses` add up to, when the SmartServer keeps it: a cloud in the same process need not add up every license again. */
  totals?: HeldTotals;
}

/**
 * How a SmartServer reaches the licensing cloud. In one process it is a direct call; a SmartServer
 * emulated apart from the cloud reaches it over HTTP through the same interface.
 */
export interface LicensingCloudPort {
  /** One page of the licenses the Customer ID may download, oldest first, with how many there are in all. */
  available(customerId: string, page: PageRequest): Promise<Page<CloudLicense>>;
  /**
   * Activates the licenses and hands them to `record`, which stores them on the SmartServer. A cloud
   * in the same process runs `record` inside its own transaction, so a crash cannot leave a license
   * active in the cloud that no SmartServer holds; a remote cloud runs it once its answer arrives.
   */
  activate<T>(request: ActivationRequest, record: (held: HeldLicense[]) => T): Promise<T>;
  /** Takes the licenses back; `record` removes them from the SmartServer, in the same way as for `activate`. */
  giveBack<T>(request: { installCode: string; licenseIds: string[] }, record: () => T): Promise<T>;
  /** Reads the text of an offline activation file and checks it was signed by this cloud and not altered. */
  checkOfflineFile(text: unknown): Promise<OfflineFile>;
  /**
   * Add License, as the cloud records it: the file is checked against the cloud's records and its
   * license activated offline; `record` stores the license on the SmartServer, as for `activate`.
   */
  redeemOfflineFile<T>(request: { text: unknown; server: SmartServerLicensing }, record: (held: HeldLicense) => T): Promise<T>;
}

/** scrypt's cost parameters. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** An Ed25519 key pair, from the PKCS#8 PEM text the meta table keeps. */
export interface SigningKey {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
  keyId: string;
  /** The signature of `data`, in base64. */
  sign(data: Uint8Array): string;
  /** Whether `signature` (base64 bytes) signs `data` under this key. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/**
 * The cryptography the rules need. The Node runtime gives node:crypto (runtime/node-crypto.ts);
 * another runtime (a browser, a worker) can give Web Crypto, and tests a seeded one.
 */
export interface CryptoPort {
  randomUuid(): string;
  randomBytes(length: number): Uint8Array;
  scrypt(password: string, salt: Uint8Array, keyLength: number, cost: ScryptCost): Uint8Array;
  /** The same, computed off the event loop, so a login does not hold up every other request. */
  scryptAsync(password: string, salt: Uint8Array, keyLength: number, cost: ScryptCost): Promise<Uint8Array>;
  hmacSha256(secret: Uint8Array, data: string): Uint8Array;
  /** Compares in constant time; values of different lengths are unequal. */
  equal(a: Uint8Array, b: Uint8Array): boolean;
  newSigningKeyPem(): string;
  signingKey(privateKeyPem: string): SigningKey;
}
