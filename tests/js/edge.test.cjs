// The CloudFront-like edge in front of a real s3rver origin: signed URLs and
// cookies are checked the way CloudFront checks them, refusals carry CloudFront's
// exact bodies, and what passes reaches the origin SigV4-signed, without its
// signing parameters and without escaping the bucket.
const crypto = require('node:crypto');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { Hash } = require('@smithy/hash-node');
const { SignatureV4 } = require('@smithy/signature-v4');
const { buildPolicy, CloudFrontSigner, getSignedCookies } = require('../../dist/index.cjs');

const KEY_DIR = join(__dirname, '..', 'fixtures', 'keys');
const pem = (name) => readFileSync(join(KEY_DIR, name), 'utf8');
const RSA_PRIVATE = pem('rsa2048-pkcs1.pem');
const EC_PRIVATE = pem('ec-p256-sec1.pem');
const KEY_GROUP = { KRSA: pem('rsa2048-public.pem'), KEC: pem('ec-p256-public.pem') };

// CloudFront's bodies, written out so that a change of wording fails here.
const xml = (code, message) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
const ACCESS_DENIED = xml('AccessDenied', 'Access denied');
const MALFORMED_POLICY = xml('MalformedPolicy', 'Malformed Policy');
const UNKNOWN_KEY = xml('InvalidKey', 'Unknown Key');
const MISSING_KEY = xml('MissingKey', 'Missing Key-Pair-Id query parameter or cookie value');
const BAD_PATH = xml('InvalidURI', 'The object key would leave the bucket.');
const BAD_UPLOAD_ID = xml('InvalidURI', 'The uploadId parameter is not an upload ID.');
const BAD_GATEWAY = xml('BadGateway', 'The edge could not get a complete response from the origin');
const SMALL_LIMIT = 1024;
const TOO_LARGE = xml('EntityTooLarge', `Your proposed upload exceeds the maximum allowed size of ${SMALL_LIMIT} bytes`);

const FIXTURE_KEY = 'uploads/fixture.txt';
const FIXTURE_BODY = 'fixture body: signed and served';
const IN_TEN_MINUTES = () => Date.now() + 10 * 60 * 1000;

const ROOT = join(__dirname, '..', '..');
const CLIENT_ERROR_CODES = /aborted|socket hang up|ECONNRESET/;

let dataDir;
let harness;
let edgeBase;
let smallEdgeBase;
let rsa;
let ec;
const servers = [];
const bases = {}; // edge name -> http://127.0.0.1:<port>
const captured = []; // requests that reached the capture origin

async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

// Jest runs test files in a vm that cannot import() ES modules (without
// --experimental-vm-modules), so the ESM origin and edges run in a child Node
// process; the test talks to them over HTTP and closes the origin over IPC.
const HARNESS = `
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const config = JSON.parse(process.env.EDGE_TEST_CONFIG);
const load = (file) => import(pathToFileURL(join(config.root, 'web-demo', 'server', file)).href);
const { startOrigin } = await load('origin.js');
const { createEdge } = await load('edge.js');
const { createApp } = await load('app.js');
const origin = await startOrigin({ dataDir: config.dataDir });
const bases = {};
let mainEdge;
for (const [name, options] of Object.entries(config.edges)) {
  const edge = createEdge({ keyGroup: config.keyGroup, ...options, origin: options.origin ?? origin });
  if (name === 'main') mainEdge = edge;
  const server = createServer((req, res) => edge.handle(req, res).catch((error) => {
    if (!res.headersSent) res.writeHead(500);
    res.end('edge threw: ' + error.message);
  }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  bases[name] = 'http://127.0.0.1:' + server.address().port;
}
// The demo server itself (page, /_api/*, edge), with the fixture keys as its key group.
const appServer = createServer();
const appBase = () => 'http://127.0.0.1:' + appServer.address().port;
appServer.on('request', createApp({
  config: {
    publicDir: join(config.root, 'web-demo', 'public'),
    packageDir: join(config.root, 'dist') + '/',
    dataDir: config.dataDir,
    externalOrigin: null,
    deploymentFile: join(config.dataDir, 'no-deployment.json'),
  },
  keys: config.appKeys,
  edge: mainEdge,
  baseUrl: appBase,
}));
await new Promise((resolve) => appServer.listen(0, '127.0.0.1', resolve));
process.on('message', async (message) => {
  if (message === 'close-origin') {
    await origin.close();
    process.send('origin-closed');
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ bases, app: appBase(), origin: { endpoint: origin.endpoint, backendSocket: origin.backendSocket } });
`;

