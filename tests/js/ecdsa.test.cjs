// ECDSA P-256 signing (fiat-crypto arithmetic behind Mbed TLS's mbedtls_ecdsa_sign)
// through the package: over 10,000 signed URLs per run, every one verified by
// node:crypto (what aws-sdk and CloudFront's own tooling use) and by our
// verifySignedUrl, from random keys and the edge keys d = 1, 2, 3, n-1, n-2, 2^255,
// with SHA-1 and SHA-256. No r may repeat: every signature has a fresh nonce.
const crypto = require('node:crypto');
const { fromCloudFrontBase64 } = require('../support/assertions.cjs');
const { CloudFrontSigner, getSignedUrl, verifySignedUrl } = require('../../dist/index.cjs');

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const RANDOM_KEYS = 15;
const SIGNATURES_PER_KEY = 480; // 21 keys x 480 = 10,080 signatures
const EXPIRES = 1893456000; // 2030-01-01T00:00:00Z
const NOW = new Date('2029-06-01T00:00:00Z');

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

// A P-256 key pair with private scalar d (a BigInt), as PKCS#8 and SPKI PEM.
function keyPairFor(d) {
  const scalar = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', d: base64url(scalar), x: base64url(point.subarray(1, 33)), y: base64url(point.subarray(33)) };
  const privateKey = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
  return {
    name: `d = 0x${d.toString(16)}`,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicKey: crypto.createPublicKey(privateKey),
  };
}

function randomKeyPair(index) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { name: `random key ${index}`, privatePem: privateKey.export({ type: 'sec1', format: 'pem' }), publicKey };
}

// The canned policy a signed URL stands for, and its DER signature.
function signedParts(signedUrl) {
  const query = new URLSearchParams(signedUrl.slice(signedUrl.indexOf('?') + 1));
  const resource = signedUrl.slice(0, signedUrl.indexOf('?Expires='));
  const policy = `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${query.get('Expires')}}}}]}`;
  return { policy: Buffer.from(policy), signature: fromCloudFrontBase64(query.get('Signature')), sha256: query.has('Hash-Algorithm') };
}

// r of a DER ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }.
function rOf(der) {
  expect(der[0]).toBe(0x30);
  expect(der[2]).toBe(0x02);
  return der.subarray(4, 4 + der[3]).toString('hex');
}

const EDGE_SCALARS = [1n, 2n, 3n, N - 1n, N - 2n, 2n ** 255n];
const keys = [...EDGE_SCALARS.map(keyPairFor), ...Array.from({ length: RANDOM_KEYS }, (_, i) => randomKeyPair(i))];

test(`${keys.length * SIGNATURES_PER_KEY} signatures from ${keys.length} keys verify with node:crypto and verifySignedUrl, no r repeats`, () => {
  const seenR = new Set();
  let verified = 0;
  for (const key of keys) {
    const signer = new CloudFrontSigner({ keyPairId: 'KEC', privateKey: key.privatePem });
    const publicKeys = { KEC: key.publicKey.export({ type: 'spki', format: 'pem' }) };
    for (let i = 0; i < SIGNATURES_PER_KEY; i += 1) {
      const algorithm = i % 2 ? 'SHA256' : 'SHA1';
      const signedUrl = signer.getSignedUrl({ url: `https://d111111abcdef8.cloudfront.net/f/${i}.bin`, dateLessThan: new Date(EXPIRES * 1000), algorithm });
      const { policy, signature, sha256 } = signedParts(signedUrl);
      expect(sha256).toBe(algorithm === 'SHA256');
      if (!crypto.verify(algorithm === 'SHA256' ? 'sha256' : 'sha1', policy, key.publicKey, signature)) {
        throw new Error(`node:crypto rejects signature ${i} of ${key.name}`);
      }
      expect(verifySignedUrl(signedUrl, { publicKeys, now: NOW }).keyPairId).toBe('KEC');
      seenR.add(rOf(signature));
      verified += 1;
    }
    signer.dispose();
  }
  expect(verified).toBe(keys.length * SIGNATURES_PER_KEY);
  expect(seenR.size).toBe(verified);
}, 300_000);

test('the one-shot getSignedUrl signs with the same code: edge keys verify', () => {
  for (const key of keys.slice(0, EDGE_SCALARS.length)) {
    const signedUrl = getSignedUrl({ url: 'https://d111111abcdef8.cloudfront.net/one.txt', keyPairId: 'K1', privateKey: key.privatePem, dateLessThan: new Date(EXPIRES * 1000) });
    const { policy, signature } = signedParts(signedUrl);
    expect(crypto.verify('sha1', policy, key.publicKey, signature)).toBe(true);
  }
});
