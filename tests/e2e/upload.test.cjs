// End to end, as a person would use it: the real demo stack (page, CloudFront-like edge,
// S3-compatible origin) in Debian's Chromium and Firefox ESR, both driven by puppeteer-core.
// Upload a multi-megabyte random file, follow the "Download" link, and compare bytes.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { BROWSERS, launchBrowser } = require('../support/browsers.cjs');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_MAIN = path.join(ROOT, 'web-demo', 'server', 'main.js');
const SCREENSHOT = (browserName) => `/tmp/demo-page-${browserName.toLowerCase()}.png`;
// Odd size so nothing lines up with a buffer boundary by luck.
const FILE_SIZE = 3 * 1024 * 1024 + 12_345;

let tmpDir;
let server;
let serverLog = '';
let baseUrl;

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

beforeAll(async () => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfsigner-e2e-'));
  const port = await freePort();
  server = await startServer(port);
  baseUrl = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  let stopped;
  if (server) stopped = await stopServer(server);
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  if (stopped?.hung) throw new Error(`the demo server ignored SIGINT for 10 s and was killed; its output:\n${serverLog}`);
  if (stopped && stopped.code !== 0 && stopped.signal !== 'SIGINT') {
    throw new Error(`the demo server stopped badly on SIGINT (code ${stopped.code}, signal ${stopped.signal}); its output:\n${serverLog}`);
  }
}, 30_000);

// What a person finds on the page: a control by its label's text, a button or link by its text.
async function byLabel(page, text) {
  const handle = await page.evaluateHandle((wanted) => {
    const label = [...document.querySelectorAll('label')].find((element) => element.textContent.trim() === wanted);
    return label?.control ?? null;
  }, text);
  const element = handle.asElement();
  if (!element) throw new Error(`no control is labelled "${text}"`);
  return element;
}

async function byText(page, selector, text) {
  const handle = await page.evaluateHandle((css, wanted) => [...document.querySelectorAll(css)]
    .find((element) => element.textContent.trim() === wanted) ?? null, selector, text);
  const element = handle.asElement();
  if (!element) throw new Error(`no ${selector} reads "${text}"`);
  return element;
}

const innerText = (page, selector) => page.$eval(selector, (element) => element.innerText);
const valueOf = (element) => element.evaluate((input) => input.value);
const waitForText = (page, text, timeout = 30_000) => page.waitForFunction(
  (wanted) => document.body.innerText.includes(wanted), { timeout }, text,
);

// Replaces a field's text the way a person does: clear it, then type.
async function typeInto(element, text) {
  await element.evaluate((input) => { input.value = ''; });
  await element.type(text);
}

