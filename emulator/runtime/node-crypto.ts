import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  scrypt,
  scryptSync,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import type { CryptoPort } from '../kernel/ports';

/** The kernel's cryptography, done by node:crypto. */
export const nodeCrypto: CryptoPort = {
  randomUuid: randomUUID,
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
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
