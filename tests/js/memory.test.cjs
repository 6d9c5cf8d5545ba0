// The wasm heap stays flat: thousands of signatures, verifications, signers made
// and disposed, and failures, leave the module's memory where warm-up left it.
// The test watches the WebAssembly.Memory of an instance it starts itself.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The counts; MEMORY_TEST_SIGNATURES lowers the slow part for a quick local run.
const SIGNATURES = Number(process.env.MEMORY_TEST_SIGNATURES ?? 100_000);
const SIGNERS = 10_000;
const FAILURES = 10_000;
const key = (file) => readFileSync(join(__dirname, '..', 'fixtures', 'keys', file), 'utf8');
const wasmBytes = readFileSync(join(__dirname, '..', '..', 'dist', 'cfsigner.wasm'));

let memory;
let api;

beforeAll(() => {
  const OriginalInstance = WebAssembly.Instance;
  WebAssembly.Instance = function capture(module, imports) {
    const instance = new OriginalInstance(module, imports);
    // Export names are minified in release builds; find the memory by its type.
    memory = Object.values(instance.exports).find((value) => Object.prototype.toString.call(value) === '[object WebAssembly.Memory]');
    return instance;
  };
  try {
    api = require('../../dist/init.cjs').initSync({ wasm: wasmBytes });
  } finally {
    WebAssembly.Instance = OriginalInstance;
  }
  expect(memory.buffer.byteLength).toBeGreaterThan(0);
});

const ecKey = key('ec-p256-sec1.pem');
const publicKeys = { KEC: key('ec-p256-public.pem') };
const url = 'https://d111111abcdef8.cloudfront.net/uploads/file.bin';

function signAndVerify(times) {
  const signer = new api.CloudFrontSigner({ keyPairId: 'KEC', privateKey: ecKey });
  for (let i = 0; i < times; i += 1) {
    const signed = signer.getSignedUrl({ url: `${url}?n=${i}`, dateLessThan: '2030-01-01', ipAddress: '192.0.2.0/24' });
    api.verifySignedUrl(signed, { publicKeys, now: Date.UTC(2029, 0, 1), sourceIp: '192.0.2.9' });
  }
  signer.dispose();
}

function createAndDispose(times) {
  for (let i = 0; i < times; i += 1) new api.CloudFrontSigner({ keyPairId: 'KEC', privateKey: ecKey }).dispose();
}

function fail(times) {
  const bad = [
    () => api.getSignedUrl({ url, keyPairId: 'K', privateKey: 'garbage', dateLessThan: '2030-01-01' }),
    () => api.getSignedUrl({ url: 'ftp://x', keyPairId: 'K', privateKey: ecKey, dateLessThan: '2030-01-01' }),
    () => api.verifySignedUrl(`${url}?Expires=1&Key-Pair-Id=KEC&Signature=AAAA`, { publicKeys }),
    () => api.buildPolicy({ resource: url, dateLessThan: '2039-01-01' }),
  ];
  for (let i = 0; i < times; i += 1) {
    expect(() => bad[i % bad.length]()).toThrow(api.CloudFrontSignerError);
  }
}

test(`${SIGNATURES} sign+verify, ${SIGNERS} signers, ${FAILURES} failures: the heap does not grow`, () => {
  // Warm-up: let the allocator reach its working size.
  signAndVerify(300);
  createAndDispose(300);
  fail(300);
  const settled = memory.buffer.byteLength;

  signAndVerify(SIGNATURES);
  createAndDispose(SIGNERS);
  fail(FAILURES);

  expect(memory.buffer.byteLength).toBe(settled);
  // And the module still works.
  expect(api.getSignedUrl({ url, keyPairId: 'KEC', privateKey: ecKey, dateLessThan: '2030-01-01' })).toContain('Key-Pair-Id=KEC');
}, 900_000);

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
