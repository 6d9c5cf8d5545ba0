// cfsign as a user installs it: `npm pack`, installed into a scratch project, run as
// node_modules/.bin/cfsign (the package's bin, resolving the package by its own name).
const { spawnSync } = require('node:child_process');
const { readFileSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { createConsumerProject } = require('../support/consumer-project.cjs');
const { AWS_FIXTURES } = require('./cli-helpers.cjs');

let project;
let packedFiles;
let bin;

beforeAll(() => {
  ({ dir: project, packedFiles } = createConsumerProject());
  bin = join(project, 'node_modules', '.bin', 'cfsign');
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function run(args) {
  const result = spawnSync(bin, args, { cwd: project, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the tarball ships dist/cli.mjs, executable, and links it as cfsign', () => {
  expect(packedFiles).toContain('dist/cli.mjs');
  const installed = join(project, 'node_modules', 'cloudfront-signer-wasm', 'dist', 'cli.mjs');
  expect(readFileSync(installed, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  expect(statSync(installed).mode & 0o111).not.toBe(0);
  expect(run(['--version']).stdout).toBe(`cfsign ${require('../../package.json').version}\n`);
});

test('reproduces the AWS CLI test_sign.py canned-policy URL byte for byte', () => {
  const vectors = JSON.parse(readFileSync(join(AWS_FIXTURES, 'test-sign-vectors.json'), 'utf8'));
  const [canned] = vectors.cases;
  const result = run(['sign', '--key-pair-id', vectors.keyPairId, '--url', vectors.url,
    '--private-key', `file://${join(AWS_FIXTURES, vectors.privateKeyFile)}`, '--date-less-than', vectors.dateLessThan]);
  // The vectors expire in 2016: signed as the AWS CLI does, with cfsign's one-line warning.
  expect(result.stderr).toMatch(/^cfsign sign: warning: --date-less-than is 2016-01-01 00:00:00 UTC, .* ago: CloudFront will refuse this signature\n$/);
  expect(result.stdout).toBe(`${vectors.url}?Expires=1451606400&Signature=${canned.queryParams.Signature}&Key-Pair-Id=my_id\n`);
});

test('keygen, sign, inspect, verify and a refusal, from the installed package', () => {
  expect(run(['keygen', '--type', 'ec', '--out-dir', 'keys']).code).toBe(0);
  const signed = run(['sign', '--url', 'https://d111111abcdef8.cloudfront.net/a.txt', '--key-pair-id', 'KPACKED',
    '--private-key', 'file://keys/private_key.pem', '--date-less-than', '+10m']);
  expect(signed.stderr).toBe('');
  const url = signed.stdout.trim();
  expect(run(['inspect', url]).stdout).toMatch(/Key pair ID +KPACKED/);
  const ok = run(['verify', url, '--key-pair-id', 'KPACKED', '--public-key', 'keys/public_key.pem']);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^valid: canned policy, SHA256, key KPACKED/);
  const expired = run(['verify', url, '--key-pair-id', 'KPACKED', '--public-key', 'keys/public_key.pem', '--now', '+1h']);
  expect(expired.code).toBe(1);
  expect(expired.stderr).toMatch(/^cfsign verify: EXPIRED: [^\n]+\n$/);
});
