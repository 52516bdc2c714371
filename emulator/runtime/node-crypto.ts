import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomFillSync,
  randomUUID,
  scrypt,
  scryptSync,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import type { CryptoPort } from '../kernel/ports';

/** Bytes drawn at once from the system's generator; a request for more than a quarter of it is served on its own. */
const RANDOM_POOL_BYTES = 4096;
const randomPool = new Uint8Array(RANDOM_POOL_BYTES);
let randomPoolUsed = RANDOM_POOL_BYTES;

/**
 * Cryptographically random bytes, handed out from a pool filled by the system's generator 4 KiB
 * at a time, each byte once (as Node's randomUUID does with its own pool). Each call of
 * randomBytes costs microseconds whatever the length, and a new SmartServer takes a few dozen
 * small draws: its install code, its devices' IDs, its users' passwords and salts.
 */
function pooledRandomBytes(length: number): Uint8Array {
  if (length > RANDOM_POOL_BYTES / 4) return new Uint8Array(randomBytes(length));
  if (randomPoolUsed + length > RANDOM_POOL_BYTES) {
    randomFillSync(randomPool);
    randomPoolUsed = 0;
  }
  const bytes = randomPool.slice(randomPoolUsed, randomPoolUsed + length);
  randomPoolUsed += length;
  return bytes;
}

/** The kernel's cryptography, done by node:crypto. */
export const nodeCrypto: CryptoPort = {
  randomUuid: randomUUID,
  randomBytes: pooledRandomBytes,
  scrypt: (password, salt, keyLength, { N, r, p }) => new Uint8Array(scryptSync(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 })),
  scryptAsync: (password, salt, keyLength, { N, r, p }) =>
    new Promise((resolve, reject) =>
      scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
    ),
  hmacSha256: (secret, data) => new Uint8Array(createHmac('sha256', secret).update(data).digest()),
  equal: (a, b) => a.length === b.length && timingSafeEqual(a, b),
  newSigningKeyPem: () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  signingKey(privateKeyPem) {
    const privateKey = createPrivateKey(privateKeyPem);
    const publicKey = createPublicKey(privateKey);
    const keyId = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .slice(0, 16);
    return {
      keyId,
      sign: (data) => sign(null, data, privateKey).toString('base64'),
      verify: (data, signature) => verify(null, data, publicKey, signature),
    };
  },
};