function startHarness(config) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HARNESS], {
    cwd: ROOT,
    env: { ...process.env, EDGE_TEST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...message }));
    child.once('exit', (code) => reject(new Error(`the edge harness exited early with code ${code}`)));
    child.once('error', reject);
  });
}

function closeOrigin() {
  return new Promise((resolve) => {
    harness.child.once('message', resolve);
    harness.child.send('close-origin');
  });
}

// One request on a fresh connection with the raw path exactly as given (no URL normalization).
function send(base, { method = 'GET', path, headers = {}, body } = {}) {
  const { hostname, port, host } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path, headers: { host, ...headers }, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end(body);
  });
}

const pathOf = (signedUrl) => signedUrl.slice(new URL(signedUrl).origin.length);
const queryOf = (signedUrl) => signedUrl.slice(signedUrl.indexOf('?'));
const cookieHeader = (cookies) => Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
const withParam = (signedUrl, name, edit) => {
  const [path, query] = pathOf(signedUrl).split('?');
  const pairs = query.split('&').map((pair) => {
    const [key, value] = pair.split('=');
    return key === name ? `${key}=${edit(value)}` : pair;
  });
  return `${path}?${pairs.join('&')}`;
};
const withoutParam = (signedUrl, name) => {
  const [path, query] = pathOf(signedUrl).split('?');
  return `${path}?${query.split('&').filter((pair) => !pair.startsWith(`${name}=`)).join('&')}`;
};
// A different CloudFront-base64 character in the middle of the signature.
const flipOneCharacter = (value) => {
  const at = Math.floor(value.length / 2);
  return value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
};
const cloudFrontBase64 = (text) =>
  Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');

// Every file under dir, relative to it.
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

const S3RVER_CREDENTIALS = { region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const CAPTURE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'edge-test-'));
  // Stand-in origins for what s3rver cannot show: the exact forwarded request, and failures.
  const captureOrigin = await listen((req, res) => {
    captured.push({ method: req.method, url: req.url, headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/plain', 'x-origin-header': 'kept' });
    res.end('from the capture origin');
  });
  const droppingOrigin = await listen((req) => req.socket.destroy());
  const dyingOrigin = await listen((req, res) => {
    res.writeHead(200, { 'content-length': '100000' });
    res.write(Buffer.alloc(1000, 1), () => setTimeout(() => res.socket.destroy(), 50));
  });

  harness = await startHarness({
    root: ROOT,
    dataDir: join(dataDir, 'origin'),
    keyGroup: KEY_GROUP,
    appKeys: [
      { type: 'rsa', keyPairId: 'KRSA', privateKey: RSA_PRIVATE, publicKey: KEY_GROUP.KRSA },
      { type: 'ec', keyPairId: 'KEC', privateKey: EC_PRIVATE, publicKey: KEY_GROUP.KEC },
    ],
    edges: {
      main: {},
      small: { maxUploadBytes: SMALL_LIMIT },
      capture: { origin: { endpoint: captureOrigin, bucket: 'media', region: 'eu-west-3', ...CAPTURE_CREDENTIALS } },
      dropping: { origin: { endpoint: droppingOrigin, bucket: 'uploads', ...S3RVER_CREDENTIALS } },
      dying: { origin: { endpoint: dyingOrigin, bucket: 'uploads', ...S3RVER_CREDENTIALS } },
    },
  });
  Object.assign(bases, harness.bases);
  edgeBase = bases.main;
  smallEdgeBase = bases.small;
  rsa = new CloudFrontSigner({ keyPairId: 'KRSA', privateKey: RSA_PRIVATE });
  ec = new CloudFrontSigner({ keyPairId: 'KEC', privateKey: EC_PRIVATE });

  const seeded = await send(edgeBase, {
    method: 'PUT',
    path: pathOf(rsa.getSignedUrl({ url: `${edgeBase}/${FIXTURE_KEY}`, dateLessThan: IN_TEN_MINUTES() })),
    body: FIXTURE_BODY,
  });
  if (seeded.status !== 200) throw new Error(`seeding the fixture object failed: ${seeded.status} ${seeded.body}`);
});

