// Cold start, from import to the first signed URL, in a fresh process per run:
// this package in each runtime next to @aws-sdk/cloudfront-signer in Node, all
// measured in the same run, taking turns; RSA-2048 everywhere, and ECDSA P-256 in
// Node (its first signature also builds the P-256 table, src/core/p256/base_table.h). Writes bench/cold-start.json and prints a table.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { ROOT, createConsumerProject } = require('../tests/support/consumer-project.cjs');
const RUNS = Number(process.env.COLD_START_RUNS ?? 11);
const BIN = require('../tests/support/runtime-binaries.cjs');

// Each script times its own import and first signature, and prints milliseconds.
const script = (importLine, call) => `const t0 = performance.now();
${importLine}
const url = ${call}({ url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', privateKey: process.env.KEY_PEM, dateLessThan: '2030-01-01' });
if (!url.includes('Signature=')) throw new Error('no signature');
console.log(performance.now() - t0);
`;
const CASES = [
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'node', file: 'ours.mjs', source: script("const { getSignedUrl } = await import('cloudfront-signer-wasm');", 'getSignedUrl') },
  { name: 'cloudfront-signer-wasm (CJS)', entry: 'index.cjs', runtime: 'node', file: 'ours.cjs', source: script("const { getSignedUrl } = require('cloudfront-signer-wasm');", 'getSignedUrl') },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'deno', file: 'ours.mjs' },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'bun', file: 'ours.mjs' },
  // Native ESM streams the .wasm; a bundled app carries index.mjs's inlined wasm.
  { name: 'cloudfront-signer-wasm', entry: 'browser.mjs + cfsigner.wasm', runtime: 'chromium', file: 'browser.mjs' },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'chromium', file: 'index.mjs' },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'node', file: 'aws.mjs', source: script("const { getSignedUrl } = await import('@aws-sdk/cloudfront-signer');", 'getSignedUrl') },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'node', file: 'ours.mjs', key: 'ec' },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'node', file: 'aws.mjs', key: 'ec' },
];
const KEY_FILES = { rsa: 'rsa2048-pkcs8.pem', ec: 'ec-p256-pkcs8.pem' };
const { CHROMIUM } = require('../tests/support/chromium.cjs');

function version(runtime) {
  const out = execFileSync(runtime === 'chromium' ? CHROMIUM : BIN[runtime], ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return `${runtime} ${out.match(/\d+\.\d+\.\d+/)[0]}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const project = createConsumerProject({ type: 'module' }).dir;
try {
  // aws-sdk comes from this repo's devDependencies, linked into the scratch project.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(ROOT, 'node_modules/@aws-sdk/cloudfront-signer')], { cwd: project, stdio: 'pipe' });
  for (const c of CASES) if (c.source) writeFileSync(join(project, c.file), c.source);
  const env = { ...process.env, DENO_DIR: join(project, '.deno'), DENO_NO_UPDATE_CHECK: '1' };
  const keyPem = (type) => readFileSync(join(ROOT, 'tests/fixtures/keys', KEY_FILES[type]), 'utf8');
  const args = {
    node: (f) => [f], bun: (f) => [f], deno: (f) => ['run', '--allow-read', '--allow-env', f],
    chromium: (f) => [fileURLToPath(new URL('browser-cold-start.mjs', import.meta.url)), project, f],
  };
  const bin = (runtime) => (runtime === 'chromium' ? BIN.node : BIN[runtime]);
  const run = (c) => Number(execFileSync(bin(c.runtime), args[c.runtime](c.file), {
    cwd: project, env: { ...env, KEY_PEM: keyPem(c.key ?? 'rsa') }, encoding: 'utf8',
  }).trim());
  // One unrecorded round warms the file cache; then the cases take turns, so a slow
  // moment of the machine falls on all of them alike.
  CASES.forEach(run);
  const times = CASES.map(() => []);
  for (let i = 0; i < RUNS; i += 1) CASES.forEach((c, index) => times[index].push(run(c)));
  const results = CASES.map((c, index) => (
    { library: c.name, entry: c.entry, runtime: version(c.runtime), key: c.key ?? 'rsa', medianMs: Number(median(times[index]).toFixed(1)), runs: RUNS }));
  // aws-sdk runs only on servers: a browser's start-up has no peer to compare with here.
  for (const r of results) {
    const aws = results.find((a) => a.library === '@aws-sdk/cloudfront-signer' && a.key === r.key).medianMs;
    r.ratioToAwsSdk = r.runtime.startsWith('chromium') ? null : Number((r.medianMs / aws).toFixed(2));
  }
  writeFileSync(fileURLToPath(new URL('cold-start.json', import.meta.url)), `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  console.log('Cold start: import to first signed URL, median of', RUNS, 'fresh processes');
  console.table(results.map((r) => ({ library: r.library, entry: r.entry, runtime: r.runtime, key: r.key, 'median ms': r.medianMs, 'vs aws-sdk (same key)': r.ratioToAwsSdk ?? '' })));
} finally {
  rmSync(project, { recursive: true, force: true });
}
