// Each bundler builds a tiny app from the packed tarball, with its defaults, no
// configuration and no copy step, as a new user would. Browser builds are served on
// 127.0.0.1 and run in Chromium; Lambda bundles (esbuild --platform=node, as AWS
// CDK's NodejsFunction runs it) are moved to a folder without node_modules and run
// there. Every app signs (RSA byte-identical to aws-sdk, ECDSA checked by
// node:crypto) and verifies a URL that aws-sdk signed.
const crypto = require('node:crypto');
const { execFileSync, spawn } = require('node:child_process');
const { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const { fromCloudFrontBase64 } = require('../support/assertions.cjs');
const { ROOT, createConsumerProject } = require('../support/consumer-project.cjs');
const { launchChromium } = require('../support/chromium.cjs');
const { startStaticServer } = require('../support/static-server.cjs');

const BIN = (name) => join(ROOT, 'node_modules', '.bin', name);
const { KEYS, URL_TO_SIGN, COOKIE_URL, DATE_LESS_THAN, NOW } = require('../support/probe-input.cjs');
const RSA = { keyPairId: 'KRSA', privateKey: KEYS.rsaPrivate, dateLessThan: DATE_LESS_THAN };
const AWS_RSA_URL = aws.getSignedUrl({ ...RSA, url: URL_TO_SIGN, algorithm: 'SHA256' });
const INPUT = { url: URL_TO_SIGN, cookieUrl: COOKIE_URL, dateLessThan: DATE_LESS_THAN, now: NOW, keys: KEYS, verifyUrls: [AWS_RSA_URL] };

// The app code: the whole package on a global, for the page to run the probe with.
const ESM_APP = "import * as lib from 'cloudfront-signer-wasm';\nglobalThis.cloudfrontSignerWasm = lib;\n";
const CJS_APP = "globalThis.cloudfrontSignerWasm = require('cloudfront-signer-wasm');\n";
// A Lambda handler, bundled as CDK bundles one.
const LAMBDA_TS = `import * as lib from 'cloudfront-signer-wasm';
import { runProbe } from './probe-core.mjs';
export const handler = async (event: any) => runProbe(lib, event);
`;
const LAMBDA_REQUIRE = `const lib = require('cloudfront-signer-wasm');
const { runProbe } = require('./probe-core.mjs');
exports.handler = async (event) => runProbe(lib, event);
`;
const PAGES = {
  'classic.html': '<!doctype html><script src="/main.js"></script>',
  'module.html': '<!doctype html><script type="module" src="/main.js"></script>',
};

let project;
let shared;
let browser;
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
delete env.NODE_PATH;

function write(file, text) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
}

// Loads a page, waits for the app to put the package on the global, runs the probe.
async function probeInChromium(pageUrl) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  try {
    await page.goto(pageUrl);
    await page.waitForFunction(() => globalThis.cloudfrontSignerWasm, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`the app did not start: ${errors.join('; ') || 'no error reported'}`);
    });
    return await page.evaluate(async (input) => {
      const { runProbe } = await import('/probe-core.mjs');
      return runProbe(globalThis.cloudfrontSignerWasm, input);
    }, INPUT);
  } finally {
    await page.close();
  }
}

async function probeBuiltApp(outputDir, pageName) {
  const server = await startStaticServer([outputDir, shared]);
  try {
    return await probeInChromium(new URL(pageName, server.url).href);
  } finally {
    await server.close();
  }
}

