// One `import { getSignedUrl } from 'cloudfront-signer-wasm'` in every runtime the
// package targets, through the packed tarball and each runtime's own resolution:
// Node ESM and CJS, Deno, Bun, Cloudflare Workers (wrangler + workerd), Vercel Edge
// (edge-runtime), Chromium and Firefox. Each signs, each verifies what the others signed,
// and all of them produce the same bytes.
const crypto = require('node:crypto');
const { fromCloudFrontBase64 } = require('../support/assertions.cjs');
const { execFileSync } = require('node:child_process');
const { copyFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const { createConsumerProject } = require('../support/consumer-project.cjs');
const BIN = require('../support/runtime-binaries.cjs');
const { KEYS, URL_TO_SIGN, COOKIE_URL, DATE_LESS_THAN, NOW } = require('../support/probe-input.cjs');

let project;
const env = (dir) => ({ ...process.env, DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' });

const RUNTIMES = {
  'Node ESM': (input) => [BIN.node, ['probe-cli.mjs', input]],
  'Node CJS': (input) => [BIN.node, ['probe-cli.cjs', input]],
  Deno: (input) => [BIN.deno, ['run', '--allow-read', '--allow-env', 'probe-cli.mjs', input]],
  Bun: (input) => [BIN.bun, ['probe-cli.mjs', input]],
  'Cloudflare Workers (workerd)': (input) => [BIN.node, [join(__dirname, 'run-workerd.mjs'), project, 'probe-worker.mjs', input]],
  'Vercel Edge (edge-runtime)': (input) => [BIN.node, [join(__dirname, 'run-edge.mjs'), project, 'probe-edge.mjs', input]],
  Chromium: (input) => [BIN.node, [join(__dirname, 'run-browser.mjs'), 'Chromium', project, input]],
  Firefox: (input) => [BIN.node, [join(__dirname, 'run-browser.mjs'), 'Firefox', project, input]],
};

function runProbe(runtime, verifyUrls) {
  const input = join(project, `input-${runtime.replace(/\W+/g, '-')}.json`);
  const body = { url: URL_TO_SIGN, cookieUrl: COOKIE_URL, dateLessThan: DATE_LESS_THAN, now: NOW, keys: KEYS, verifyUrls };
  writeFileSync(input, JSON.stringify({ path: '/', body }));
  const [command, args] = RUNTIMES[runtime](input);
  const output = execFileSync(command, args, { cwd: project, env: env(project), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  return JSON.parse(output.trim().split('\n').pop());
}


const firstRound = {};

beforeAll(() => {
  project = createConsumerProject({ type: 'module' }).dir;
  for (const file of ['probe-core.mjs', 'probe-cli.mjs', 'probe-cli.cjs', 'probe-worker.mjs', 'probe-edge.mjs']) {
    copyFileSync(join(__dirname, file), join(project, file));
  }
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

// All runtimes sign first; then each verifies what all the others signed.
describe.each(Object.keys(RUNTIMES))('%s', (runtime) => {
  test('signs: RSA byte-identical to aws-sdk, ECDSA verified by node:crypto, typed errors; decodes', () => {
    const result = runProbe(runtime, []);
    firstRound[runtime] = result;
    const options = { keyPairId: 'KRSA', privateKey: KEYS.rsaPrivate, dateLessThan: DATE_LESS_THAN };
    expect(result.rsaUrl).toBe(aws.getSignedUrl({ ...options, url: URL_TO_SIGN, algorithm: 'SHA256' }));
    expect(result.rsaCookies).toEqual(aws.getSignedCookies({ ...options, url: COOKIE_URL, ipAddress: '192.0.2.0/24' }));

    const params = new URLSearchParams(result.ecUrl.slice(result.ecUrl.lastIndexOf('?') + 1).replace(/\+/g, '%2B'));
    const base = result.ecUrl.slice(0, result.ecUrl.indexOf('&Expires='));
    const policy = `{"Statement":[{"Resource":${JSON.stringify(base)},"Condition":{"DateLessThan":{"AWS:EpochTime":${params.get('Expires')}}}}]}`;
    expect(crypto.verify('sha1', Buffer.from(policy), KEYS.ecPublic, fromCloudFrontBase64(params.get('Signature')))).toBe(true);

    expect(result.refusal).toEqual({ name: 'CloudFrontSignerError', code: 'INVALID_URL', isTyped: true });
    expect(result.decoded).toEqual({ keyPairId: 'KRSA', algorithm: 'SHA256', customPolicy: false, resourceMatchesUrl: true, cookieKeyPairId: 'KRSA' });
    if (runtime === 'Chromium' || runtime === 'Firefox') {
      expect(result.rsaUrlViaInit).toBe(result.rsaUrl);
      expect(result.userAgent).toContain(runtime === 'Firefox' ? 'Firefox/' : 'Chrome/');
    }
  });
});

describe.each(Object.keys(RUNTIMES))('%s', (runtime) => {
  test('verifies what every other runtime signed, and refuses a tampered URL', () => {
    const others = Object.entries(firstRound).filter(([name]) => name !== runtime);
    expect(others).toHaveLength(Object.keys(RUNTIMES).length - 1);
    const urls = others.flatMap(([, result]) => [result.rsaUrl, result.ecUrl]);
    const tampered = urls[0].replace('/uploads/', '/upload5/');
    const result = runProbe(runtime, [...urls, tampered]);
    expect(result.verified).toEqual([
      ...others.flatMap(() => [{ ok: true, keyPairId: 'KRSA' }, { ok: true, keyPairId: 'KEC' }]),
      { ok: false, code: 'BAD_SIGNATURE' },
    ]);
  });
});

test('every runtime produced the same RSA bytes', () => {
  const urls = new Set(Object.values(firstRound).map((result) => result.rsaUrl));
  expect(Object.keys(firstRound)).toHaveLength(Object.keys(RUNTIMES).length);
  expect(urls.size).toBe(1);
});
