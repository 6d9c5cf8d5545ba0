// cloudfront-signer-wasm/init: starting the module from a Module, bytes or a
// Response, for bundlers and runtimes that hand over the wasm themselves.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { init, initSync } = require('../../dist/init.cjs');

const wasmBytes = readFileSync(join(__dirname, '..', '..', 'dist', 'cfsigner.wasm'));
const key = (file) => readFileSync(join(__dirname, '..', 'fixtures', 'keys', file), 'utf8');
const options = { url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', privateKey: key('rsa2048-pkcs1.pem'), dateLessThan: '2030-01-01' };
const expected = require('../../dist/index.cjs').getSignedUrl(options);

test.each([
  ['initSync with bytes', () => initSync({ wasm: wasmBytes })],
  ['initSync with a WebAssembly.Module', () => initSync({ wasm: new WebAssembly.Module(wasmBytes) })],
  ['init with bytes', () => init({ wasm: wasmBytes })],
  ['init with an ArrayBuffer', () => init({ wasm: wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.length) })],
  ['init with a Response', () => init({ wasm: new Response(wasmBytes) })],
  ['init with a promise of a Response', () => init({ wasm: Promise.resolve(new Response(wasmBytes)) })],
])('%s gives a working API', async (_, start) => {
  const api = await start();
  expect(api.getSignedUrl(options)).toBe(expected);
  expect(() => api.getSignedUrl({ ...options, url: 'ftp://x/y' })).toThrow(expect.objectContaining({ name: 'CloudFrontSignerError', code: 'INVALID_URL' }));
});

test('bad sources are refused with a clear TypeError', async () => {
  expect(() => initSync({ wasm: 'cfsigner.wasm' })).toThrow(/WebAssembly.Module or bytes/);
  expect(() => initSync()).toThrow(TypeError);
  await expect(init({ wasm: 42 })).rejects.toThrow(/WebAssembly.Module, bytes, a URL or a Response/);
  await expect(init({ wasm: new Response('missing', { status: 404 }) })).rejects.toThrow(/HTTP 404/);
});

test('each instance is independent: its own DRBG, its own keys', () => {
  const a = initSync({ wasm: wasmBytes });
  const b = initSync({ wasm: wasmBytes });
  const ec = { keyPairId: 'KEC', privateKey: key('ec-p256-sec1.pem') };
  const signerA = new a.CloudFrontSigner(ec);
  const signerB = new b.CloudFrontSigner(ec);
  const signed = { url: 'https://d111111abcdef8.cloudfront.net/a.txt', dateLessThan: '2030-01-01' };
  expect(signerA.getSignedUrl(signed)).not.toBe(signerB.getSignedUrl(signed));
  signerA.dispose();
  expect(() => signerA.getSignedUrl(signed)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  expect(signerB.getSignedUrl(signed)).toContain('Key-Pair-Id=KEC');
  signerB.dispose();
});