// The whole flow, once per browser.
function uploadSuite(browserName) {
  let browser;
  let context;
  let downloads;
  let pageErrors = [];

  async function openPage() {
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/`);
    // app.js sets this once the config and the wasm build have loaded (or failed to).
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    return page;
  }

  // Fills the form the way a person would and presses Upload; returns the result's text.
  async function uploadThroughPage(page, { file, keyType, algorithm, policyType, mode }) {
    await (await byLabel(page, 'File')).uploadFile(file.file);
    await expect(valueOf(await byLabel(page, 'Object key'))).resolves.toBe(`uploads/${file.name}`);
    await (await byLabel(page, { rsa: 'RSA-2048', ec: 'ECDSA P-256' }[keyType])).click();
    await (await byLabel(page, { SHA1: 'SHA-1', SHA256: 'SHA-256' }[algorithm])).click();
    await (await byLabel(page, { canned: 'Canned', custom: 'Custom' }[policyType])).click();
    await (await byLabel(page, { browser: 'Sign in this browser (WebAssembly)', server: 'Ask the server to sign' }[mode])).click();
    await (await byText(page, 'button', 'Upload')).click();

    await page.waitForSelector('#upload-success, #upload-error', { timeout: 60_000 });
    if (await page.$('#upload-error')) {
      throw new Error(`the page reports a failed upload: ${await innerText(page, '#result')}\n--- server output ---\n${serverLog}`);
    }
    return innerText(page, '#result');
  }

  // Follows the "Download" link with a click, waits for the browser to finish saving the
  // file (no .part or .crdownload left) and reads what arrived.
  async function downloadThroughPage(page) {
    const link = await byText(page, 'a', 'Download');
    const href = await link.evaluate((anchor) => anchor.href);
    const before = new Set(fs.readdirSync(downloads));
    await link.click();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const names = fs.readdirSync(downloads);
      const partial = names.some((name) => /\.(part|crdownload)$/.test(name));
      const added = names.filter((name) => !before.has(name) && !/\.(part|crdownload)$/.test(name));
      if (!partial && added.length === 1) return { href, bytes: fs.readFileSync(path.join(downloads, added[0])) };
      if (Date.now() > deadline) throw new Error(`the download did not finish in ${browserName}: ${names.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function roundTrip(options) {
    const page = await openPage();
    try {
      const file = writeRandomFile(options.fileName);
      const text = await uploadThroughPage(page, { ...options, file });
      expect(text).toContain(`Uploaded ${file.name}`);
      expect(text).toMatch(/HTTP status\s+200/);
      expect(text).toContain(`${FILE_SIZE.toLocaleString('en-US')} bytes`);

      const uploadUrl = await innerText(page, '#result .url');
      expect(uploadUrl.startsWith(`${baseUrl}/uploads/`)).toBe(true);
      expect(uploadUrl).toContain('Signature=');
      expect(uploadUrl.includes('Hash-Algorithm=SHA256')).toBe(options.algorithm === 'SHA256');
      expect(uploadUrl).toContain(options.policyType === 'custom' ? 'Policy=' : 'Expires=');

      // The page shows the policy as JSON: canned ones rebuilt, custom ones decoded.
      const policy = JSON.parse(await innerText(page, '#result-policy'));
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
    downloads = fs.mkdtempSync(path.join(tmpDir, `downloads-${browserName}-`));
    browser = await launchBrowser(browserName);
    context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  }, 30_000);

  afterEach(() => {
    const errors = pageErrors;
    pageErrors = [];
    expect(errors).toEqual([]);
  });

  test('the page shows the key warning, the distribution and the key pair ids', async () => {
    const page = await openPage();
    try {
      const config = await (await fetch(`${baseUrl}/_api/config`)).json();
      await expect((await byText(page, 'h2', 'Private keys belong on servers')).evaluate((heading) => heading.checkVisibility())).resolves.toBe(true);
      await expect(innerText(page, '#distribution-domain')).resolves.toBe(config.distributionDomain);
      const shownIds = await page.$$eval('#key-list .key-pair-id', (items) => items.map((item) => item.innerText));
      expect(shownIds.sort()).toEqual(config.keys.map((key) => key.keyPairId).sort());
      expect(config.keys.map((key) => key.type).sort()).toEqual(['ec', 'rsa']);
      await expect(innerText(page, '#wasm-state')).resolves.toContain('WebAssembly signer ready');
      await expect(valueOf(await byLabel(page, 'Expires in (seconds)'))).resolves.toBe('300');
      await expect(innerText(page, '#aws-deployment')).resolves
        .toBe(`${DEPLOYMENT.domain} with key pair ${DEPLOYMENT.keyPairId} (from infra/cloudfront.json)`);
    } finally {
      await page.close();
    }
  });

  test('a hand-typed object key survives choosing a file', async () => {
    const page = await openPage();
    try {
      const file = writeRandomFile(`untouched-${browserName}.bin`);
      await typeInto(await byLabel(page, 'Object key'), 'uploads/my own name.bin');
      await (await byLabel(page, 'File')).uploadFile(file.file);
      await expect(valueOf(await byLabel(page, 'Object key'))).resolves.toBe('uploads/my own name.bin');
    } finally {
      await page.close();
    }
  });

  test('signed in the browser with RSA and SHA-1 (canned policy): the download matches the upload', async () => {
    const { page } = await roundTrip({ fileName: `random rsa sha1 ${browserName}.bin`, keyType: 'rsa', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
    await page.close();
  });

  test('signed in the browser with ECDSA and SHA-256 (custom policy): the download matches the upload', async () => {
    const { page } = await roundTrip({ fileName: `random-ec-sha256-${browserName}.bin`, keyType: 'ec', algorithm: 'SHA256', policyType: 'custom', mode: 'browser' });
    await page.close();
  });

  test('a file name with spaces, #, %, quotes and non-ASCII letters keeps its bytes', async () => {
    const { page } = await roundTrip({ fileName: `résumé "final" #2 (50%) ${browserName}.bin`, keyType: 'ec', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
    await page.close();
  });

  test('signed by the server: the download matches the upload, and altered or expired URLs get 403 AccessDenied', async () => {
    const { page, href } = await roundTrip({ fileName: `server signed ${browserName}.bin`, keyType: 'rsa', algorithm: 'SHA256', policyType: 'canned', mode: 'server' });
    try {
      // The page's own check: it flips a character of a fresh signature.
      await (await byText(page, 'button', 'Try a tampered URL')).click();
      await page.waitForSelector('#probe-result .outcome', { timeout: 30_000 });
      await expect(innerText(page, '#probe-result')).resolves.toContain('The edge refused the signature (403 AccessDenied: Access denied)');

      // The same, without the page: a valid download URL with its signature edited.
      const signature = /[?&]Signature=([^&]+)/.exec(href)[1];
      const middle = Math.floor(signature.length / 2);
      const edited = signature.slice(0, middle) + (signature[middle] === 'A' ? 'B' : 'A') + signature.slice(middle + 1);
      const refused = await fetch(href.replace(signature, edited));
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
      const accepted = await fetch(href);
      expect(accepted.status).toBe(200);
      await accepted.arrayBuffer();

      // Back to in-browser signing for an expired URL: it ended a minute ago.
      await (await byLabel(page, 'Sign in this browser (WebAssembly)')).click();
      await (await byText(page, 'button', 'Try an expired URL')).click();
      await waitForText(page, 'Expired URL: refused, as it should be.');
      await expect(innerText(page, '#probe-result')).resolves.toContain('403 AccessDenied');

      await page.screenshot({ path: SCREENSHOT(browserName), fullPage: true });
    } finally {
      await page.close();
    }
  });

  test('an uploaded HTML file opened from its download URL is saved as a file, never run in the page\'s origin', async () => {
    const page = await openPage();
    let viewer;
    try {
      const html = '<!doctype html><title>evil</title><script>document.title = "ran in " + location.origin</script>';
      const file = { file: path.join(tmpDir, 'files', `evil-${browserName}.html`), name: `evil-${browserName}.html` };
      fs.mkdirSync(path.dirname(file.file), { recursive: true });
      fs.writeFileSync(file.file, html);
      await uploadThroughPage(page, { file, keyType: 'rsa', algorithm: 'SHA1', policyType: 'canned', mode: 'browser' });
      const href = await (await byText(page, 'a', 'Download')).evaluate((anchor) => anchor.href);

      // Typed into the address bar: served as text/html, it would run with the page's origin.
      // (The tab opens only now: Chromium stops animation frames in a background tab, which
      // would stall the upload page's waits.)
      viewer = await context.newPage();
      const before = new Set(fs.readdirSync(downloads));
      await viewer.goto(href, { timeout: 15_000 }).catch(() => {}); // a download ends the navigation
      const deadline = Date.now() + 30_000;
      let saved;
      while (!saved) {
        const added = fs.readdirSync(downloads).filter((name) => !before.has(name) && !/\.(part|crdownload)$/.test(name));
        if (added.length === 1) saved = path.join(downloads, added[0]);
        else if (Date.now() > deadline) throw new Error(`${browserName} did not save the HTML download`);
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(fs.readFileSync(saved, 'utf8')).toBe(html);
      await expect(viewer.title()).resolves.not.toContain('ran in');
    } finally {
      await viewer?.close();
      await page.close();
    }
  });

  test('failures read as sentences: the package, the server and the network each say what went wrong', async () => {
    const page = await openPage();
    try {
      const file = writeRandomFile(`never sent ${browserName}.bin`);
      await (await byLabel(page, 'File')).uploadFile(file.file);
      const upload = await byText(page, 'button', 'Upload');

      // About 31 years from now: past CloudFront's 2038 limit, so the package refuses.
      await typeInto(await byLabel(page, 'Expires in (seconds)'), '999999999');
      await upload.click();
      await page.waitForSelector('#upload-error');
      await expect(innerText(page, '#result')).resolves.toContain('The package refused to sign (INVALID_DATE)');

      await (await byLabel(page, 'Ask the server to sign')).click();
      await upload.click();
      await waitForText(page, 'The server refused to sign (INVALID_DATE)');

      // A connection that never gets an answer.
      await typeInto(await byLabel(page, 'Expires in (seconds)'), '300');
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        if (new URL(request.url()).pathname.startsWith('/uploads/')) request.abort('connectionrefused');
        else request.continue();
      });
      await upload.click();
      await waitForText(page, 'The upload did not reach the server');
      await expect(innerText(page, '#result')).resolves.toContain('Is the demo stack (npm start) still running?');
    } finally {
      await page.close();
    }
  });
}

describe.each(BROWSERS)('%s', (browserName) => uploadSuite(browserName));
