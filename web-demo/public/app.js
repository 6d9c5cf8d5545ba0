// The demo page: signs a URL (in this browser with the package's WebAssembly
// build, or by asking the demo server), PUTs the chosen file through the
// CloudFront-like edge, then offers a freshly signed download link.

const PACKAGE_URL = '/_demo/pkg/browser.mjs';
const CUSTOM_POLICY_IP = '127.0.0.1/32';
const CUSTOM_POLICY_LEEWAY_MS = 60_000;

const $ = (id) => document.getElementById(id);
const form = $('upload-form');
const fileInput = $('file');
const keyInput = $('object-key');
const expiresInput = $('expires');
const uploadButton = $('upload');
const resultBox = $('result');
const probeBox = $('probe-result');
const wasmState = $('wasm-state');

let config = null;
let pkg = null;
const signers = new Map();
// Whether the person typed their own object key; if so, choosing a file leaves it alone.
let keyEditedByHand = false;
let lastObjectKey = null;

// ---------- errors a person can read ----------

class NetworkError extends Error {}
class ServerSignError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
class EdgeError extends Error {
  constructor(status, code, message, action) {
    super(message);
    this.status = status;
    this.code = code;
    this.action = action;
  }
}
class InputError extends Error {}

// fetch() only rejects when no answer came back at all, so that is the one
// place a "network" message is honest.
async function request(url, options, what) {
  try {
    return await fetch(url, options);
  } catch (error) {
    throw new NetworkError(`${what} did not reach the server (${error.message}). Is the demo stack (npm start) still running?`);
  }
}

// CloudFront answers refusals with a small XML document: <Error><Code/><Message/></Error>.
async function edgeErrorFrom(response, action) {
  const text = await response.text().catch(() => '');
  let code = '';
  let message = '';
  if (text.trimStart().startsWith('<')) {
    const xml = new DOMParser().parseFromString(text, 'application/xml');
    code = xml.querySelector('Error > Code')?.textContent.trim() ?? '';
    message = xml.querySelector('Error > Message')?.textContent.trim() ?? '';
  }
  if (!code && !message) message = text.trim().slice(0, 300) || response.statusText;
  return new EdgeError(response.status, code, message, action);
}

const EDGE_EXPLANATIONS = {
  AccessDenied: {
    lead: 'The edge refused the signature',
    hint: 'The URL may have expired, been changed after it was signed, or been signed with a key that is not in the key group. A custom policy also limits the time window and the viewer IP.',
  },
  MalformedPolicy: {
    lead: 'The edge could not read the policy',
    hint: 'The Policy parameter was cut short or altered, or is not a policy CloudFront accepts.',
  },
  InvalidKey: {
    lead: 'The edge does not know this key pair',
    hint: 'The Key-Pair-Id must name a public key in the distribution’s trusted key group.',
  },
  MissingKey: {
    lead: 'The URL has no key pair ID',
    hint: 'A signed URL needs Key-Pair-Id next to Signature and Expires or Policy.',
  },
};

// Turns any failure into { summary, hint } in plain words.
function explain(error) {
  if (error instanceof EdgeError) {
    const label = [error.status, error.code].filter(Boolean).join(' ');
    const detail = error.message ? `${label}: ${error.message}` : label;
    const known = EDGE_EXPLANATIONS[error.code] ?? (error.code === 'Unknown Key' ? EDGE_EXPLANATIONS.InvalidKey : null);
    if (known) return { summary: `${known.lead} (${detail}).`, hint: known.hint };
    if (error.status === 413) return { summary: `The file is too large for the edge (${detail}).`, hint: 'Choose a smaller file.' };
    if (error.status === 404 && error.action === 'download') {
      return { summary: `The object is not there (${detail}).`, hint: 'Upload it first.' };
    }
    return { summary: `The ${error.action} failed: the edge answered ${detail}.`, hint: error.status >= 500 ? 'The origin behind the edge may be down; the server log says more.' : '' };
  }
  if (error instanceof ServerSignError) {
    return { summary: `The server refused to sign (${error.code}): ${error.message}`, hint: 'Check the object key and the expiry.' };
  }
  if (error && error.name === 'CloudFrontSignerError') {
    return { summary: `The package refused to sign (${error.code}): ${error.message}`, hint: '' };
  }
  if (error instanceof NetworkError) return { summary: error.message, hint: '' };
  if (error instanceof InputError) return { summary: error.message, hint: '' };
  return { summary: `Something unexpected went wrong: ${error?.message ?? error}`, hint: '' };
}

