// Every Node.js major that package.json's `engines` claims, each the real binary that an npm
// package ships (tests/runtimes/node-binaries), running the packed package as a user would:
// the README's quick start, the `cfsign` CLI found through PATH, and a subset of the oracle
// matrix through ESM and CommonJS, byte-identical to @aws-sdk/cloudfront-signer.
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const { ROOT, createConsumerProject } = require('../support/consumer-project.cjs');
const { nodeMajors } = require('../support/runtime-binaries.cjs');
const { EC_KEYS, RSA_KEYS, allCases, optionsFor } = require('../js/oracle-cases.cjs');
const { verifySignedUrl } = require('../../dist/index.cjs');

const KEYS = join(ROOT, 'tests', 'fixtures', 'keys');
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const PUBLIC_KEY = readFileSync(join(KEYS, 'rsa2048-public.pem'), 'utf8');
// Every sixth case of the oracle matrix: each key form, URL kind and policy kind still occurs.
const SUBSET = (cases) => cases.filter((_, index) => index % 6 === 0);
const RSA_CASES = SUBSET(allCases(RSA_KEYS));
const EC_CASES = SUBSET(allCases(EC_KEYS));
const sign = (library, testCase) => (testCase.kind === 'url' ? library.getSignedUrl(optionsFor(testCase)) : library.getSignedCookies(optionsFor(testCase)));
let awsOutputs; // signed once, compared with each binary's
const expectedOutputs = () => (awsOutputs ??= {
  rsa: RSA_CASES.map((c) => sign(aws, c)),
  ec: EC_CASES.map((c) => hideSignature(sign(aws, c))),
});
const hideSignature = (output) => (typeof output === 'string' ? output.replace(/Signature=[^&]*/, 'Signature=…') : { ...output, 'CloudFront-Signature': '…' });

const RUNNER = `
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const outputs = cases.map((c) => (c.kind === 'url' ? lib.getSignedUrl(c.options) : lib.getSignedCookies(c.options)));
process.stdout.write(JSON.stringify({ version: process.version, outputs }));
`;

let project;
let casesFile;

beforeAll(() => {
  project = createConsumerProject({ type: 'module' }).dir;
  copyFileSync(join(ROOT, 'examples', 'node', 'quick-start.mjs'), join(project, 'quick-start.mjs'));
  copyFileSync(join(ROOT, 'examples', 'node', 'many-urls.mjs'), join(project, 'many-urls.mjs'));
  copyFileSync(join(KEYS, 'rsa2048-pkcs8.pem'), join(project, 'private_key.pem'));
  copyFileSync(join(KEYS, 'rsa2048-public.pem'), join(project, 'public_key.pem'));
  writeFileSync(join(project, 'oracle.mjs'), `import * as lib from 'cloudfront-signer-wasm';\nimport { readFileSync } from 'node:fs';\n${RUNNER}`);
  writeFileSync(join(project, 'oracle.cjs'), `const lib = require('cloudfront-signer-wasm');\nconst { readFileSync } = require('node:fs');\n${RUNNER}`);
  casesFile = join(project, 'cases.json');
  writeFileSync(casesFile, JSON.stringify([...RSA_CASES, ...EC_CASES].map((c) => ({ kind: c.kind, options: optionsFor(c) }))));
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('engines claims Node.js 22 and later, and a binary of each live major from there is pinned', () => {
  const { engines } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(engines).toEqual({ node: '>=22' });
  // The even majors are the release lines; 23 and 25 were short-lived and are past their end.
  expect(Object.keys(nodeMajors).map(Number)).toEqual([22, 24, 26]);
  for (const binary of Object.values(nodeMajors)) expect(existsSync(binary)).toBe(true);
});

describe.each(Object.entries(nodeMajors))('Node.js %s', (major, binary) => {
  // The directory of this binary first, so `#!/usr/bin/env node` in cfsign finds it.
  const env = () => ({ ...process.env, PATH: `${dirname(binary)}:${process.env.PATH}`, CFSIGN_DEBUG: '' });
  const run = (command, args) => execFileSync(command, args, { cwd: project, env: env(), encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });

  test('is the binary it claims to be, and is what `node` means on its PATH', () => {
    expect(run(binary, ['-p', 'process.version']).trim()).toMatch(new RegExp(`^v${major}\\.`));
    expect(run('sh', ['-c', 'command -v node'])).toBe(`${binary}\n`);
  });

  test.each([['quick-start.mjs', 1], ['many-urls.mjs', 3]])("the README's %s prints signed URLs that verify", (example, count) => {
    const urls = run(binary, [example]).trim().split('\n');
    expect(urls).toHaveLength(count);
    for (const url of urls) {
      expect(verifySignedUrl(url, { publicKeys: { [KEY_PAIR_ID]: PUBLIC_KEY } }).url.startsWith('https://d111111abcdef8.cloudfront.net/uploads/')).toBe(true);
    }
  });

  test('cfsign signs with the signature aws-sdk makes, verifies it, and makes a key pair that signs', () => {
    const cfsign = join(project, 'node_modules', '.bin', 'cfsign');
    const url = 'https://d111111abcdef8.cloudfront.net/report.pdf';
    const signed = run(cfsign, ['sign', '--url', url, '--key-pair-id', KEY_PAIR_ID, '--private-key', 'file://private_key.pem', '--date-less-than', '2030-01-01']).trim();
    const expected = aws.getSignedUrl({ url, keyPairId: KEY_PAIR_ID, privateKey: readFileSync(join(KEYS, 'rsa2048-pkcs8.pem'), 'utf8'), dateLessThan: '2030-01-01' });
    const params = (text) => Object.fromEntries(new URLSearchParams(text.slice(text.indexOf('?') + 1).replace(/\+/g, '%2B')));
    expect(params(signed)).toEqual(params(expected));
    expect(run(cfsign, ['verify', signed, '--key-pair-id', KEY_PAIR_ID, '--public-key', 'file://public_key.pem', '--now', '2029-01-01'])).toMatch(/^valid: canned policy, SHA1, key K2JCJMDEHXQW5F/);

    const keys = `keys-${major}`;
    run(cfsign, ['keygen', '--type', 'ec', '--out-dir', keys]);
    const ecSigned = run(cfsign, ['sign', '--url', url, '--key-pair-id', 'KEC', '--private-key', `file://${keys}/private_key.pem`, '--date-less-than', '2030-01-01']).trim();
    const publicKey = readFileSync(join(project, keys, 'public_key.pem'), 'utf8');
    expect(verifySignedUrl(ecSigned, { publicKeys: { KEC: publicKey }, now: Date.parse('2029-01-01') }).keyPairId).toBe('KEC');
  });

  test.each(['oracle.mjs', 'oracle.cjs'])(`through %s, ${RSA_CASES.length} RSA cases are byte-identical to aws-sdk and ${EC_CASES.length} ECDSA ones match but for the signature`, (runner) => {
    const result = JSON.parse(run(binary, [runner, casesFile]));
    expect(result.version).toMatch(new RegExp(`^v${major}\\.`));
    expect(result.outputs.slice(0, RSA_CASES.length)).toEqual(expectedOutputs().rsa);
    expect(result.outputs.slice(RSA_CASES.length).map(hideSignature)).toEqual(expectedOutputs().ec);
  });
});