// Runs a Lambda bundle from a folder of its own, the way Lambda's Node runtime loads a handler.
function runLambdaElsewhere(bundleFile) {
  const dir = mkdtempSync(join(tmpdir(), 'cfsigner-lambda-'));
  try {
    copyFileSync(bundleFile, join(dir, basename(bundleFile)));
    writeFileSync(join(dir, 'event.json'), JSON.stringify(INPUT));
    const invoke = `const { handler } = await import('./${basename(bundleFile)}');
const event = JSON.parse((await import('node:fs')).readFileSync('event.json', 'utf8'));
console.log(JSON.stringify(await handler(event)));`;
    return { files: readdirSync(dir).sort(), result: JSON.parse(run(process.execPath, ['--input-type=module', '-e', invoke], dir)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectSignsAndVerifies(result) {
  expect(result.rsaUrl).toBe(AWS_RSA_URL);
  expect(result.rsaCookies).toEqual(aws.getSignedCookies({ ...RSA, url: COOKIE_URL, ipAddress: '192.0.2.0/24' }));
  const params = new URLSearchParams(result.ecUrl.slice(result.ecUrl.lastIndexOf('?') + 1).replace(/\+/g, '%2B'));
  const base = result.ecUrl.slice(0, result.ecUrl.indexOf('&Expires='));
  const policy = `{"Statement":[{"Resource":${JSON.stringify(base)},"Condition":{"DateLessThan":{"AWS:EpochTime":${params.get('Expires')}}}}]}`;
  expect(crypto.verify('sha1', Buffer.from(policy), KEYS.ecPublic, fromCloudFrontBase64(params.get('Signature')))).toBe(true);
  expect(result.verified).toEqual([{ ok: true, keyPairId: 'KRSA' }]);
  expect(result.refusal).toEqual({ name: 'CloudFrontSignerError', code: 'INVALID_URL', isTyped: true });
}

beforeAll(async () => {
  project = createConsumerProject().dir;
  shared = join(project, 'shared');
  for (const [name, html] of Object.entries(PAGES)) write(join(shared, name), html);
  copyFileSync(join(ROOT, 'tests', 'runtimes', 'probe-core.mjs'), join(shared, 'probe-core.mjs'));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('Vite', () => {
  const version = require(join(ROOT, 'node_modules', 'vite', 'package.json')).version;
  let app;
  beforeAll(() => {
    app = join(project, 'vite-app');
    write(join(app, 'index.html'), PAGES['module.html']);
    write(join(app, 'main.js'), ESM_APP);
  });

  test(`vite build (${version}) runs in Chromium`, async () => {
    run(process.execPath, [BIN('vite'), 'build'], app);
    expectSignsAndVerifies(await probeBuiltApp(join(app, 'dist'), '/'));
  }, 300_000);

  test(`the vite dev server (${version}) serves an app that runs in Chromium`, async () => {
    copyFileSync(join(shared, 'probe-core.mjs'), join(app, 'probe-core.mjs'));
    const server = spawn(process.execPath, [BIN('vite'), '--host', '127.0.0.1', '--port', '0', '--strictPort'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise((resolve, reject) => {
        let output = '';
        const onData = (chunk) => {
          output += chunk;
          const found = output.match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
          if (found) resolve(found[1]);
        };
        server.stdout.on('data', onData);
        server.stderr.on('data', onData);
        server.once('exit', (code) => reject(new Error(`vite exited with ${code}: ${output}`)));
      });
      expectSignsAndVerifies(await probeInChromium(url));
    } finally {
      server.kill();
    }
  }, 300_000);
});

describe('webpack 5, browser target', () => {
  const version = require(join(ROOT, 'node_modules', 'webpack', 'package.json')).version;
  // webpack emits the .wasm that browser.mjs streams; require() gets the inlined one.
  test.each([['ESM import', ESM_APP, 1], ['CJS require', CJS_APP, 0]])(`%s (${version}) runs in Chromium`, async (name, source, wasmFiles) => {
    const app = join(project, `webpack-${name.split(' ')[0].toLowerCase()}`);
    write(join(app, 'src', 'index.js'), source);
    run(process.execPath, [BIN('webpack'), '--mode', 'production'], app);
    expect(readdirSync(join(app, 'dist')).filter((file) => file.endsWith('.wasm'))).toHaveLength(wasmFiles);
    expectSignsAndVerifies(await probeBuiltApp(join(app, 'dist'), '/classic.html'));
  }, 300_000);
});

describe('Rollup 4 with @rollup/plugin-node-resolve only', () => {
  const version = require(join(ROOT, 'node_modules', 'rollup', 'package.json')).version;
  test(`rollup (${version}) output runs in Chromium`, async () => {
    const app = join(project, 'rollup-app');
    write(join(app, 'main.js'), ESM_APP);
    run(process.execPath, [BIN('rollup'), 'main.js', '--plugin', 'node-resolve', '--file', 'dist/main.js'], app);
    expectSignsAndVerifies(await probeBuiltApp(join(app, 'dist'), '/module.html'));
  }, 300_000);
});

describe('esbuild', () => {
  const version = require(join(ROOT, 'node_modules', 'esbuild', 'package.json')).version;
  test.each([['esm', 'module.html'], ['iife', 'classic.html']])(`--platform=browser --format=%s (${version}) runs in Chromium`, async (format, page) => {
    const app = join(project, `esbuild-${format}`);
    write(join(app, 'main.js'), ESM_APP);
    run(BIN('esbuild'), ['main.js', '--bundle', '--platform=browser', `--format=${format}`, '--outfile=dist/main.js'], app);
    expectSignsAndVerifies(await probeBuiltApp(join(app, 'dist'), `/${page}`));
  }, 300_000);

  // The command line of AWS CDK's NodejsFunction (CJS, and ESM with its main fields).
  const lambdaBuilds = [
    ['a TypeScript handler, CJS output', 'handler.ts', LAMBDA_TS, ['--outfile=out/index.js']],
    ['a TypeScript handler, ESM output', 'handler.ts', LAMBDA_TS, ['--format=esm', '--main-fields=module,main', '--outfile=out/index.mjs']],
    ['a require() handler, CJS output', 'handler.cjs', LAMBDA_REQUIRE, ['--outfile=out/index.js']],
  ];
  test.each(lambdaBuilds)(`--platform=node, %s (${version}), runs from another folder`, (name, file, source, output) => {
    const app = join(project, `lambda-${name.replace(/\W+/g, '-')}`);
    write(join(app, file), source);
    copyFileSync(join(shared, 'probe-core.mjs'), join(app, 'probe-core.mjs'));
    run(BIN('esbuild'), ['--bundle', file, '--target=node18', '--platform=node', '--external:@aws-sdk/*', ...output], app);
    const bundle = join(app, output.at(-1).slice('--outfile='.length));
    const { files, result } = runLambdaElsewhere(bundle);
    expect(files).toEqual(['event.json', basename(bundle)]);
    expectSignsAndVerifies(result);
  }, 300_000);
});