// ---------- small helpers ----------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'class') node.className = value;
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function formatBytes(bytes) {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const short = unit === 0 ? `${bytes} bytes` : `${value.toFixed(2)} ${units[unit]}`;
  return unit === 0 ? short : `${short} (${bytes.toLocaleString('en-US')} bytes)`;
}

function formatRate(bytesPerSecond) {
  if (bytesPerSecond >= 1048576) return `${(bytesPerSecond / 1048576).toFixed(1)} MiB/s`;
  if (bytesPerSecond >= 1024) return `${(bytesPerSecond / 1024).toFixed(1)} KiB/s`;
  return `${Math.round(bytesPerSecond)} bytes/s`;
}

function formatMs(ms) {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function relative(date) {
  const seconds = Math.round((date.getTime() - Date.now()) / 1000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 90) return rtf.format(seconds, 'second');
  if (abs < 90 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 36 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

// Object keys are path-like and the package encodes spaces and the like itself.
// '%', '?' and '#' would be read as an escape, a query or a fragment, and the
// package refuses '"', '\\' and control characters in URLs, so those are escaped here.
function keyToPath(objectKey) {
  return objectKey.replace(/[%?#"\\\x00-\x1f\x7f]/g, (c) => encodeURIComponent(c));
}

function readSettings() {
  const data = new FormData(form);
  const objectKey = keyInput.value.trim().replace(/^\/+/, '');
  if (!objectKey) throw new InputError('Enter an object key, such as uploads/photo.jpg.');
  const expires = Number(expiresInput.value);
  if (!Number.isInteger(expires) || expires < 1) throw new InputError('Enter the expiry as a whole number of seconds, 1 or more.');
  return {
    objectKey,
    expiresInSeconds: expires,
    keyType: data.get('keyType'),
    algorithm: data.get('algorithm'),
    policyType: data.get('policyType'),
    mode: data.get('mode'),
  };
}

function keyFor(type) {
  const key = config.keys.find((k) => k.type === type);
  if (!key) throw new InputError(`The demo server has no ${type === 'ec' ? 'ECDSA' : 'RSA'} key.`);
  return key;
}

// ---------- signing ----------

// Parsing a key costs more than signing with it, so each key is parsed once.
function signerFor(key) {
  let signer = signers.get(key.keyPairId);
  if (!signer) {
    signer = new pkg.CloudFrontSigner({ keyPairId: key.keyPairId, privateKey: key.privateKey });
    signers.set(key.keyPairId, signer);
  }
  return signer;
}

// What a signed URL says about itself, read by the package's decodeSignedUrl: the
// key pair, the policy that was signed (rebuilt for a canned URL, as the edge does)
// and when it expires. Without the package only the server's answer is shown.
function describe(url, policyFromServer) {
  if (!pkg) return { url, policy: policyFromServer, keyPairId: null, expiresAt: null };
  const { policy, keyPairId, dateLessThan } = pkg.decodeSignedUrl(url);
  return { url, policy, keyPairId, expiresAt: dateLessThan };
}

function signInBrowser(settings, { expired = false } = {}) {
  if (!pkg) throw new InputError('The WebAssembly signer is not loaded; choose “Ask the server to sign”.');
  const key = keyFor(settings.keyType);
  const now = Date.now();
  // An "expired" URL ended a minute ago, so clock rounding cannot rescue it.
  const dateLessThan = expired ? now - 60_000 : now + settings.expiresInSeconds * 1000;
  const options = { url: `${config.baseUrl}/${keyToPath(settings.objectKey)}`, algorithm: settings.algorithm, dateLessThan };
  if (settings.policyType === 'custom') {
    options.dateGreaterThan = dateLessThan - settings.expiresInSeconds * 1000 - CUSTOM_POLICY_LEEWAY_MS;
    options.ipAddress = CUSTOM_POLICY_IP;
  }
  return describe(signerFor(key).getSignedUrl(options));
}

async function signOnServer(settings, expiresInSeconds = settings.expiresInSeconds) {
  const response = await request('/_api/sign', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      objectKey: keyToPath(settings.objectKey),
      keyType: settings.keyType,
      algorithm: settings.algorithm,
      policyType: settings.policyType,
      expiresInSeconds,
    }),
  }, 'The signing request');
  const body = await response.json().catch(() => null);
  if (!response.ok || !body?.url) {
    throw new ServerSignError(response.status, body?.error?.code ?? `HTTP ${response.status}`, body?.error?.message ?? 'no signed URL in the answer');
  }
  return describe(body.url, body.policy);
}

async function sign(settings) {
  const started = performance.now();
  const signed = settings.mode === 'server' ? await signOnServer(settings) : signInBrowser(settings);
  return { ...signed, signMs: performance.now() - started };
}

// ---------- rendering ----------

// The policy indented for reading; shown as it came if it is not JSON.
function prettyPolicy(policyText) {
  try {
    return JSON.stringify(JSON.parse(policyText), null, 2);
  } catch {
    return policyText ?? '';
  }
}

function urlBlock(label, url) {
  return [
    el('dt', {}, label),
    el('dd', {}, el('code', { class: 'url' }, url)),
  ];
}

function renderBusy(text) {
  resultBox.setAttribute('aria-busy', 'true');
  resultBox.replaceChildren(el('p', { class: 'busy' }, text));
}

function renderError(error, context) {
  const { summary, hint } = explain(error);
  resultBox.removeAttribute('aria-busy');
  resultBox.replaceChildren(
    el('div', { class: 'outcome failure', id: 'upload-error' },
      el('p', { class: 'headline' }, `${context} failed`),
      el('p', { class: 'message' }, summary),
      hint ? el('p', { class: 'hint' }, hint) : null),
  );
}

function renderSuccess({ file, settings, signed, response, uploadMs, download }) {
  const { expiresAt } = signed;
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Object key'), el('dd', {}, el('code', {}, settings.objectKey)),
    el('dt', {}, 'Size'), el('dd', { id: 'result-size' }, formatBytes(file.size)),
    el('dt', {}, 'HTTP status'), el('dd', { id: 'result-status' }, `${response.status} ${response.statusText}`.trim()),
    el('dt', {}, 'Time'), el('dd', { id: 'result-time' },
      `signing ${formatMs(signed.signMs)}, upload ${formatMs(uploadMs)}` +
      (uploadMs > 0 ? ` (${formatRate(file.size / (uploadMs / 1000))})` : '')),
    el('dt', {}, 'Signed'), el('dd', {},
      `${settings.mode === 'server' ? 'by the server' : 'in this browser (WebAssembly)'}, ` +
      `${settings.keyType === 'ec' ? 'ECDSA' : 'RSA'} key ${signed.keyPairId ?? keyFor(settings.keyType).keyPairId}, ` +
      `${settings.algorithm === 'SHA256' ? 'SHA-256' : 'SHA-1'}, ${settings.policyType} policy`),
    el('dt', {}, 'Expires'), el('dd', {}, expiresAt ? `${expiresAt.toLocaleString()} (${relative(expiresAt)})` : 'see the policy'),
    ...urlBlock('Signed upload URL', signed.url),
  );
  const policy = el('details', { open: true },
    el('summary', {}, settings.policyType === 'custom' ? 'Custom policy (decoded from the URL)' : 'Canned policy (rebuilt from the URL, as the edge does)'),
    el('pre', { class: 'policy', id: 'result-policy' }, prettyPolicy(signed.policy)));

  let downloadPart;
  if (download.url) {
    const name = settings.objectKey.split('/').pop() || 'download';
    const until = download.expiresAt;
    downloadPart = el('p', { class: 'download' },
      el('a', { id: 'download-link', href: download.url, download: name, class: 'button-link' }, 'Download'),
      el('span', { class: 'help' }, ` A freshly signed GET URL with the same settings${until ? `; it stops working ${relative(until)}` : ''}.`));
  } else {
    const { summary } = explain(download.error);
    downloadPart = el('p', { class: 'message' }, `The upload worked, but the download link could not be signed: ${summary}`);
  }

  resultBox.removeAttribute('aria-busy');
  resultBox.replaceChildren(
    el('div', { class: 'outcome success', id: 'upload-success' },
      el('p', { class: 'headline' }, `Uploaded ${file.name}`),
      facts, policy, downloadPart),
  );
}

// ---------- actions ----------

async function upload(event) {
  event.preventDefault();
  const file = fileInput.files[0];
  let settings;
  try {
    if (!config) throw new InputError('The page has not loaded its settings from the server yet.');
    if (!file) throw new InputError('Choose a file first.');
    settings = readSettings();
  } catch (error) {
    renderError(error, 'Upload');
    return;
  }

  uploadButton.disabled = true;
  renderBusy(`Signing and uploading ${file.name} (${formatBytes(file.size)})…`);
  try {
    const signed = await sign(settings);
    const started = performance.now();
    const response = await request(signed.url, {
      method: 'PUT',
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
    }, 'The upload');
    const uploadMs = performance.now() - started;
    if (!response.ok) throw await edgeErrorFrom(response, 'upload');
    lastObjectKey = settings.objectKey;

    let download;
    try {
      download = await sign(settings);
    } catch (error) {
      download = { error };
    }
    renderSuccess({ file, settings, signed, response, uploadMs, download });
  } catch (error) {
    renderError(error, 'Upload');
  } finally {
    uploadButton.disabled = false;
  }
}

// Flips one character in the middle of the signature, keeping the alphabet valid.
function tamper(url) {
  const match = /([?&]Signature=)([^&]*)/.exec(url);
  const start = match.index + match[1].length;
  const at = start + Math.floor(match[2].length / 2);
  const swapped = url[at] === 'A' ? 'B' : 'A';
  return url.slice(0, at) + swapped + url.slice(at + 1);
}

async function probe(kind) {
  const button = kind === 'tampered' ? $('try-tampered') : $('try-expired');
  button.disabled = true;
  probeBox.setAttribute('aria-busy', 'true');
  probeBox.replaceChildren(el('p', { class: 'busy' }, kind === 'tampered' ? 'Signing, tampering, asking the edge…' : 'Signing an expired URL, asking the edge…'));
  try {
    if (!config) throw new InputError('The page has not loaded its settings from the server yet.');
    const settings = readSettings();
    settings.objectKey = lastObjectKey ?? 'uploads/does-not-matter';
    let url;
    if (kind === 'tampered') {
      url = tamper((await sign(settings)).url);
    } else if (settings.mode === 'server') {
      // The server only signs future expiries, so take one second and let it pass.
      const signed = await signOnServer(settings, 1);
      ({ url } = signed);
      // Without the package to read the expiry, the server's one second (rounded) is over in 2.5.
      const expires = signed.expiresAt?.getTime() ?? Date.now() + 1500;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, expires - Date.now()) + 1100));
    } else {
      ({ url } = signInBrowser(settings, { expired: true }));
    }
    const response = await request(url, { method: 'GET', cache: 'no-store' }, 'The check');
    const label = kind === 'tampered' ? 'Tampered URL' : 'Expired URL';
    if (response.ok) {
      probeBox.replaceChildren(el('div', { class: 'outcome failure' },
        el('p', { class: 'headline' }, `${label}: the edge accepted it (HTTP ${response.status}). That should not happen.`),
        el('dl', { class: 'facts' }, ...urlBlock('URL', url))));
    } else {
      const { summary, hint } = explain(await edgeErrorFrom(response, 'download'));
      probeBox.replaceChildren(el('div', { class: 'outcome refused', id: 'probe-refused' },
        el('p', { class: 'headline' }, `${label}: refused, as it should be.`),
        el('p', { class: 'message' }, summary),
        el('p', { class: 'hint' }, hint),
        el('dl', { class: 'facts' }, ...urlBlock('URL', url))));
    }
  } catch (error) {
    const { summary } = explain(error);
    probeBox.replaceChildren(el('p', { class: 'message error' }, `The check could not run: ${summary}`));
  } finally {
    probeBox.removeAttribute('aria-busy');
    button.disabled = false;
  }
}

