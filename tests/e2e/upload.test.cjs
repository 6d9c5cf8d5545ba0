// End to end, as a person would use it: the real demo stack (page, CloudFront-like
// edge, S3-compatible origin) and Debian's Chromium driven by playwright-core.
// Upload a multi-megabyte random file, follow the "Download" link, and compare bytes.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_MAIN = path.join(ROOT, 'web-demo', 'server', 'main.js');
// Debian's build: playwright's own browser downloads are not used here.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const SCREENSHOT = '/tmp/demo-page.png';
// Odd size so nothing lines up with a buffer boundary by luck.
const FILE_SIZE = 3 * 1024 * 1024 + 12_345;

let tmpDir;
let server;
let serverLog = '';
let baseUrl;
let browser;
let context;
let pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// What infra/deploy would have written for a real distribution.
const DEPLOYMENT = { domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'K2JCJMDEHXQW5F', bucket: 'b', distributionId: 'E1', region: 'us-east-1', stackName: 's' };

function startServer(port) {
  fs.writeFileSync(path.join(tmpDir, 'cloudfront.json'), JSON.stringify(DEPLOYMENT));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      CFSIGNER_DATA_DIR: path.join(tmpDir, 'data'),
      CFSIGNER_KEYS_DIR: path.join(tmpDir, 'keys'),
      CFSIGNER_CONFIG: path.join(tmpDir, 'cloudfront.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wanted = `http://127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo server did not print ${wanted} within 60 s; its output:\n${serverLog}`)), 60_000);
    const onData = (chunk) => {
      serverLog += chunk;
      if (serverLog.includes(wanted)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo server exited early (code ${code}, signal ${signal}); its output:\n${serverLog}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, signal: 'SIGKILL', hung: true });
    }, 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
    child.kill('SIGINT');
  });
}

function sha256(buffer) {
  return crypto.createHash('sha256').update(buffer).digest('hex');
}

function writeRandomFile(name) {
  const file = path.join(tmpDir, 'files', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = crypto.randomBytes(FILE_SIZE);
  fs.writeFileSync(file, bytes);
  return { file, name, hash: sha256(bytes) };
}

async function openPage() {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/`);
  // app.js sets this once the config and the wasm build have loaded (or failed to).
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  return page;
}

// Fills the form the way a person would and presses Upload; returns the result region.
async function uploadThroughPage(page, { file, keyType, algorithm, policyType, mode }) {
  await page.getByLabel('File', { exact: true }).setInputFiles(file.file);
  await expect(page.getByLabel('Object key').inputValue()).resolves.toBe(`uploads/${file.name}`);
  await page.getByLabel({ rsa: 'RSA-2048', ec: 'ECDSA P-256' }[keyType], { exact: true }).check();
  await page.getByLabel({ SHA1: 'SHA-1', SHA256: 'SHA-256' }[algorithm], { exact: true }).check();
  await page.getByLabel({ canned: 'Canned', custom: 'Custom' }[policyType], { exact: true }).check();
  await page.getByLabel({ browser: 'Sign in this browser (WebAssembly)', server: 'Ask the server to sign' }[mode], { exact: true }).check();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();

  const result = page.locator('#result');
  await page.locator('#upload-success, #upload-error').first().waitFor({ timeout: 60_000 });
  if (await page.locator('#upload-error').count()) {
    throw new Error(`the page reports a failed upload: ${await result.innerText()}\n--- server output ---\n${serverLog}`);
  }
  return result;
}

// Follows the "Download" link like a click would and hashes what arrives.
async function downloadThroughPage(page) {
  const link = page.getByRole('link', { name: 'Download', exact: true });
  const href = await link.getAttribute('href');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`the download failed in the browser: ${failure}`);
  return { href, bytes: fs.readFileSync(await download.path()) };
}

async function roundTrip(options) {
  const page = await openPage();
  try {
    const file = writeRandomFile(options.fileName);
    const result = await uploadThroughPage(page, { ...options, file });
    const text = await result.innerText();
    expect(text).toContain(`Uploaded ${file.name}`);
    expect(text).toMatch(/HTTP status\s+200/);
    expect(text).toContain(`${FILE_SIZE.toLocaleString('en-US')} bytes`);

    const uploadUrl = await page.locator('#result .url').first().innerText();
    expect(uploadUrl.startsWith(`${baseUrl}/uploads/`)).toBe(true);
    expect(uploadUrl).toContain('Signature=');
    expect(uploadUrl.includes('Hash-Algorithm=SHA256')).toBe(options.algorithm === 'SHA256');
    expect(uploadUrl).toContain(options.policyType === 'custom' ? 'Policy=' : 'Expires=');

    // The page shows the policy as JSON: canned ones rebuilt, custom ones decoded.
    const policy = JSON.parse(await page.locator('#result-policy').innerText());
    const statement = policy.Statement[0];
    expect(statement.Condition.DateLessThan['AWS:EpochTime']).toBeGreaterThan(Date.now() / 1000);
    if (options.policyType === 'custom') {
      expect(statement.Condition.IpAddress['AWS:SourceIp']).toBe('127.0.0.1/32');
      expect(statement.Condition.DateGreaterThan['AWS:EpochTime']).toBeLessThan(Date.now() / 1000);
    } else {
      expect(statement.Resource).toBe(uploadUrl.slice(0, uploadUrl.indexOf('?')));
    }

    const { href, bytes } = await downloadThroughPage(page);
    expect(href).toContain('Signature=');
    expect(bytes.length).toBe(FILE_SIZE);
    expect(sha256(bytes)).toBe(file.hash);
    return { page, href, uploadUrl };
  } catch (error) {
    await page.close();
    throw error;
  }
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: this test drives Debian's Chromium and does not skip. Install it with "apt-get install chromium" (scripts/setup.sh --with-browser does).`);
  }
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfsigner-e2e-'));
  const port = await freePort();
  server = await startServer(port);
  baseUrl = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  let stopped;
  if (server) stopped = await stopServer(server);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  if (stopped?.hung) throw new Error(`the demo server ignored SIGINT for 10 s and was killed; its output:\n${serverLog}`);
  if (stopped && stopped.code !== 0 && stopped.signal !== 'SIGINT') {
    throw new Error(`the demo server stopped badly on SIGINT (code ${stopped.code}, signal ${stopped.signal}); its output:\n${serverLog}`);
  }
}, 30_000);

afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

test('the page shows the key warning, the distribution and the key pair ids', async () => {
  const page = await openPage();
  try {
    const config = await (await page.request.get(`${baseUrl}/_api/config`)).json();
    await expect(page.getByRole('heading', { name: 'Private keys belong on servers' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#distribution-domain').innerText()).resolves.toBe(config.distributionDomain);
    const shownIds = await page.locator('#key-list .key-pair-id').allInnerTexts();
    expect(shownIds.sort()).toEqual(config.keys.map((key) => key.keyPairId).sort());
    expect(config.keys.map((key) => key.type).sort()).toEqual(['ec', 'rsa']);
    await expect(page.locator('#wasm-state').innerText()).resolves.toContain('WebAssembly signer ready');
    await expect(page.getByLabel('Expires in (seconds)').inputValue()).resolves.toBe('300');
    await expect(page.locator('#aws-deployment').innerText()).resolves
      .toBe(`${DEPLOYMENT.domain} with key pair ${DEPLOYMENT.keyPairId} (from infra/cloudfront.json)`);
  } finally {
    await page.close();
  }
});

test('a hand-typed object key survives choosing a file', async () => {
  const page = await openPage();
  try {
    const file = writeRandomFile('untouched.bin');
    await page.getByLabel('Object key').fill('uploads/my own name.bin');
    await page.getByLabel('File', { exact: true }).setInputFiles(file.file);
    await expect(page.getByLabel('Object key').inputValue()).resolves.toBe('uploads/my own name.bin');
  } finally {
    await page.close();
  }
});

test('signed in the browser with RSA and SHA-1 (canned policy): the download matches the upload', async () => {
  const { page } = await roundTrip({ fileName: 'random rsa sha1.bin', keyType: 'rsa', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
  await page.close();
});

test('signed in the browser with ECDSA and SHA-256 (custom policy): the download matches the upload', async () => {
  const { page } = await roundTrip({ fileName: 'random-ec-sha256.bin', keyType: 'ec', algorithm: 'SHA256', policyType: 'custom', mode: 'browser' });
  await page.close();
});

test('a file name with spaces, #, %, quotes and non-ASCII letters keeps its bytes', async () => {
  const { page } = await roundTrip({ fileName: 'résumé "final" #2 (50%).bin', keyType: 'ec', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
  await page.close();
});

test('signed by the server: the download matches the upload, and altered or expired URLs get 403 AccessDenied', async () => {
  const { page, href } = await roundTrip({ fileName: 'server signed.bin', keyType: 'rsa', algorithm: 'SHA256', policyType: 'canned', mode: 'server' });
  try {
    // The page's own check: it flips a character of a fresh signature.
    await page.getByRole('button', { name: 'Try a tampered URL' }).click();
    const probe = page.locator('#probe-result');
    await page.locator('#probe-result .outcome').waitFor({ timeout: 30_000 });
    await expect(probe.innerText()).resolves.toContain('The edge refused the signature (403 AccessDenied: Access denied)');

    // The same, without the page: a valid download URL with its signature edited.
    const signature = /[?&]Signature=([^&]+)/.exec(href)[1];
    const middle = Math.floor(signature.length / 2);
    const edited = signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1);
    const refused = await page.request.get(href.replace(signature, edited));
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
    const accepted = await page.request.get(href);
    expect(accepted.status()).toBe(200);

    // Back to in-browser signing for an expired URL: it ended a minute ago.
    await page.getByLabel('Sign in this browser (WebAssembly)', { exact: true }).check();
    await page.getByRole('button', { name: 'Try an expired URL' }).click();
    await page.getByText('Expired URL: refused, as it should be.').waitFor({ timeout: 30_000 });
    await expect(probe.innerText()).resolves.toContain('403 AccessDenied');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  } finally {
    await page.close();
  }
});

test('an uploaded HTML file opened from its download URL is saved as a file, never run in the page\'s origin', async () => {
  const page = await openPage();
  const viewer = await context.newPage();
  try {
    const html = '<!doctype html><title>evil</title><script>document.title = "ran in " + location.origin</script>';
    const file = { file: path.join(tmpDir, 'files', 'evil.html'), name: 'evil.html' };
    fs.mkdirSync(path.dirname(file.file), { recursive: true });
    fs.writeFileSync(file.file, html);
    await uploadThroughPage(page, { file, keyType: 'rsa', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
    const href = await page.getByRole('link', { name: 'Download', exact: true }).getAttribute('href');

    // Typed into the address bar: served as text/html, it would run with the page's origin.
    const downloaded = viewer.waitForEvent('download', { timeout: 15_000 });
    await viewer.goto(href).catch(() => {}); // a download ends the navigation
    const download = await downloaded;
    expect(fs.readFileSync(await download.path(), 'utf8')).toBe(html);
    await expect(viewer.title()).resolves.not.toContain('ran in');
  } finally {
    await viewer.close();
    await page.close();
  }
});

test('failures read as sentences: the package, the server and the network each say what went wrong', async () => {
  const page = await openPage();
  try {
    const file = writeRandomFile('never sent.bin');
    await page.getByLabel('File', { exact: true }).setInputFiles(file.file);
    const result = page.locator('#result');
    const upload = page.getByRole('button', { name: 'Upload', exact: true });

    // About 31 years from now: past CloudFront's 2038 limit, so the package refuses.
    await page.getByLabel('Expires in (seconds)').fill('999999999');
    await upload.click();
    await page.locator('#upload-error').waitFor();
    await expect(result.innerText()).resolves.toContain('The package refused to sign (INVALID_DATE)');

    await page.getByLabel('Ask the server to sign', { exact: true }).check();
    await upload.click();
    await page.getByText('The server refused to sign (INVALID_DATE)').waitFor();

    // A connection that never gets an answer.
    await page.getByLabel('Expires in (seconds)').fill('300');
    await page.route('**/uploads/**', (route) => route.abort('connectionrefused'));
    await upload.click();
    await page.getByText('The upload did not reach the server').waitFor();
    await expect(result.innerText()).resolves.toContain('Is the demo stack (npm start) still running?');
  } finally {
    await page.close();
  }
});
