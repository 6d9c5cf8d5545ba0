// Signing speed, side by side in one process: this package (a reused
// CloudFrontSigner, and one-shot getSignedUrl with and without its key cache),
// @aws-sdk/cloudfront-signer, a 20-line JS BigInt CRT signer (RSA), jsrsasign, node-forge,
// @noble/curves (ECDSA) and WebCrypto, on the same keys and policy. Rounds are interleaved
// so every library sees the same machine state; rates are medians, and ratios are medians
// of the per-round ratios.
// Also records the shipped sizes. Writes bench/results.json and prints tables.
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { getSignedUrl as awsGetSignedUrl } from '@aws-sdk/cloudfront-signer';
import { p256 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import jsrsasign from 'jsrsasign';
import forge from 'node-forge';
import { CloudFrontSigner, clearKeyCache, getSignedUrl } from '../dist/index.mjs';
import { bigintRsaSigner } from './bigint-rsa-signer.mjs';

const root = new URL('../', import.meta.url);
const key = (file) => readFileSync(new URL(`tests/fixtures/keys/${file}`, root), 'utf8');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 400);
const URL_TO_SIGN = 'https://d111111abcdef8.cloudfront.net/uploads/report.pdf';
const DATE_LESS_THAN = '2030-01-01T00:00:00Z';
const POLICY = `{"Statement":[{"Resource":"${URL_TO_SIGN}","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}`;

function pkcs8Der(pem) {
  return Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
}

async function implementations(keyType) {
  const pem = keyType === 'rsa' ? key('rsa2048-pkcs8.pem') : key('ec-p256-pkcs8.pem');
  const options = { url: URL_TO_SIGN, keyPairId: 'K2JCJMDEHXQW5F', privateKey: pem, dateLessThan: DATE_LESS_THAN };
  const signer = new CloudFrontSigner({ keyPairId: options.keyPairId, privateKey: pem });
  const webKey = await webcrypto.subtle.importKey('pkcs8', pkcs8Der(pem),
    keyType === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' } : { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const webAlgorithm = keyType === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-1' };
  const jsrsaKey = jsrsasign.KEYUTIL.getKey(pem);
  const list = [
    { name: 'cloudfront-signer-wasm CloudFrontSigner', run: () => signer.getSignedUrl({ url: URL_TO_SIGN, dateLessThan: DATE_LESS_THAN }) },
    { name: 'cloudfront-signer-wasm getSignedUrl (one-shot, key cached)', run: () => getSignedUrl(options) },
    {
      name: 'cloudfront-signer-wasm getSignedUrl (one-shot, key parsed every call)',
      run: () => {
        clearKeyCache();
        return getSignedUrl(options);
      },
    },
    { name: '@aws-sdk/cloudfront-signer getSignedUrl', run: () => awsGetSignedUrl(options), baseline: true },
    {
      name: 'jsrsasign (signature only)',
      run: () => {
        const signature = new jsrsasign.KJUR.crypto.Signature({ alg: keyType === 'rsa' ? 'SHA1withRSA' : 'SHA1withECDSA' });
        signature.init(jsrsaKey);
        signature.updateString(POLICY);
        return signature.sign();
      },
    },
    { name: 'WebCrypto (native, async; signature only)', async: true, run: () => webcrypto.subtle.sign(webAlgorithm, webKey, Buffer.from(POLICY)) },
  ];
  if (keyType === 'ec') {
    const nobleKey = Buffer.from(createPrivateKey(pem).export({ format: 'jwk' }).d, 'base64url');
    const policyBytes = Buffer.from(POLICY);
    list.push({
      name: '@noble/curves p256 (signature only)',
      run: () => p256.sign(sha1(policyBytes), nobleKey, { prehash: false, format: 'der' }),
      noble: true,
    });
  }
  if (keyType === 'rsa') {
    // The BigInt signer makes the same canned-policy URL; it must match aws-sdk's.
    const signBigInt = bigintRsaSigner(pem);
    const cloudFrontBase64 = (bytes) => bytes.toString('base64').replace(/[+=/]/g, (c) => ({ '+': '-', '=': '_', '/': '~' })[c]);
    const bigintUrl = () => `${URL_TO_SIGN}?Expires=1893456000&Key-Pair-Id=${options.keyPairId}&Signature=${cloudFrontBase64(signBigInt(POLICY))}`;
    if (bigintUrl() !== awsGetSignedUrl(options)) throw new Error('the BigInt signer does not match aws-sdk');
    list.splice(4, 0, { name: 'JS BigInt CRT signer (20 lines)', run: bigintUrl, bigint: true });
    const forgeKey = forge.pki.privateKeyFromPem(pem);
    list.splice(5, 0, {
      name: 'node-forge (signature only)',
      run: () => {
        const digest = forge.md.sha1.create();
        digest.update(POLICY, 'utf8');
        return forgeKey.sign(digest);
      },
    });
  }
  return { list, dispose: () => signer.dispose() };
}

