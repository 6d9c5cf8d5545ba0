// The README's examples, run as they are from the packed package: the quick start
// in Node, Deno and Bun, the Cloudflare Worker in workerd (wrangler bundle) and the
// Vercel Edge route in edge-runtime. The README must show these files verbatim.
const { execFileSync } = require('node:child_process');
const { copyFileSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, createConsumerProject } = require('../support/consumer-project.cjs');
const { verifySignedUrl } = require('../../dist/index.cjs');

const EXAMPLES = join(ROOT, 'examples');
const key = (file) => readFileSync(join(ROOT, 'tests', 'fixtures', 'keys', file), 'utf8');
const DOMAIN = 'd111111abcdef8.cloudfront.net';

let project;

beforeAll(() => {
  project = createConsumerProject({ type: 'module' }).dir;
  copyFileSync(join(EXAMPLES, 'cloudflare-worker', 'worker.js'), join(project, 'worker.js'));
  copyFileSync(join(EXAMPLES, 'vercel-edge', 'route.js'), join(project, 'route.js'));
  copyFileSync(join(EXAMPLES, 'node', 'quick-start.mjs'), join(project, 'quick-start.mjs'));
  copyFileSync(join(EXAMPLES, 'node', 'many-urls.mjs'), join(project, 'many-urls.mjs'));
  copyFileSync(join(ROOT, 'tests', 'fixtures', 'keys', 'rsa2048-pkcs8.pem'), join(project, 'private_key.pem'));
  // What Next.js does with a route module: call its POST for POST requests.
  writeFileSync(join(project, 'route-entry.mjs'), "import { POST } from './route.js';\nself.addEventListener('fetch', (event) => event.respondWith(POST(event.request)));\n");
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

function run(runner, entry, request) {
  const requestFile = join(project, `request-${entry}.json`);
  writeFileSync(requestFile, JSON.stringify(request));
  const output = execFileSync(process.execPath, [join(__dirname, runner), project, entry, requestFile], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(output.trim().split('\n').pop());
}

function expectUploadUrl({ objectKey, uploadUrl }, keyPairId, publicKey) {
  expect(objectKey).toMatch(/^uploads\/[0-9a-f-]{36}\/report\.pdf$/);
  expect(uploadUrl.startsWith(`https://${DOMAIN}/${objectKey}?Expires=`)).toBe(true);
  const verified = verifySignedUrl(uploadUrl, { publicKeys: { [keyPairId]: publicKey } });
  const secondsLeft = (verified.dateLessThan.getTime() - Date.now()) / 1000;
  expect(secondsLeft).toBeGreaterThan(240);
  expect(secondsLeft).toBeLessThanOrEqual(300.5); // dateLessThan is rounded to the second
  return verified;
}

test('the Cloudflare Worker hands out upload URLs (wrangler bundle, workerd)', () => {
  const result = run('run-workerd.mjs', 'worker.js', {
    path: '/upload-url',
    body: { fileName: 'report.pdf' },
    bindings: { CLOUDFRONT_KEY_PAIR_ID: 'KEC', CLOUDFRONT_PRIVATE_KEY: key('ec-p256-pkcs8.pem'), CLOUDFRONT_DOMAIN: DOMAIN },
  });
  expect(expectUploadUrl(result, 'KEC', key('ec-p256-public.pem')).algorithm).toBe('SHA256');
});

test('the Vercel Edge route hands out upload URLs (edge-runtime)', () => {
  const result = run('run-edge.mjs', 'route-entry.mjs', {
    path: '/api/upload-url',
    body: { fileName: 'report.pdf' },
    env: { CLOUDFRONT_KEY_PAIR_ID: 'KRSA', CLOUDFRONT_PRIVATE_KEY: key('rsa2048-pkcs8.pem'), CLOUDFRONT_DOMAIN: DOMAIN },
  });
  expect(expectUploadUrl(result, 'KRSA', key('rsa2048-public.pem')).algorithm).toBe('SHA1');
});

const BIN = require('../support/runtime-binaries.cjs');

const RUNTIMES = {
  'Node.js': [BIN.node, []],
  Deno: [BIN.deno, ['run', '--allow-read', '--allow-env']],
  Bun: [BIN.bun, []],
};

test.each(Object.keys(RUNTIMES).flatMap((runtime) => [[runtime, 'quick-start.mjs', 1], [runtime, 'many-urls.mjs', 3]]))(
  'in %s, the README\'s %s prints signed URLs that verify',
  (runtime, example, count) => {
    const [command, args] = RUNTIMES[runtime];
    const output = execFileSync(command, [...args, example], {
      cwd: project, encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, DENO_DIR: join(project, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    const urls = output.trim().split('\n');
    expect(urls).toHaveLength(count);
    for (const url of urls) {
      const verified = verifySignedUrl(url, { publicKeys: { K2JCJMDEHXQW5F: key('rsa2048-public.pem') } });
      expect(verified.url.startsWith('https://d111111abcdef8.cloudfront.net/uploads/')).toBe(true);
    }
  },
);

test.each([
  ['examples/node/quick-start.mjs'],
  ['examples/node/many-urls.mjs'],
  ['examples/cloudflare-worker/worker.js'],
  ['examples/vercel-edge/route.js'],
])('README shows %s verbatim', (file) => {
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(readFileSync(join(ROOT, file), 'utf8'));
});