afterAll(async () => {
  rsa?.dispose();
  ec?.dispose();
  if (harness && harness.child.exitCode === null) {
    const exited = new Promise((resolve) => harness.child.once('exit', resolve));
    harness.child.disconnect();
    await exited;
  }
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('signed URLs and cookies, checked the way CloudFront checks them', () => {
  const fixtureUrl = () => `${edgeBase}/${FIXTURE_KEY}`;
  const wildcardPolicy = (resource) => buildPolicy({ resource, dateLessThan: IN_TEN_MINUTES() });

  // [case, () => request, status, body]
  test.each([
    ['valid RSA SHA-1 canned URL', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() })) }), 200, FIXTURE_BODY],
    ['valid RSA SHA-256 URL', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES(), algorithm: 'SHA256' })) }), 200, FIXTURE_BODY],
    ['valid ECDSA URL', () => ({ path: pathOf(ec.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() })) }), 200, FIXTURE_BODY],
    ['valid ECDSA SHA-256 custom-policy URL', () => ({ path: pathOf(ec.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES(), dateGreaterThan: Date.now() - 60_000, algorithm: 'SHA256' })) }), 200, FIXTURE_BODY],
    ['tampered signature', () => ({ path: withParam(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }), 'Signature', flipOneCharacter) }), 403, ACCESS_DENIED],
    ['tampered ECDSA signature', () => ({ path: withParam(ec.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }), 'Signature', flipOneCharacter) }), 403, ACCESS_DENIED],
    ['tampered Expires', () => ({ path: withParam(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }), 'Expires', (value) => String(Number(value) + 3600)) }), 403, ACCESS_DENIED],
    ['changed path', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() })).replace('fixture.txt', 'other.txt') }), 403, ACCESS_DENIED],
    ['query parameter added', () => ({ path: `${pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }))}&download=1` }), 403, ACCESS_DENIED],
    ['expired', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: Date.now() - 60_000 })) }), 403, ACCESS_DENIED],
    ['not yet valid', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateGreaterThan: Date.now() + 3_600_000, dateLessThan: Date.now() + 7_200_000 })) }), 403, ACCESS_DENIED],
    ['wrong viewer IP (10.1.2.3, viewer is 127.0.0.1)', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES(), ipAddress: '10.1.2.3' })) }), 403, ACCESS_DENIED],
    ['right viewer IP (127.0.0.1/32)', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES(), ipAddress: '127.0.0.1/32' })) }), 200, FIXTURE_BODY],
    ['unknown key id', () => ({ path: pathOf(new CloudFrontSigner({ keyPairId: 'KNOTINGROUP', privateKey: RSA_PRIVATE }).getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() })) }), 403, UNKNOWN_KEY],
    ['missing Key-Pair-Id', () => ({ path: withoutParam(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }), 'Key-Pair-Id') }), 403, MISSING_KEY],
    ['signing parameters stripped entirely, no cookies', () => ({ path: `/${FIXTURE_KEY}` }), 403, MISSING_KEY],
    ['signed cookies only (custom policy for /uploads/*)', () => ({
      path: `/${FIXTURE_KEY}`,
      headers: { cookie: `theme=dark; ${cookieHeader(getSignedCookies({ url: fixtureUrl(), keyPairId: 'KRSA', privateKey: RSA_PRIVATE, policy: wildcardPolicy(`${edgeBase}/uploads/*`) }))}` },
    }), 200, FIXTURE_BODY],
    ['signed cookies whose policy does not cover the URL', () => ({
      path: `/${FIXTURE_KEY}`,
      headers: { cookie: cookieHeader(getSignedCookies({ url: `${edgeBase}/private/a`, keyPairId: 'KEC', privateKey: EC_PRIVATE, policy: wildcardPolicy(`${edgeBase}/private/*`) })) },
    }), 403, ACCESS_DENIED],
    ['URL parameters take precedence over valid cookies', () => ({
      path: withParam(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }), 'Signature', flipOneCharacter),
      headers: { cookie: cookieHeader(getSignedCookies({ url: fixtureUrl(), keyPairId: 'KRSA', privateKey: RSA_PRIVATE, policy: wildcardPolicy(`${edgeBase}/uploads/*`) })) },
    }), 403, ACCESS_DENIED],
    ['wildcard policy /uploads/* allows /uploads/...', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), policy: wildcardPolicy(`${edgeBase}/uploads/*`) })) }), 200, FIXTURE_BODY],
    ['wildcard policy /uploads/* refuses /private/a', () => ({ path: `/private/a${queryOf(rsa.getSignedUrl({ url: fixtureUrl(), policy: wildcardPolicy(`${edgeBase}/uploads/*`) }))}` }), 403, ACCESS_DENIED],
    ['? wildcard matches exactly one character', () => ({ path: pathOf(rsa.getSignedUrl({ url: fixtureUrl(), policy: wildcardPolicy(`${edgeBase}/uploads/fixture.tx?`) })) }), 200, FIXTURE_BODY],
    ['? wildcard refuses two characters', () => ({ path: `/uploads/fixture.txtx${queryOf(rsa.getSignedUrl({ url: fixtureUrl(), policy: wildcardPolicy(`${edgeBase}/uploads/fixture.tx?`) }))}` }), 403, ACCESS_DENIED],
    ['malformed policy (not JSON)', () => ({ path: `/${FIXTURE_KEY}?Policy=${cloudFrontBase64('not json')}&Signature=AAAA&Key-Pair-Id=KRSA` }), 403, MALFORMED_POLICY],
    ['both Expires and Policy', () => ({ path: `${pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }))}&Policy=${cloudFrontBase64('{}')}` }), 403, MALFORMED_POLICY],
    ['unknown Hash-Algorithm', () => ({ path: `${pathOf(rsa.getSignedUrl({ url: fixtureUrl(), dateLessThan: IN_TEN_MINUTES() }))}&Hash-Algorithm=MD5` }), 403, MALFORMED_POLICY],
  ])('%s', async (_name, request, status, body) => {
    const response = await send(edgeBase, request());
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status, body });
    if (status !== 200) expect(response.headers['content-type']).toBe('text/xml');
  });

  test('HEAD with a valid URL gets the headers and no body', async () => {
    const response = await send(edgeBase, {
      method: 'HEAD',
      path: pathOf(rsa.getSignedUrl({ url: `${edgeBase}/${FIXTURE_KEY}`, dateLessThan: IN_TEN_MINUTES() })),
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(FIXTURE_BODY)));
    expect(response.headers.etag).toBe(`"${crypto.createHash('md5').update(FIXTURE_BODY).digest('hex')}"`);
    expect(response.body.length).toBe(0);
  });
});

describe('uploads and downloads through the edge', () => {
  test('a valid PUT then GET returns identical bytes, stored under the right key with an MD5 ETag', async () => {
    const bytes = crypto.randomBytes(300 * 1024 + 7);
    const md5 = crypto.createHash('md5').update(bytes).digest('hex');
    const url = `${edgeBase}/uploads/random%20bytes.bin`;

    const put = await send(edgeBase, {
      method: 'PUT',
      path: pathOf(ec.getSignedUrl({ url, dateLessThan: IN_TEN_MINUTES(), algorithm: 'SHA256' })),
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect({ status: put.status, etag: put.headers.etag }).toEqual({ status: 200, etag: `"${md5}"` });

    const get = await send(edgeBase, { path: pathOf(rsa.getSignedUrl({ url, dateLessThan: IN_TEN_MINUTES() })) });
    expect(get.status).toBe(200);
    expect(get.headers.etag).toBe(`"${md5}"`);
    expect(get.headers['content-type']).toBe('application/octet-stream');
    expect(get.body.equals(bytes)).toBe(true);

    // On disk: bucket "uploads", key "uploads/random bytes.bin"; no signing parameter anywhere.
    const bucketDir = join(dataDir, 'origin', 'uploads');
    expect(filesUnder(bucketDir).filter((file) => file.includes('random'))).toEqual([
      'uploads/random bytes.bin._S3rver_metadata.json',
      'uploads/random bytes.bin._S3rver_object',
      'uploads/random bytes.bin._S3rver_object.md5',
    ]);
    expect(readFileSync(join(bucketDir, 'uploads', 'random bytes.bin._S3rver_object')).equals(bytes)).toBe(true);
    expect(readFileSync(join(bucketDir, 'uploads', 'random bytes.bin._S3rver_object.md5'), 'utf8')).toBe(md5);
  });

  test('the origin gets a path-style, SigV4-signed request with only the allow-listed parameters and headers', async () => {
    const captureEdgeBase = bases.capture;
    const credentials = CAPTURE_CREDENTIALS;
    // Upload parameters spelled with escapes in their names, beside parameters that would
    // change what the origin does (a copy, a response header override, a subresource).
    const signedUrl = rsa.getSignedUrl({
      url: `${captureEdgeBase}/photos/a%20b%2Bc.jpg?b=2&a=1&x-amz-copy-source=%2Fmedia%2Fsecret&response-content-type=text%2Fhtml&tagging=&part%4Eumber=7&upload%49d=abc123`,
      dateLessThan: IN_TEN_MINUTES(),
      algorithm: 'SHA256',
    });

    const response = await send(captureEdgeBase, {
      method: 'PUT',
      path: pathOf(signedUrl),
      headers: {
        cookie: 'session=secret', authorization: 'Bearer viewer-token', 'x-custom': 'dropped', origin: 'http://page.example',
        'content-type': 'image/jpeg', 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==', 'cache-control': 'max-age=60',
        'x-amz-copy-source': '/media/secret', 'x-amz-meta-note': 'dropped', 'x-amz-website-redirect-location': 'https://evil.example/',
        'x-amz-acl': 'public-read',
      },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('from the capture origin');
    expect(response.headers['x-origin-header']).toBe('kept');
    expect(response.headers['access-control-allow-origin']).toBe('http://page.example');

    expect(captured).toHaveLength(1);
    const [{ method, url, headers }] = captured;
    expect(method).toBe('PUT');
    // Bucket first, the viewer's path encoding kept byte for byte; of the query only the
    // upload parameters, decoded as the origin decodes them, checked and written canonically.
    expect(url).toBe('/media/photos/a%20b%2Bc.jpg?uploadId=abc123&partNumber=7');
    expect(headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(headers.host).not.toBe(new URL(captureEdgeBase).host);
    const viewerHeadersSeen = Object.keys(headers).filter((name) => !['host', 'authorization', 'x-amz-date', 'x-amz-content-sha256', 'connection'].includes(name)).sort();
    expect(viewerHeadersSeen).toEqual(['cache-control', 'content-length', 'content-md5', 'content-type']);
    expect(headers['content-type']).toBe('image/jpeg');
    expect(headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );

    // The origin can check that signature: recompute it from what arrived on the wire.
    const signedHeaderNames = headers.authorization.match(/SignedHeaders=([^,]+)/)[1].split(';');
    expect(signedHeaderNames).toEqual(['content-length', 'content-md5', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date']);
    const [wirePath, wireQuery] = url.split('?');
    const query = {};
    for (const pair of wireQuery.split('&')) {
      const [name, value = ''] = pair.split('=');
      query[decodeURIComponent(name)] = decodeURIComponent(value);
    }
    const amzDate = headers['x-amz-date'];
    const resigned = await new SignatureV4({
      service: 's3',
      region: 'eu-west-3',
      credentials,
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: false,
    }).sign(
      { method, protocol: 'http:', hostname: '127.0.0.1', path: wirePath, query, headers: Object.fromEntries(signedHeaderNames.map((name) => [name, headers[name]])) },
      { signingDate: new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13)}`) },
    );
    expect(resigned.headers.authorization).toBe(headers.authorization);
  });
});

describe('keys that would leave the bucket', () => {
  const wildcardQuery = () =>
    queryOf(rsa.getSignedUrl({ url: `${edgeBase}/uploads/x`, policy: buildPolicy({ resource: `${edgeBase}/uploads/*`, dateLessThan: IN_TEN_MINUTES() }) }));

  test.each([
    ['/uploads/..%2F..%2Fetc'],
    ['/uploads/%2e%2e/x'],
    ['/uploads/%2E%2E/%2E%2E/x'],
    ['/uploads/../../x'],
    ['/uploads/a%5C..%5C..%5Cx'],
    ['/uploads/a%00b'],
    ['/uploads/.'],
    ['/'],
  ])('PUT %s with a valid /uploads/* signature is refused with 400 and writes nothing', async (path) => {
    const before = filesUnder(dataDir);
    const response = await send(edgeBase, { method: 'PUT', path: `${path}${wildcardQuery()}`, body: 'escaped!' });
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 400, body: BAD_PATH });
    expect(filesUnder(dataDir)).toEqual(before);
    expect(existsSync(join(dataDir, 'etc._S3rver_object'))).toBe(false);
    expect(existsSync(join(dataDir, 'origin', 'x._S3rver_object'))).toBe(false);
  });

  test('a multipart uploadId that climbs out of the bucket is refused with 400', async () => {
    const before = filesUnder(dataDir);
    const response = await send(edgeBase, {
      method: 'PUT',
      path: `/uploads/x${wildcardQuery()}&partNumber=1&uploadId=..%2F..%2F..%2Fescaped`,
      body: 'escaped!',
    });
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 400, body: BAD_UPLOAD_ID });
    expect(filesUnder(dataDir)).toEqual(before);
  });
});

describe('upload size limit', () => {
  const signedPut = (key) => pathOf(rsa.getSignedUrl({ url: `${smallEdgeBase}/uploads/${key}`, dateLessThan: IN_TEN_MINUTES() }));

  test('a declared Content-Length over the limit gets 413 before any body is sent', async () => {
    const { hostname, port } = new URL(smallEdgeBase);
    const response = await new Promise((resolve, reject) => {
      const req = http.request({ hostname, port, method: 'PUT', path: signedPut('too-big.bin'), headers: { 'content-length': String(SMALL_LIMIT + 1) }, agent: false });
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode, connection: res.headers.connection, body: Buffer.concat(chunks).toString() });
        });
      });
      req.flushHeaders(); // headers only: the edge must answer without waiting for the body
    });
    expect(response).toEqual({ status: 413, connection: 'close', body: TOO_LARGE });
  });

  test('a chunked body that grows past the limit gets 413 and stores nothing', async () => {
    const response = await send(smallEdgeBase, {
      method: 'PUT',
      path: signedPut('chunked-too-big.bin'),
      headers: { 'transfer-encoding': 'chunked' },
      body: crypto.randomBytes(SMALL_LIMIT * 4),
    }).catch((error) => ({ status: `connection error ${error.code}`, body: '' }));
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 413, body: TOO_LARGE });
    const get = await send(edgeBase, { path: pathOf(rsa.getSignedUrl({ url: `${edgeBase}/uploads/chunked-too-big.bin`, dateLessThan: IN_TEN_MINUTES() })) });
    expect(get.status).toBe(404);
  });

  test('a body of exactly the limit is accepted', async () => {
    const response = await send(smallEdgeBase, { method: 'PUT', path: signedPut('exactly-at-limit.bin'), body: Buffer.alloc(SMALL_LIMIT, 7) });
    expect(response.status).toBe(200);
  });
});

describe('CORS', () => {
  test('the edge answers a preflight itself, without a signature', async () => {
    const response = await send(edgeBase, {
      method: 'OPTIONS',
      path: '/uploads/anything.bin',
      headers: { origin: 'http://page.example', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-amz-meta-note' },
    });
    expect(response.status).toBe(204);
    expect(response.body.toString()).toBe('');
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'http://page.example',
      'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, PATCH',
      // What the origin request policy forwards, whatever the page asks for.
      'access-control-allow-headers': 'cache-control, content-encoding, content-language, content-md5, content-type, expires, if-match, if-modified-since, if-none-match, if-unmodified-since, range',
      'access-control-expose-headers': 'ETag, Content-Length',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
  });

  test('other responses, refusals included, echo the Origin and vary on it', async () => {
    const refused = await send(edgeBase, { path: `/${FIXTURE_KEY}`, headers: { origin: 'http://page.example' } });
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBe('http://page.example');
    expect(refused.headers.vary).toBe('Origin');

    const served = await send(edgeBase, {
      path: pathOf(rsa.getSignedUrl({ url: `${edgeBase}/${FIXTURE_KEY}`, dateLessThan: IN_TEN_MINUTES() })),
      headers: { origin: 'http://other.example' },
    });
    expect(served.status).toBe(200);
    expect(served.headers['access-control-allow-origin']).toBe('http://other.example');
    expect(served.headers['access-control-expose-headers']).toBe('ETag, Content-Length');
    expect(served.headers.vary).toBe('Origin');
  });
});

describe('requests the edge refuses before looking at signatures', () => {
  test('a method CloudFront does not forward gets 405', async () => {
    const response = await send(edgeBase, { method: 'PROPFIND', path: `/${FIXTURE_KEY}` });
    expect({ status: response.status, body: response.body.toString() }).toEqual({
      status: 405,
      body: xml('MethodNotAllowed', 'The specified method is not allowed against this resource.'),
    });
  });

  test('a Host header that would smuggle a path into the verified URL gets 400', async () => {
    const signed = rsa.getSignedUrl({ url: `${edgeBase}/${FIXTURE_KEY}`, dateLessThan: IN_TEN_MINUTES() });
    const response = await send(edgeBase, { path: `/private/secret${queryOf(signed)}`, headers: { host: `${new URL(edgeBase).host}/${FIXTURE_KEY}?` } });
    expect({ status: response.status, body: response.body.toString() }).toEqual({
      status: 400,
      body: xml('InvalidURI', 'The Host header is missing or invalid.'),
    });
  });
});

describe('origin failures are never a success', () => {
  const signedFor = (base) => pathOf(rsa.getSignedUrl({ url: `${base}/uploads/a.bin`, dateLessThan: IN_TEN_MINUTES() }));

  test('an origin that drops the connection before answering gives 502', async () => {
    const response = await send(bases.dropping, { path: signedFor(bases.dropping) });
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 502, body: BAD_GATEWAY });
  });

  test('an origin that dies mid-body leaves the viewer with a broken response, not a short success', async () => {
    await expect(send(bases.dying, { path: signedFor(bases.dying) })).rejects.toThrow(CLIENT_ERROR_CODES);
  });

  test('with the s3rver origin closed, a valid request gets 502', async () => {
    await closeOrigin();
    const response = await send(edgeBase, {
      path: pathOf(rsa.getSignedUrl({ url: `${edgeBase}/${FIXTURE_KEY}`, dateLessThan: IN_TEN_MINUTES() })),
    });
    expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 502, body: BAD_GATEWAY });
  });
});
