// The pure-JavaScript baseline for RSA: PKCS#1 v1.5 with BigInt CRT, 20 lines.
// No blinding and no constant time: a yardstick for the bench, not for use.
import { createHash, createPrivateKey } from 'node:crypto';

const DIGEST_INFO = { sha1: '3021300906052b0e03021a05000414', sha256: '3031300d060960864801650304020105000420' };
const toBigInt = (base64url) => BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex')}`);

function modPow(base, exponent, modulus) {
  let result = 1n;
  for (let b = base % modulus, e = exponent; e > 0n; e >>= 1n, b = (b * b) % modulus) if (e & 1n) result = (result * b) % modulus;
  return result;
}

/** Returns sign(message, 'sha1' | 'sha256') -> signature bytes for the RSA key in `pem`. */
export function bigintRsaSigner(pem) {
  const { n, p, q, dp, dq, qi } = Object.fromEntries(Object.entries(createPrivateKey(pem).export({ format: 'jwk' }))
    .filter(([name]) => name !== 'kty').map(([name, value]) => [name, toBigInt(value)]));
  const size = (n.toString(16).length + 1) >> 1;
  return (message, hash = 'sha1') => {
    const info = DIGEST_INFO[hash] + createHash(hash).update(message).digest('hex');
    const m = BigInt(`0x0001${'ff'.repeat(size - 3 - info.length / 2)}00${info}`);
    const sp = modPow(m % p, dp, p);
    const sq = modPow(m % q, dq, q);
    return Buffer.from((sq + q * ((((sp - sq) % p + p) * qi) % p)).toString(16).padStart(2 * size, '0'), 'hex');
  };
}