// ---------- start-up ----------

fileInput.addEventListener('change', () => {
  const file = fileInput.files[0];
  if (file && !keyEditedByHand) keyInput.value = `uploads/${file.name}`;
});
keyInput.addEventListener('input', () => {
  // Clearing the field hands it back to the file chooser.
  keyEditedByHand = keyInput.value.trim() !== '';
});
form.addEventListener('submit', upload);
$('try-tampered').addEventListener('click', () => probe('tampered'));
$('try-expired').addEventListener('click', () => probe('expired'));

function showConfig() {
  $('distribution-domain').textContent = config.distributionDomain;
  $('key-list').replaceChildren(...config.keys.map((key) =>
    el('li', {}, el('code', { class: 'key-pair-id' }, key.keyPairId), ` ${key.type === 'ec' ? 'ECDSA P-256' : 'RSA-2048'}`)));
  $('data-dir').textContent = config.dataDir ?? 'an external S3-compatible origin';
  // What infra/deploy wrote: the real distribution, for signing with cfsign or a server.
  if (config.deployment) {
    $('aws-deployment').replaceChildren(el('code', {}, config.deployment.domain), ' with key pair ',
      el('code', { class: 'key-pair-id' }, config.deployment.keyPairId), ' (from infra/cloudfront.json)');
    $('aws-deployment').hidden = false;
    $('aws-deployment-label').hidden = false;
  }
}