// Runs `impl` for about ROUND_MS, recording each operation's latency.
async function round(impl, latencies) {
  const end = performance.now() + ROUND_MS;
  let ops = 0;
  const start = performance.now();
  while (performance.now() < end) {
    const t0 = performance.now();
    if (impl.async) await impl.run(); else impl.run();
    latencies.push(performance.now() - t0);
    ops += 1;
  }
  return (ops * 1000) / (performance.now() - start);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(keyType) {
  const { list, dispose } = await implementations(keyType);
  const rates = list.map(() => []);
  const latencies = list.map(() => []);
  for (const impl of list) await round(impl, []); // warm-up
  for (let r = 0; r < ROUNDS; r += 1) {
    for (let i = 0; i < list.length; i += 1) rates[i].push(await round(list[i], latencies[i]));
  }
  dispose();
  const rows = list.map((impl, i) => {
    const sortedRates = [...rates[i]].sort((a, b) => a - b);
    const sortedLatencies = [...latencies[i]].sort((a, b) => a - b);
    return {
      implementation: impl.name,
      opsPerSecond: Number(sortedRates[Math.floor(sortedRates.length / 2)].toFixed(1)),
      p50Ms: Number(percentile(sortedLatencies, 50).toFixed(3)),
      p99Ms: Number(percentile(sortedLatencies, 99).toFixed(3)),
      baseline: Boolean(impl.baseline),
    };
  });
  // Ratios round by round (each round runs every implementation once, in turn),
  // then their median: a slow moment of the machine falls on both sides of a ratio.
  const ratioTo = (i, j) => {
    const perRound = rates[i].map((rate, r) => rate / rates[j][r]).sort((a, b) => a - b);
    return Number(perRound[Math.floor(perRound.length / 2)].toFixed(2));
  };
  const awsIndex = list.findIndex((impl) => impl.baseline);
  const bigintIndex = list.findIndex((impl) => impl.bigint);
  const nobleIndex = list.findIndex((impl) => impl.noble);
  rows.forEach((row, i) => {
    row.ratioToAwsSdk = ratioTo(i, awsIndex);
    if (bigintIndex >= 0) row.ratioToBigInt = ratioTo(i, bigintIndex);
    if (nobleIndex >= 0) row.ratioToNoble = ratioTo(i, nobleIndex);
  });
  return rows;
}

// What each entry downloads: its JS, plus the .wasm unless the JS carries it inside.
const ENTRIES = [
  { entry: 'index.mjs (Node, Deno, Bun import; Vite, Rollup, esbuild)', files: ['index.mjs'] },
  { entry: 'index.cjs (Node require; bundlers for require())', files: ['index.cjs'] },
  { entry: 'browser.mjs (native browser ESM; webpack import)', files: ['browser.mjs', 'cfsigner.wasm'] },
  { entry: 'workerd.mjs (Cloudflare Workers)', files: ['workerd.mjs', 'cfsigner.wasm'] },
  { entry: 'edge-light.mjs (Vercel Edge)', files: ['edge-light.mjs', 'cfsigner.wasm'] },
  { entry: 'init.mjs (explicit init)', files: ['init.mjs', 'cfsigner.wasm'] },
];

function sizes() {
  const file = (name) => new URL(`dist/${name}`, root);
  const size = (name) => ({ bytes: statSync(file(name)).size, gzipBytes: gzipSync(readFileSync(file(name)), { level: 9 }).length });
  return ENTRIES.map(({ entry, files }) => {
    const parts = files.map(size);
    return { entry, files, bytes: parts.reduce((sum, p) => sum + p.bytes, 0), gzipBytes: parts.reduce((sum, p) => sum + p.gzipBytes, 0) };
  });
}

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpu: cpus()[0].model, cores: cpus().length, node: process.version },
  rounds: ROUNDS,
  roundMs: ROUND_MS,
  rsa2048: await measure('rsa'),
  ecdsaP256: await measure('ec'),
  sizes: sizes(),
};
writeFileSync(new URL('bench/results.json', root), `${JSON.stringify(results, null, 2)}\n`);

const show = (rows) => console.table(rows.map((row) => ({
  implementation: row.implementation,
  'ops/s': row.opsPerSecond,
  'vs aws-sdk': row.ratioToAwsSdk,
  ...(row.ratioToBigInt === undefined ? {} : { 'vs JS BigInt': row.ratioToBigInt }),
  ...(row.ratioToNoble === undefined ? {} : { 'vs noble': row.ratioToNoble }),
  'p50 ms': row.p50Ms,
  'p99 ms': row.p99Ms,
})));
console.log(`${results.machine.cpu}, ${results.machine.node}; medians of ${ROUNDS} interleaved rounds`);
console.log('RSA-2048, SHA-1');
show(results.rsa2048);
console.log('ECDSA P-256, SHA-1');
show(results.ecdsaP256);
console.log('What each entry downloads (bytes; gzip -9, each file on its own)');
console.table(results.sizes.map((s) => ({ entry: s.entry, files: s.files.join(' + '), bytes: s.bytes, gzip: s.gzipBytes })));
