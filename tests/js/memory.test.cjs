// Secrets leave the wasm heap when their key does: a disposed signer and a dropped
// cached key leave no prime, exponent or PEM line behind. The test searches the
// WebAssembly.Memory of an instance it starts itself. (The heap soak is in tests/soak.)
const { fixtureKey: key, instanceWithMemory } = require('../support/wasm-heap.cjs');

let memory;
let api;

beforeAll(() => {
  ({ api, memory } = instanceWithMemory());
  expect(memory.buffer.byteLength).toBeGreaterThan(0);
});

const url = 'https://d111111abcdef8.cloudfront.net/uploads/file.bin';

// Mbed TLS keeps big numbers as little-endian 32-bit limbs in wasm, so on this
// little-endian memory a secret's bytes appear reversed.
function limbBytes(base64url) {
  return Buffer.from(base64url, 'base64url').reverse();
}

const bigintOf = (base64url) => BigInt(`0x${Buffer.from(base64url, 'base64url').toString('hex')}`);

// The RSA fast path's precomputed context keeps residues mod p and mod q as 28-bit
// limbs side by side, little-endian 32-bit words (src/kernel/crt_pair.h). 64 bytes
// from the middle of such a pair.
function crtPairBytes(valueP, valueQ) {
  const words = new Uint32Array(2 * 37);
  [valueP, valueQ].forEach((value, lane) => {
    for (let j = 0; j < 37; j += 1) words[2 * j + lane] = Number((value >> BigInt(28 * j)) & 0xfffffffn);
  });
  return Buffer.from(words.buffer).subarray(64, 128);
}

// What the fast path derives from an RSA key: p | q, and R^2 mod p | R^2 mod q.
function fastPathSecrets(pem) {
  const { p, q } = require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' });
  const [P, Q] = [bigintOf(p), bigintOf(q)];
  const R2 = 1n << 2072n;
  return [crtPairBytes(P, Q), crtPairBytes(R2 % P, R2 % Q)];
}

function heapContains(needle) {
  return Buffer.from(memory.buffer).indexOf(needle) !== -1;
}

test('disposing a signer zeroizes its key: no prime, exponent, precomputed value or PEM line is left in the heap', () => {
  const pem = key('rsa2048-pkcs8.pem');
  const { d, p, q, dp, dq } = require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' });
  // 32 bytes from the middle of each secret: long enough to be unique.
  const secrets = [d, p, q, dp, dq].map((value) => limbBytes(value).subarray(32, 64)).concat(fastPathSecrets(pem));
  const pemLines = pem.split('\n').filter((line) => line.length === 64).map((line) => Buffer.from(line));
  // The same secrets as the DER in the key file stores them (big-endian).
  const derForms = [d, p, q].map((value) => Buffer.from(value, 'base64url').subarray(32, 64));

  const signer = new api.CloudFrontSigner({ keyPairId: 'KRSA', privateKey: pem });
  signer.getSignedUrl({ url, dateLessThan: '2030-01-01' });
  // While the signer lives, the key is in the heap: the search can find it.
  expect(secrets.map(heapContains)).toEqual(Array(7).fill(true));
  signer.dispose();
  expect(secrets.map(heapContains)).toEqual(Array(7).fill(false));
  expect(derForms.map(heapContains)).toEqual([false, false, false]);
  expect(pemLines.some(heapContains)).toBe(false);

  // The one-shot path keeps the parsed key (never the key file) until clearKeyCache().
  api.getSignedUrl({ url, keyPairId: 'KRSA', privateKey: pem, dateLessThan: '2030-01-01' });
  expect(secrets.map(heapContains)).toEqual(Array(7).fill(true));
  expect(pemLines.some(heapContains)).toBe(false);
  api.clearKeyCache();
  expect(secrets.map(heapContains)).toEqual(Array(7).fill(false));
  expect(derForms.map(heapContains)).toEqual([false, false, false]);
  expect(pemLines.some(heapContains)).toBe(false);
});

