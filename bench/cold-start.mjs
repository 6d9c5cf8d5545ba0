// Cold start, from import to the first signed URL, in a fresh process per run:
// this package in each runtime next to @aws-sdk/cloudfront-signer in Node and in
// workerd, all measured in the same run, taking turns; RSA-2048 everywhere, and ECDSA
// P-256 in Node and workerd (its first signature also builds the P-256 table,
// src/core/p256/base_table.h). Writes bench/cold-start.json and prints a table.
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { ROOT, createConsumerProject } = require('../tests/support/consumer-project.cjs');
const RUNS = Number(process.env.COLD_START_RUNS ?? 11);
const BIN = require('../tests/support/runtime-binaries.cjs');
const { bundleWorker } = require('../tests/support/workerd.cjs');
const { fromCloudFrontBase64 } = require('../tests/support/assertions.cjs');
const awsSdk = require('@aws-sdk/cloudfront-signer');

const SIGN = { url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', dateLessThan: '2030-01-01' };
const options = (privateKey) => `{ url: '${SIGN.url}', keyPairId: '${SIGN.keyPairId}', privateKey: ${privateKey}, dateLessThan: '${SIGN.dateLessThan}' }`;
// Each script times its own import and first signature, and prints milliseconds.
const script = (importLine, call) => `const t0 = performance.now();
${importLine}
const url = ${call}(${options('process.env.KEY_PEM')});
if (!url.includes('Signature=')) throw new Error('no signature');
console.log(performance.now() - t0);
`;
// workerd's clocks stand still while a Worker computes, so a Worker cannot time itself:
// bench/workerd-cold-start.mjs times a fresh workerd from outside, from its spawn to the
// first response, and the same for a Worker that does not sign is subtracted (BASELINE).
const worker = (importLine) => `${importLine}
export default { fetch: (request, env) => new Response(getSignedUrl(${options('env.KEY_PEM')})) };
`;
const BASELINE = "export default { fetch: () => new Response('ok') };\n";
const CASES = [
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'node', file: 'ours.mjs', source: script("const { getSignedUrl } = await import('cloudfront-signer-wasm');", 'getSignedUrl') },
  { name: 'cloudfront-signer-wasm (CJS)', entry: 'index.cjs', runtime: 'node', file: 'ours.cjs', source: script("const { getSignedUrl } = require('cloudfront-signer-wasm');", 'getSignedUrl') },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'deno', file: 'ours.mjs' },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'bun', file: 'ours.mjs' },
  // Cloudflare Workers: the `workerd` entry as wrangler bundles it; aws-sdk there needs nodejs_compat (node:crypto).
  { name: 'cloudfront-signer-wasm', entry: 'workerd.mjs + cfsigner.wasm', runtime: 'workerd', file: 'ours-worker.mjs', source: worker("import { getSignedUrl } from 'cloudfront-signer-wasm';") },
  // Native ESM streams the .wasm; a bundled app carries index.mjs's inlined wasm.
  { name: 'cloudfront-signer-wasm', entry: 'browser.mjs + cfsigner.wasm', runtime: 'chromium', file: 'browser.mjs' },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'chromium', file: 'index.mjs' },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'node', file: 'aws.mjs', source: script("const { getSignedUrl } = await import('@aws-sdk/cloudfront-signer');", 'getSignedUrl') },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'workerd', flags: ['nodejs_compat'], file: 'aws-worker.mjs', source: worker("import { getSignedUrl } from '@aws-sdk/cloudfront-signer';") },
  { name: 'cloudfront-signer-wasm', entry: 'index.mjs', runtime: 'node', file: 'ours.mjs', key: 'ec' },
  { name: 'cloudfront-signer-wasm', entry: 'workerd.mjs + cfsigner.wasm', runtime: 'workerd', file: 'ours-worker.mjs', key: 'ec' },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'node', file: 'aws.mjs', key: 'ec' },
  { name: '@aws-sdk/cloudfront-signer', entry: '', runtime: 'workerd', flags: ['nodejs_compat'], file: 'aws-worker.mjs', key: 'ec' },
  // One baseline per set of flags: nodejs_compat adds polyfills to every bundle.
  { baseline: true, runtime: 'workerd', file: 'baseline-worker.mjs', source: BASELINE },
  { baseline: true, runtime: 'workerd', flags: ['nodejs_compat'], file: 'baseline-worker.mjs' },
];
const KEY_FILES = { rsa: 'rsa2048-pkcs8.pem', ec: 'ec-p256-pkcs8.pem' };
const { CHROMIUM } = require('../tests/support/chromium.cjs');

