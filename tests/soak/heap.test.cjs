// The wasm heap stays flat: thousands of signatures, verifications, signers made
// and disposed, and failures, leave the module's memory where warm-up left it.
// The test watches the WebAssembly.Memory of an instance it starts itself.
// Part of the slow tier (npm run test:slow); npm test runs it too.
const { fixtureKey: key, instanceWithMemory } = require('../support/wasm-heap.cjs');

// The counts; MEMORY_TEST_SIGNATURES lowers the slow part for a quick local run.
const SIGNATURES = Number(process.env.MEMORY_TEST_SIGNATURES ?? 100_000);
const SIGNERS = 10_000;
const FAILURES = 10_000;

let memory;
let api;

beforeAll(() => {
  ({ api, memory } = instanceWithMemory());
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
