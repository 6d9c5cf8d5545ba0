// A runtime without a CSPRNG (Node.js 18 has no global `crypto`): signing, key parsing and
// key generation refuse with UNSUPPORTED_RUNTIME instead of aborting the wasm module, what
// needs no randomness still works, and once a random source appears the same module signs.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');

const ROOT = join(__dirname, '..', '..');
const PRIVATE_KEY = readFileSync(join(ROOT, 'tests', 'fixtures', 'keys', 'rsa2048-pkcs8.pem'), 'utf8');
const PUBLIC_KEY = readFileSync(join(ROOT, 'tests', 'fixtures', 'keys', 'rsa2048-public.pem'), 'utf8');
const OPTIONS = { url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', privateKey: PRIVATE_KEY, dateLessThan: '2030-01-01' };
const SIGNED = aws.getSignedUrl(OPTIONS);

// Runs in a fresh process: takes the global away before the package loads, tries every
// call, then puts it back.
const PROBE = `
const options = ${JSON.stringify(OPTIONS)};
const randomSource = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
delete globalThis.crypto;
const lib = await load();
const attempt = (call) => { try { call(); return 'signed'; } catch (error) { return \`\${error.name} \${error.code}\`; } };
const { keyPairId, privateKey } = options;
const refused = {
  getSignedUrl: attempt(() => lib.getSignedUrl(options)),
  getSignedCookies: attempt(() => lib.getSignedCookies(options)),
  CloudFrontSigner: attempt(() => new lib.CloudFrontSigner({ keyPairId, privateKey })),
  generateKeyPair: attempt(() => lib.generateKeyPair({ type: 'ec' })),
};
const verified = lib.verifySignedUrl(${JSON.stringify(SIGNED)}, { publicKeys: { K1: ${JSON.stringify(PUBLIC_KEY)} }, now: Date.parse('2029-01-01') }).keyPairId;
const policy = lib.buildPolicy({ resource: options.url, dateLessThan: options.dateLessThan });
Object.defineProperty(globalThis, 'crypto', randomSource);
const signer = new lib.CloudFrontSigner({ keyPairId, privateKey });
delete globalThis.crypto;
const signerWithoutRandom = attempt(() => signer.getSignedUrl({ url: options.url, dateLessThan: options.dateLessThan }));
Object.defineProperty(globalThis, 'crypto', randomSource);
process.stdout.write(JSON.stringify({ refused, verified, policy, signerWithoutRandom, signedAfter: lib.getSignedUrl(options) }));
`;

test.each([
  ['ESM', ['--input-type=module', '-e', `const load = () => import(${JSON.stringify(join(ROOT, 'dist', 'index.mjs'))});\n${PROBE}`]],
  ['CommonJS', ['-e', `const load = async () => require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))});\n(async () => {${PROBE}})();`]],
])('%s: without crypto.getRandomValues every signing call throws UNSUPPORTED_RUNTIME and the module survives', (_, args) => {
  const result = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  const refusal = 'CloudFrontSignerError UNSUPPORTED_RUNTIME';
  expect(result.refused).toEqual({ getSignedUrl: refusal, getSignedCookies: refusal, CloudFrontSigner: refusal, generateKeyPair: refusal });
  expect(result.signerWithoutRandom).toBe(refusal);
  expect(result.verified).toBe('K1');
  expect(result.policy).toBe('{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/a.txt","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}');
  expect(result.signedAfter).toBe(SIGNED);
});