function version(runtime) {
  // workerd --version prints a date; its npm package's version names the release.
  if (runtime === 'workerd') return `workerd ${require('workerd/package.json').version}`;
  const out = execFileSync(runtime === 'chromium' ? CHROMIUM : BIN[runtime], ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return `${runtime} ${out.match(/\d+\.\d+\.\d+/)[0]}`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const keyPem = (type) => readFileSync(join(ROOT, 'tests/fixtures/keys', KEY_FILES[type]), 'utf8');

// A Worker's answer, checked in Node: RSA PKCS#1 v1.5 is deterministic, so the URL must be
// aws-sdk's to the byte; ECDSA's is random, so its signature must verify over the policy.
function checkWorkerAnswer(c, body) {
  if (c.baseline) {
    if (body !== 'ok') throw new Error(`baseline Worker answered ${body}`);
    return;
  }
  const privateKey = keyPem(c.key ?? 'rsa');
  const expected = awsSdk.getSignedUrl({ ...SIGN, privateKey });
  const [unsigned, signature] = body.split('&Signature=');
  const policy = JSON.stringify({ Statement: [{ Resource: SIGN.url, Condition: { DateLessThan: { 'AWS:EpochTime': Date.parse(SIGN.dateLessThan) / 1000 } } }] });
  const valid = c.key === 'ec'
    ? unsigned === expected.split('&Signature=')[0] && verify('sha1', Buffer.from(policy), createPublicKey(privateKey), fromCloudFrontBase64(signature))
    : body === expected;
  if (!valid) throw new Error(`${c.name} in workerd answered ${body}`);
}

const project = createConsumerProject({ type: 'module' }).dir;
try {
  // aws-sdk comes from this repo's devDependencies, linked into the scratch project.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(ROOT, 'node_modules/@aws-sdk/cloudfront-signer')], { cwd: project, stdio: 'pipe' });
  for (const c of CASES) if (c.source) writeFileSync(join(project, c.file), c.source);
  for (const c of CASES) if (c.runtime === 'workerd') c.script = bundleWorker(project, c.file, c.flags);
  const env = { ...process.env, DENO_DIR: join(project, '.deno'), DENO_NO_UPDATE_CHECK: '1' };
  const args = {
    node: (c) => [c.file], bun: (c) => [c.file], deno: (c) => ['run', '--allow-read', '--allow-env', c.file],
    chromium: (c) => [fileURLToPath(new URL('browser-cold-start.mjs', import.meta.url)), project, c.file],
    workerd: (c) => [fileURLToPath(new URL('workerd-cold-start.mjs', import.meta.url)), c.script, (c.flags ?? []).join(',')],
  };
  const bin = (runtime) => (runtime === 'chromium' || runtime === 'workerd' ? BIN.node : BIN[runtime]);
  // { ms }, and for workerd also { miniflareMs }: the same counted from `new Miniflare()`.
  const run = (c) => {
    const out = execFileSync(bin(c.runtime), args[c.runtime](c), {
      cwd: project, env: { ...env, KEY_PEM: keyPem(c.key ?? 'rsa') }, encoding: 'utf8',
    }).trim();
    if (c.runtime !== 'workerd') return { ms: Number(out) };
    const { ms, miniflareMs, body } = JSON.parse(out.split('\n').pop());
    checkWorkerAnswer(c, body);
    return { ms, miniflareMs };
  };
  // One unrecorded round warms the file cache; then the cases take turns, so a slow
  // moment of the machine falls on all of them alike.
  CASES.forEach(run);
  const times = CASES.map(() => []);
  for (let i = 0; i < RUNS; i += 1) CASES.forEach((c, index) => times[index].push(run(c)));
  const medianOf = (index, field = 'ms') => median(times[index].map((t) => t[field]));
  const ms = (value) => Number(value.toFixed(1));
  const results = CASES.flatMap((c, index) => {
    if (c.baseline) return [];
    const runtime = `${version(c.runtime)}${c.flags ? ` (${c.flags.join(', ')})` : ''}`;
    const row = { library: c.name, entry: c.entry, runtime, key: c.key ?? 'rsa', medianMs: ms(medianOf(index)), runs: RUNS };
    if (c.runtime !== 'workerd') return [row];
    // In workerd, medianMs is import → first URL: the wall time from workerd's spawn minus
    // the baseline Worker's. From `new Miniflare()` it also counts Miniflare's own work.
    const b = CASES.findIndex((other) => other.baseline && String(other.flags) === String(c.flags));
    return [{
      ...row,
      medianMs: ms(medianOf(index) - medianOf(b)),
      fromSpawnMedianMs: ms(medianOf(index)),
      baselineFromSpawnMedianMs: ms(medianOf(b)),
      fromNewMiniflareMedianMs: ms(medianOf(index, 'miniflareMs')),
      baselineFromNewMiniflareMedianMs: ms(medianOf(b, 'miniflareMs')),
    }];
  });
  // aws-sdk runs only on servers: a browser's start-up has no peer to compare with here.
  // In workerd, aws-sdk's import → first URL (a little JS over the native node:crypto) is
  // within the baseline's noise, so a ratio of differences means nothing: workerd rows
  // compare whole cold starts, spawn to first URL, with aws-sdk's in workerd.
  const inWorkerd = (r) => r.runtime.startsWith('workerd');
  const ratio = (a, b) => Number((a / b).toFixed(2));
  for (const r of results) {
    const aws = results.find((a) => a.library === '@aws-sdk/cloudfront-signer' && a.key === r.key && inWorkerd(a) === inWorkerd(r));
    r.ratioToAwsSdk = r.runtime.startsWith('chromium') || inWorkerd(r) ? null : ratio(r.medianMs, aws.medianMs);
    if (inWorkerd(r)) r.fromSpawnRatioToAwsSdk = ratio(r.fromSpawnMedianMs, aws.fromSpawnMedianMs);
  }
  writeFileSync(fileURLToPath(new URL('cold-start.json', import.meta.url)), `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  console.log('Cold start: import to first signed URL, median of', RUNS, 'fresh processes');
  console.table(results.map((r) => ({ library: r.library, entry: r.entry, runtime: r.runtime, key: r.key, 'median ms': r.medianMs, 'vs aws-sdk (same key)': r.ratioToAwsSdk ?? '' })));
  console.log("workerd rows above: workerd's spawn to the first response body, minus the same for a Worker that does not sign (medians); and the same from new Miniflare()");
  console.table(results.filter(inWorkerd).map((r) => ({
    library: r.library,
    runtime: r.runtime,
    key: r.key,
    'spawn → body ms': r.fromSpawnMedianMs,
    'baseline ms': r.baselineFromSpawnMedianMs,
    'difference ms': r.medianMs,
    'spawn → body vs aws-sdk': r.fromSpawnRatioToAwsSdk,
    'new Miniflare() → body ms': r.fromNewMiniflareMedianMs,
    'baseline (Miniflare) ms': r.baselineFromNewMiniflareMedianMs,
    'difference (Miniflare) ms': ms(r.fromNewMiniflareMedianMs - r.baselineFromNewMiniflareMedianMs),
  })));
} finally {
  rmSync(project, { recursive: true, force: true });
}
