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

function heapContains(needle) {
  return Buffer.from(memory.buffer).indexOf(needle) !== -1;
}

test('disposing a signer zeroizes its key: no prime, exponent or PEM line is left in the heap', () => {
  const pem = key('rsa2048-pkcs8.pem');
  const { d, p, q } = require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' });
  // 32 bytes from the middle of each secret: long enough to be unique.
  const secrets = [d, p, q].map((value) => limbBytes(value).subarray(32, 64));
  const pemLines = pem.split('\n').filter((line) => line.length === 64).map((line) => Buffer.from(line));
  // The same secrets as the DER in the key file stores them (big-endian).
  const derForms = [d, p, q].map((value) => Buffer.from(value, 'base64url').subarray(32, 64));

  const signer = new api.CloudFrontSigner({ keyPairId: 'KRSA', privateKey: pem });
  signer.getSignedUrl({ url, dateLessThan: '2030-01-01' });
  // While the signer lives, the key is in the heap: the search can find it.
  expect(secrets.map(heapContains)).toEqual([true, true, true]);
  signer.dispose();
  expect(secrets.map(heapContains)).toEqual([false, false, false]);
  expect(derForms.map(heapContains)).toEqual([false, false, false]);
  expect(pemLines.some(heapContains)).toBe(false);

  // The one-shot path keeps the parsed key (never the key file) until clearKeyCache().
  api.getSignedUrl({ url, keyPairId: 'KRSA', privateKey: pem, dateLessThan: '2030-01-01' });
  expect(secrets.map(heapContains)).toEqual([true, true, true]);
  expect(pemLines.some(heapContains)).toBe(false);
  api.clearKeyCache();
  expect(secrets.map(heapContains)).toEqual([false, false, false]);
  expect(derForms.map(heapContains)).toEqual([false, false, false]);
  expect(pemLines.some(heapContains)).toBe(false);
});

test('the one-shot key cache holds 8 keys and zeroizes the least recently used one it drops', () => {
  const ecKeys = Array.from({ length: 9 }, () => api.generateKeyPair({ type: 'ec' }).privateKey);
  const scalarOf = (pem) => limbBytes(require('node:crypto').createPrivateKey(pem).export({ format: 'jwk' }).d);
  const sign = (pem) => api.getSignedUrl({ url, keyPairId: 'KEC', privateKey: pem, dateLessThan: '2030-01-01' });
  api.clearKeyCache();

  ecKeys.slice(0, 8).forEach(sign);
  expect(ecKeys.map(scalarOf).map(heapContains)).toEqual([...Array(8).fill(true), false]);
  sign(ecKeys[0]); // now the most recently used: key 1 is the oldest
  sign(ecKeys[8]);
  expect(ecKeys.map(scalarOf).map(heapContains)).toEqual([true, false, ...Array(7).fill(true)]);

  api.clearKeyCache();
  expect(ecKeys.map(scalarOf).some(heapContains)).toBe(false);
});
