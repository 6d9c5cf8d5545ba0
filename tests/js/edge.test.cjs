// The CloudFront-like edge in front of a real s3rver origin: every refusal with
// CloudFront's exact status and body, and uploads that come back byte for byte.
const { createHash, randomBytes } = require('node:crypto');
const { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const { createServer } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { CloudFrontSigner, getSignedCookies } = require('../../dist/index.cjs');

const KEYS = join(__dirname, '..', 'fixtures', 'keys');
const key = (file) => readFileSync(join(KEYS, file), 'utf8');
const XML = (code, message) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
const ACCESS_DENIED = XML('AccessDenied', 'Access denied');
const MAX_UPLOAD = 2 * 1024 * 1024;

let dataDir;
let origin;
let server;
let base;
const rsa = new CloudFrontSigner({ keyPairId: 'KRSA', privateKey: key('rsa2048-pkcs1.pem') });
const ec = new CloudFrontSigner({ keyPairId: 'KEC', privateKey: key('ec-p256-sec1.pem') });
const inFiveMinutes = () => Date.now() + 5 * 60 * 1000;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cfsigner-edge-'));
  const { startOrigin } = await import('../../web-demo/server/origin.js');
  const { createEdge } = await import('../../web-demo/server/edge.js');
  origin = await startOrigin({ dataDir });
  const edge = createEdge({
    keyGroup: { KRSA: key('rsa2048-public.pem'), KEC: key('ec-p256-public.pem') },
    origin,
    maxUploadBytes: MAX_UPLOAD,
  });
  server = createServer((req, res) => edge.handle(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  if (origin) await origin.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(url, init = {}) {
  const response = await fetch(url, init);
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

// node:http sends the path byte for byte; fetch would resolve %2e%2e segments first.
function rawRequest(url, method, body) {
  const { request } = require('node:http');
  const { port } = new URL(url);
  const path = url.slice(url.indexOf('/', 'http://'.length));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function storedObjects() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith('._S3rver_object')) found.push(join(dir, entry.name).slice(dataDir.length));
    }
  };
  walk(dataDir);
  return found.sort();
}

describe('signed uploads reach the origin intact', () => {
  test.each([
    ['RSA, SHA-1, canned', rsa, {}],
    ['RSA, SHA-256, custom (IP 127.0.0.1/32)', rsa, { algorithm: 'SHA256', ipAddress: '127.0.0.1/32' }],
    ['ECDSA, SHA-256, starts a minute ago', ec, { algorithm: 'SHA256', dateGreaterThan: Date.now() - 60_000 }],
  ])('%s: PUT then GET gives the same bytes and an MD5 ETag', async (_, signer, extra) => {
    const bytes = randomBytes(300 * 1024 + 7);
    const url = signer.getSignedUrl({ url: `${base}/uploads/${signer.keyType} ${extra.algorithm ?? 'SHA1'}.bin`, dateLessThan: inFiveMinutes(), ...extra });
    const put = await call(url, { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/octet-stream' } });
    expect(put.status).toBe(200);
    const md5 = createHash('md5').update(bytes).digest('hex');
    expect(put.headers.get('etag')).toBe(`"${md5}"`);
    const get = await call(url);
    expect(get.status).toBe(200);
    expect(get.body.equals(bytes)).toBe(true);
  });

  test('the origin stores the object under its key, without the signing parameters', () => {
    expect(storedObjects()).toEqual(expect.arrayContaining(['/uploads/uploads/rsa SHA1.bin._S3rver_object', '/uploads/uploads/ec SHA256.bin._S3rver_object']));
    expect(storedObjects().join('\n')).not.toMatch(/Signature|Expires|Key-Pair-Id/);
  });

  test('a signed cookie alone is enough, with a wildcard policy', async () => {
    const cookies = getSignedCookies({
      keyPairId: 'KRSA', privateKey: key('rsa2048-pkcs1.pem'),
      policy: JSON.stringify({ Statement: [{ Resource: `${base}/uploads/*`, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(inFiveMinutes() / 1000) } } }] }),
    });
    const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const get = await call(`${base}/uploads/rsa SHA1.bin`.replace(' ', '%20'), { headers: { Cookie: header } });
    expect(get.status).toBe(200);
    const outside = await call(`${base}/private/rsa.bin`, { headers: { Cookie: header } });
    expect([outside.status, outside.body.toString()]).toEqual([403, ACCESS_DENIED]);
  });
});

describe('refusals are CloudFront\'s', () => {
  const signed = (extra = {}, signer = rsa, path = '/uploads/a.txt') => signer.getSignedUrl({ url: `${base}${path}`, dateLessThan: inFiveMinutes(), ...extra });
  const wildcard = (resource) => JSON.stringify({ Statement: [{ Resource: `${base}${resource}`, Condition: { DateLessThan: { 'AWS:EpochTime': Math.floor(inFiveMinutes() / 1000) } } }] });

  test.each([
    ['a tampered signature', () => signed().replace(/Signature=(.)/, (_, c) => `Signature=${c === 'A' ? 'B' : 'A'}`), 403, ACCESS_DENIED],
    ['a tampered Expires', () => signed().replace(/Expires=(\d+)/, (_, n) => `Expires=${Number(n) + 1}`), 403, ACCESS_DENIED],
    ['a changed path', () => signed().replace('/uploads/a.txt', '/uploads/b.txt'), 403, ACCESS_DENIED],
    ['an added query parameter', () => signed().replace('?', '?extra=1&'), 403, ACCESS_DENIED],
    ['an expired URL', () => signed({ dateLessThan: Date.now() - 1000 }), 403, ACCESS_DENIED],
    ['a URL not yet valid', () => signed({ dateGreaterThan: Date.now() + 60_000 }), 403, ACCESS_DENIED],
    ['a viewer outside the IP range', () => signed({ ipAddress: '10.1.2.3' }), 403, ACCESS_DENIED],
    ['an unknown key pair id', () => new CloudFrontSigner({ keyPairId: 'KOTHER', privateKey: key('rsa2048-pkcs1.pem') }).getSignedUrl({ url: `${base}/uploads/a.txt`, dateLessThan: inFiveMinutes() }), 403, XML('InvalidKey', 'Unknown Key')],
    ['a missing Key-Pair-Id', () => signed().replace(/&Key-Pair-Id=[^&]*/, ''), 403, XML('MissingKey', 'Missing Key-Pair-Id query parameter or cookie value')],
    ['no signing parameters at all', () => `${base}/uploads/a.txt`, 403, XML('MissingKey', 'Missing Key-Pair-Id query parameter or cookie value')],
    ['a duplicated Signature', () => `${signed()}&Signature=AAAA`, 403, XML('MalformedPolicy', 'Malformed Policy')],
    ['an unreadable Policy', () => signed({ ipAddress: '127.0.0.1' }).replace(/Policy=[^&]*/, 'Policy=bm90IGpzb24_'), 403, XML('MalformedPolicy', 'Malformed Policy')],
    ['a wildcard that must not match', () => rsa.getSignedUrl({ url: `${base}/uploads/a.txt`, policy: wildcard('/uploads/*') }).replace('/uploads/a.txt', '/private/a.txt'), 403, ACCESS_DENIED],
    ['a ? wildcard that must not match two characters', () => rsa.getSignedUrl({ url: `${base}/uploads/v1.txt`, policy: wildcard('/uploads/v?.txt') }).replace('/v1.txt', '/v10.txt'), 403, ACCESS_DENIED],
  ])('%s', async (_, makeUrl, status, body) => {
    const response = await call(makeUrl());
    expect([response.status, response.body.toString()]).toEqual([status, body]);
    expect(response.headers.get('content-type')).toBe('text/xml');
  });

  test('a ? wildcard matches exactly one character', async () => {
    const url = rsa.getSignedUrl({ url: `${base}/uploads/v1.txt`, policy: wildcard('/uploads/v?.txt') });
    expect((await call(url, { method: 'PUT', body: 'v1' })).status).toBe(200);
  });

  test('a cookie whose policy does not cover the URL is refused', async () => {
    const cookies = getSignedCookies({ keyPairId: 'KEC', privateKey: key('ec-p256-sec1.pem'), url: `${base}/uploads/one.txt`, dateLessThan: inFiveMinutes() });
    const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await call(`${base}/uploads/two.txt`, { headers: { Cookie: header } });
    expect([response.status, response.body.toString()]).toEqual([403, ACCESS_DENIED]);
  });
});

describe('what the edge guards besides signatures', () => {
  test.each([
    ['/uploads/..%2F..%2Fetc%2Fpasswd'],
    ['/uploads/%2e%2e/%2e%2e/escape.txt'],
    ['/uploads/a%00b.txt'],
    ['/uploads/a%5Cb.txt'],
  ])('%s is refused with 400 and stores nothing', async (path) => {
    const before = storedObjects();
    const url = rsa.getSignedUrl({ url: `${base}${path}`, dateLessThan: inFiveMinutes() });
    const response = await rawRequest(url, 'PUT', 'x');
    expect([response.status, response.body.toString()]).toEqual([400, XML('InvalidObjectName', 'The object key is not allowed')]);
    expect(storedObjects()).toEqual(before);
    expect(existsSync(join(dataDir, '..', 'escape.txt'))).toBe(false);
  });

  test('an upload over the size bound is 413 before any byte is stored', async () => {
    const url = rsa.getSignedUrl({ url: `${base}/uploads/huge.bin`, dateLessThan: inFiveMinutes() });
    const response = await call(url, { method: 'PUT', body: Buffer.alloc(MAX_UPLOAD + 1) });
    expect(response.status).toBe(413);
    expect(response.body.toString()).toContain('<Code>EntityTooLarge</Code>');
    expect(storedObjects().some((file) => file.includes('huge.bin'))).toBe(false);
  });

  test('CORS preflight is answered by the edge', async () => {
    const response = await call(`${base}/uploads/a.txt`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://page.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://page.example');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  test('with the origin down, a valid upload gets 502, never a success', async () => {
    const { createEdge } = await import('../../web-demo/server/edge.js');
    const edge = createEdge({ keyGroup: { KRSA: key('rsa2048-public.pem') }, origin: { ...origin, endpoint: 'http://127.0.0.1:9' } });
    const lonely = createServer((req, res) => edge.handle(req, res));
    await new Promise((resolve) => lonely.listen(0, '127.0.0.1', resolve));
    try {
      const url = rsa.getSignedUrl({ url: `http://127.0.0.1:${lonely.address().port}/uploads/lost.bin`, dateLessThan: inFiveMinutes() });
      const response = await call(url, { method: 'PUT', body: randomBytes(1024) });
      expect(response.status).toBe(502);
      expect(response.body.toString()).toContain('<Code>OriginError</Code>');
    } finally {
      await new Promise((resolve) => lonely.close(resolve));
    }
  });
});