test('the one-shot key cache holds 8 keys and zeroizes the least recently used one it drops', () => {
  // EC keys, and RSA keys whose precomputed fast-path context must go with them.
  const { generateKeyPairSync } = require('node:crypto');
  const rsaKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  const cachedKeys = Array.from({ length: 9 }, (_, i) => (i % 3 === 1 ? rsaKey() : api.generateKeyPair({ type: 'ec' }).privateKey));
  const secretOf = (pem) => (pem.length > 1000 ? fastPathSecrets(pem)[0]
    : limbBytes(require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' }).d));
  // Strings are found by their text, bytes by their fingerprint; one order of use for both.
  const given = cachedKeys.map((pem, i) => (i % 2 ? Buffer.from(pem) : pem));
  const sign = (i) => api.getSignedUrl({ url, keyPairId: 'KEC', privateKey: given[i], dateLessThan: '2030-01-01' });
  api.clearKeyCache();

  for (let i = 0; i < 8; i += 1) sign(i);
  expect(cachedKeys.map(secretOf).map(heapContains)).toEqual([...Array(8).fill(true), false]);
  sign(0); // now the most recently used: key 1 (bytes) is the oldest
  sign(8);
  expect(cachedKeys.map(secretOf).map(heapContains)).toEqual([true, false, ...Array(7).fill(true)]);
  sign(3); // bytes: key 2 (text) is the oldest now
  given[1] = Buffer.from(cachedKeys[1]);
  sign(1);
  expect(cachedKeys.map(secretOf).map(heapContains)).toEqual([true, true, false, ...Array(6).fill(true)]);

  api.clearKeyCache();
  expect(cachedKeys.map(secretOf).some(heapContains)).toBe(false);
});

test('a key string is found by its text: the same text in another string is the same entry', () => {
  const texts = Array.from({ length: 9 }, () => api.generateKeyPair({ type: 'ec' }).privateKey);
  const secretOf = (pem) => limbBytes(require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' }).d);
  const sign = (privateKey) => api.getSignedUrl({ url, keyPairId: 'KEC', privateKey, dateLessThan: '2030-01-01' });
  api.clearKeyCache();

  texts.slice(0, 8).forEach(sign);
  // Key 0's text, rebuilt into a string of its own: found, so it becomes the most recently used.
  const rebuilt = [...texts[0]].join('');
  expect(rebuilt).toBe(texts[0]);
  sign(rebuilt);
  sign(texts[8]);
  expect(texts.map(secretOf).map(heapContains)).toEqual([true, false, ...Array(7).fill(true)]);
  // A text that differs (one more newline) is another key file to the cache.
  sign(`${texts[0]}\n`);
  expect(texts.map(secretOf).map(heapContains)).toEqual([true, false, false, ...Array(6).fill(true)]);
  api.clearKeyCache();
  expect(texts.map(secretOf).some(heapContains)).toBe(false);
});

test('ECDSA signing leaves no copy of the private scalar behind: the P-256 signer wipes its own', () => {
  const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const pem = key('ec-p256-pkcs8.pem');
  const dBytes = Buffer.from(require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' }).d, 'base64url');
  const d = BigInt(`0x${dBytes.toString('hex')}`);
  const bigEndian = (value) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
  const limbForm = limbBytes(dBytes.toString('base64url'));
  // The forms the fiat-crypto signer works with: d as big-endian bytes, and d * 2^256 mod n
  // (Montgomery form) in limbs.
  const montgomery = bigEndian((d * 2n ** 256n) % N).reverse();

  const signer = new api.CloudFrontSigner({ keyPairId: 'KEC', privateKey: pem });
  for (let i = 0; i < 3; i += 1) signer.getSignedUrl({ url: `${url}?i=${i}`, dateLessThan: '2030-01-01' });
  // Mbed TLS keeps the parsed key (limb form) while the signer lives; the signer's
  // own copies are gone as soon as each signature is.
  expect(heapContains(limbForm)).toBe(true);
  expect(heapContains(bigEndian(d))).toBe(false);
  expect(heapContains(montgomery)).toBe(false);
  signer.dispose();
  expect([limbForm, bigEndian(d), montgomery].map(heapContains)).toEqual([false, false, false]);
});