async function loadConfig() {
  try {
    const response = await request('/_api/config', { cache: 'no-store' }, 'Loading the settings');
    if (!response.ok) throw new Error(`/_api/config answered HTTP ${response.status}`);
    config = await response.json();
    showConfig();
  } catch (error) {
    const box = $('config-error');
    box.textContent = `Could not load the demo settings: ${explain(error).summary}`;
    box.hidden = false;
    for (const id of ['distribution-domain', 'data-dir']) $(id).textContent = 'unknown';
    $('key-list').replaceChildren(el('li', {}, 'unknown'));
  }
}

async function loadPackage() {
  const started = performance.now();
  try {
    pkg = await import(PACKAGE_URL);
    wasmState.textContent = `WebAssembly signer ready (loaded in ${formatMs(performance.now() - started)}).`;
  } catch (error) {
    // Server signing still works without the wasm build.
    wasmState.textContent = `The WebAssembly signer could not load (${error.message}); the server will sign.`;
    wasmState.classList.add('error');
    const browserRadio = form.querySelector('input[name="mode"][value="browser"]');
    browserRadio.disabled = true;
    form.querySelector('input[name="mode"][value="server"]').checked = true;
  }
}

await Promise.all([loadConfig(), loadPackage()]);
document.body.dataset.ready = 'true';
