// The CloudFront-like edge in front of a real s3rver origin: signed URLs and
// cookies are checked the way CloudFront checks them, refusals carry CloudFront's
// exact bodies, and what passes reaches the origin SigV4-signed, without its
// signing parameters and without escaping the bucket.
const crypto = require('node:crypto');
const http = require('node:http');
const { spawn } = require('node:child_process');
const net = require('node:net');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative, sep } = require('node:path');
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
process.send({ bases, app: appBase(), origin: { endpoint: origin.endpoint, backendSocket: origin.backendSocket, accessKeyId: origin.accessKeyId, secretAccessKey: origin.secretAccessKey } });
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
    ['a lone Hash-Algorithm parameter leaves signed cookies in charge', () => ({
      path: `/${FIXTURE_KEY}?Hash-Algorithm=SHA256`,
      headers: { cookie: cookieHeader(getSignedCookies({ url: fixtureUrl(), keyPairId: 'KRSA', privateKey: RSA_PRIVATE, algorithm: 'SHA256', policy: wildcardPolicy(`${edgeBase}/uploads/*`) })) },
    }), 200, FIXTURE_BODY],
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

describe('adversarial: what an attacker or a careless client sends', () => {
  const IN_AN_HOUR = () => Date.now() + 3_600_000;
  const signedPath = (base, key, signer = rsa) => pathOf(signer.getSignedUrl({ url: `${base}/${key}`, dateLessThan: IN_AN_HOUR() }));
  const wildcardQuery = (base = edgeBase) =>
    queryOf(rsa.getSignedUrl({ url: `${base}/uploads/x`, policy: buildPolicy({ resource: `${base}/uploads/*`, dateLessThan: IN_AN_HOUR() }) }));
  const md5Hex = (bytes) => crypto.createHash('md5').update(bytes).digest('hex');
  const md5Base64 = (bytes) => crypto.createHash('md5').update(bytes).digest('base64');
  const put = (key, body, headers = {}, base = edgeBase) => send(base, { method: 'PUT', path: signedPath(base, key), headers, body });
  const get = (key, headers = {}) => send(edgeBase, { path: signedPath(edgeBase, key), headers });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Writes raw bytes on one connection and collects what comes back until the server
  // closes it or `waitMs` passes; `cut` destroys the socket right after the bytes are out.
  function rawExchange(base, bytes, { cut = false, waitMs = 2000 } = {}) {
    const { hostname, port } = new URL(base);
    return new Promise((resolve) => {
      const socket = net.connect(Number(port), hostname);
      const chunks = [];
      const done = () => {
        clearTimeout(timer);
        socket.destroy();
        resolve(Buffer.concat(chunks).toString('latin1'));
      };
      const timer = setTimeout(done, waitMs);
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('close', done);
      socket.on('error', done);
      socket.write(bytes, () => {
        if (cut) setTimeout(done, 50);
      });
    });
  }
  const requestHead = (method, path, headers) =>
    `${method} ${path} HTTP/1.1\r\nHost: ${new URL(edgeBase).host}\r\n${Object.entries(headers).map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;

  describe('encoded parameter names', () => {
    test.each([
      ['upload%49d, a literal partNumber', 'upload%49d=..%2F..%2F..%2Fescaped&partNumber=1'],
      ['a literal uploadId, part%4Eumber', 'uploadId=..%2F..%2F..%2Fescaped&part%4Eumber=1'],
      ['both names fully escaped', '%75%70%6C%6F%61%64%49%64=..%2F..%2F..%2Fescaped&%70%61%72%74%4E%75%6D%62%65%72=1'],
    ])('%s: an uploadId that climbs out of the bucket gets 400 and writes nothing', async (_name, parameters) => {
      const before = filesUnder(dataDir);
      const response = await send(edgeBase, { method: 'PUT', path: `/uploads/x${wildcardQuery()}&${parameters}`, body: 'escaped!' });
      expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 400, body: BAD_UPLOAD_ID });
      expect(filesUnder(dataDir)).toEqual(before);
    });

    test('part%4Eumber with a file name for a value gets 400', async () => {
      const before = filesUnder(dataDir);
      const response = await send(edgeBase, {
        method: 'PUT', path: `/uploads/x${wildcardQuery()}&uploadId=0123456789abcdef0123456789abcdef&part%4Eumber=..%2F..%2Fkey`, body: 'x',
      });
      expect({ status: response.status, body: response.body.toString() }).toEqual({
        status: 400, body: xml('InvalidURI', 'The partNumber parameter must be a whole number from 1 to 10000.'),
      });
      expect(filesUnder(dataDir)).toEqual(before);
    });

    test('a multipart upload "completed" in a folder outside the bucket cannot delete that folder', async () => {
      // s3rver reads <upload dir>/key and /metadata, joins the parts, then deletes the upload dir.
      const victim = join(dataDir, 'victim');
      mkdirSync(victim);
      writeFileSync(join(victim, 'precious'), 'keep me');
      const upload = '..%2F..%2F..%2Fvictim';
      const statuses = [];
      for (const [part, body] of [['key', 'uploads/planted'], ['metadata', '{}'], ['NaN', 'planted bytes']]) {
        const response = await send(edgeBase, { method: 'PUT', path: `/uploads/x${wildcardQuery()}&upload%49d=${upload}&part%4Eumber=${part}`, body });
        statuses.push(response.status);
      }
      const complete = await send(edgeBase, {
        method: 'POST',
        path: `/uploads/x${wildcardQuery()}&upload%49d=${upload}`,
        body: '<CompleteMultipartUpload><Part><PartNumber>NaN</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
      });
      statuses.push(complete.status);
      expect(statuses).toEqual([400, 400, 400, 400]);
      expect(readdirSync(victim)).toEqual(['precious']);
      expect(readFileSync(join(victim, 'precious'), 'utf8')).toBe('keep me');
    });
  });

  describe('multipart uploads through the edge', () => {
    const multipartQuery = (key) =>
      queryOf(rsa.getSignedUrl({ url: `${edgeBase}/${key}`, policy: buildPolicy({ resource: `${edgeBase}/${key}*`, dateLessThan: IN_AN_HOUR() }) }));
    const initiate = async (key) => {
      const response = await send(edgeBase, { method: 'POST', path: `/${key}${multipartQuery(key)}&uploads` });
      expect(response.status).toBe(200);
      return /<UploadId>([0-9a-f]+)<\/UploadId>/.exec(response.body.toString())[1];
    };
    const completeXml = (etags) =>
      `<CompleteMultipartUpload>${etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;

    test('create, two parts, complete: the object is the parts joined, and <Location> names the edge, not the origin', async () => {
      const key = 'uploads/multi part.bin';
      const escapedKey = 'uploads/multi%20part.bin';
      const parts = [crypto.randomBytes(70_000), crypto.randomBytes(1234)];
      const uploadId = await initiate(escapedKey);
      const etags = [];
      for (const [i, part] of parts.entries()) {
        const response = await send(edgeBase, {
          method: 'PUT', path: `/${escapedKey}${multipartQuery(escapedKey)}&partNumber=${i + 1}&uploadId=${uploadId}`,
          headers: { 'content-md5': md5Base64(part) }, body: part,
        });
        expect({ status: response.status, etag: response.headers.etag }).toEqual({ status: 200, etag: `"${md5Hex(part)}"` });
        etags.push(response.headers.etag);
      }
      const complete = await send(edgeBase, { method: 'POST', path: `/${escapedKey}${multipartQuery(escapedKey)}&uploadId=${uploadId}`, body: completeXml(etags) });
      const text = complete.body.toString();
      expect(complete.status).toBe(200);
      expect(/<Location>([^<]*)<\/Location>/.exec(text)[1]).toBe(`${edgeBase}/${escapedKey}`);
      const originPort = new URL(harness.origin.endpoint).port;
      expect(text).not.toContain(originPort);
      expect(Object.values(complete.headers).filter((value) => String(value).includes(`:${originPort}`))).toEqual([]);
      expect(Number(complete.headers['content-length'])).toBe(complete.body.length);

      const whole = Buffer.concat(parts);
      const back = await get(escapedKey);
      expect({ status: back.status, etag: back.headers.etag, same: back.body.equals(whole) }).toEqual({ status: 200, etag: `"${md5Hex(whole)}"`, same: true });
      expect(key).toBe(decodeURIComponent(escapedKey));
    });

    test('an uploadId completed under another key gets 404 NoSuchUpload and stores nothing there', async () => {
      const uploadId = await initiate('uploads/mp-a.bin');
      const part = Buffer.from('part of a');
      const partResponse = await send(edgeBase, { method: 'PUT', path: `/uploads/mp-a.bin${multipartQuery('uploads/mp-a.bin')}&partNumber=1&uploadId=${uploadId}`, body: part });
      expect(partResponse.status).toBe(200);
      const complete = await send(edgeBase, {
        method: 'POST', path: `/uploads/mp-b.bin${multipartQuery('uploads/mp-b.bin')}&uploadId=${uploadId}`, body: completeXml([partResponse.headers.etag]),
      });
      expect(complete.status).toBe(404);
      expect(complete.body.toString()).toContain('<Code>NoSuchUpload</Code>');
      expect((await get('uploads/mp-a.bin')).status).toBe(404);
      expect((await get('uploads/mp-b.bin')).status).toBe(404);
    });
  });

  describe('aborted and cut-off bodies leave the previous object exactly as it was', () => {
    test('a PUT that declares 1 MB and is cut off after 300 KB stores nothing', async () => {
      const key = 'uploads/cut-off.bin';
      await rawExchange(edgeBase, Buffer.concat([
        Buffer.from(requestHead('PUT', signedPath(edgeBase, key), { 'Content-Length': 1024 * 1024 })),
        crypto.randomBytes(300 * 1024),
      ]), { cut: true });
      await sleep(500);
      expect((await get(key)).status).toBe(404);
    });

    test('an aborted overwrite keeps the good object, bytes and ETag', async () => {
      const key = 'uploads/overwritten.bin';
      const good = crypto.randomBytes(200 * 1024);
      expect((await put(key, good)).status).toBe(200);
      await rawExchange(edgeBase, Buffer.concat([
        Buffer.from(requestHead('PUT', signedPath(edgeBase, key), { 'Content-Length': 1024 * 1024 })),
        crypto.randomBytes(300 * 1024),
      ]), { cut: true });
      await sleep(500);
      const back = await get(key);
      expect({ status: back.status, etag: back.headers.etag, same: back.body.equals(good) }).toEqual({ status: 200, etag: `"${md5Hex(good)}"`, same: true });
    });

    test('a chunked body over the limit gets 413, and an object already there stays whole', async () => {
      const key = 'uploads/chunked-over.bin';
      const good = Buffer.from('the good version');
      expect((await put(key, good)).status).toBe(200);
      // In small chunks, so that the first ones pass the limit check and reach the origin.
      const { hostname, port } = new URL(smallEdgeBase);
      const response = await new Promise((resolve) => {
        const req = http.request({ hostname, port, method: 'PUT', path: signedPath(smallEdgeBase, key), headers: { 'transfer-encoding': 'chunked' }, agent: false });
        req.on('error', (error) => resolve({ status: `connection error ${error.code}`, body: '' }));
        req.on('response', (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
          res.on('error', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        });
        (async () => {
          for (let sent = 0; sent < SMALL_LIMIT * 4 && !req.destroyed; sent += 200) {
            req.write(crypto.randomBytes(200));
            await sleep(10);
          }
          req.end();
        })();
      });
      expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 413, body: TOO_LARGE });
      await sleep(300);
      const back = await get(key);
      expect({ status: back.status, body: back.body.toString() }).toEqual({ status: 200, body: good.toString() });
    });

    test('a valid PUT followed by pipelined garbage never leaves an empty or partial object', async () => {
      for (const [key, previous] of [['uploads/pipelined-new.bin', null], ['uploads/pipelined-old.bin', Buffer.from('previous bytes')]]) {
        if (previous) expect((await put(key, previous)).status).toBe(200);
        const body = Buffer.from(`new bytes for ${key}`);
        const answer = await rawExchange(edgeBase, Buffer.concat([
          Buffer.from(requestHead('PUT', signedPath(edgeBase, key), { 'Content-Length': body.length })),
          body,
          Buffer.from('GARBAGE \x00\x01 NOT HTTP\r\n\r\n'),
        ]));
        expect(answer).toMatch(/^HTTP\/1\.1 (200|400)/);
        await sleep(300);
        const back = await get(key);
        const acceptable = [body, previous].filter(Boolean).map((bytes) => ({ status: 200, etag: `"${md5Hex(bytes)}"`, bytes: bytes.length }));
        if (!previous) acceptable.push({ status: 404 });
        const seen = back.status === 200 ? { status: 200, etag: back.headers.etag, bytes: back.body.length } : { status: back.status };
        expect(acceptable).toContainEqual(seen);
        if (back.status === 200) expect(md5Hex(back.body)).toBe(back.headers.etag.slice(1, -1));
        // A 200 to the viewer means the whole body was stored.
        if (answer.startsWith('HTTP/1.1 200')) expect(back.body.equals(body)).toBe(true);
      }
    });
  });

  describe('Content-MD5 is checked', () => {
    test.each([
      ['a digest of other bytes', md5Base64('other bytes'), 400, 'BadDigest'],
      ['a digest that is not base64 of 16 bytes', 'bm90IGFuIG1kNQ==', 400, 'InvalidDigest'],
      ['the right digest', null, 200, null],
    ])('%s', async (_name, digest, status, code) => {
      const key = `uploads/md5-${status}-${code}.bin`;
      const previous = Buffer.from('the previous object');
      expect((await put(key, previous)).status).toBe(200);
      const body = crypto.randomBytes(10_000);
      const response = await put(key, body, { 'content-md5': digest ?? md5Base64(body) });
      expect(response.status).toBe(status);
      if (code) expect(response.body.toString()).toContain(`<Code>${code}</Code>`);
      const back = await get(key);
      expect(back.body.equals(code ? previous : body)).toBe(true);
    });
  });

  test('concurrent PUTs to one key, several rounds: the last writer wins whole, ETag = MD5 of the stored bytes, readers see whole objects', async () => {
    const key = 'uploads/contended.bin';
    const ROUNDS = 3;
    const WRITERS = 4;
    let previous = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      const bodies = Array.from({ length: WRITERS }, () => crypto.randomBytes(4 * 1024 * 1024));
      const writes = bodies.map((body) => put(key, body));
      const reads = Array.from({ length: WRITERS }, (_, i) => sleep(20 * i).then(() => get(key)));
      const [written, read] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
      written.forEach((response, i) => expect({ status: response.status, etag: response.headers.etag }).toEqual({ status: 200, etag: `"${md5Hex(bodies[i])}"` }));

      const whole = [...bodies, previous].filter(Boolean);
      for (const response of read) {
        if (response.status === 404 && previous === null) continue;
        expect(response.status).toBe(200);
        expect(whole.some((body) => body.equals(response.body))).toBe(true);
        expect(response.headers.etag).toBe(`"${md5Hex(response.body)}"`);
      }
      const stored = await get(key);
      expect(stored.status).toBe(200);
      const winner = bodies.findIndex((body) => body.equals(stored.body));
      expect(winner).not.toBe(-1);
      expect(stored.headers.etag).toBe(`"${md5Hex(stored.body)}"`);
      previous = stored.body;
    }
  });

  describe('copy headers and other x-amz-* never reach the origin from a viewer', () => {
    const SECRET = 'the secret object';
    beforeAll(async () => {
      expect((await put('uploads/secret/keys.txt', SECRET)).status).toBe(200);
    });

    test('PUT mine.txt with x-amz-copy-source stores the body sent, not a copy of the secret', async () => {
      const response = await put('uploads/mine.txt', 'mine', { 'x-amz-copy-source': '/uploads/uploads/secret/keys.txt', 'x-amz-metadata-directive': 'COPY' });
      expect(response.status).toBe(200);
      expect(response.body.toString()).not.toContain('CopyObjectResult');
      expect((await get('uploads/mine.txt')).body.toString()).toBe('mine');
    });

    test('x-amz-copy-source as a signed query parameter is not forwarded either', async () => {
      const path = pathOf(rsa.getSignedUrl({ url: `${edgeBase}/uploads/mine2.txt?x-amz-copy-source=%2Fuploads%2Fuploads%2Fsecret%2Fkeys.txt`, dateLessThan: IN_AN_HOUR() }));
      const response = await send(edgeBase, { method: 'PUT', path, body: 'mine too' });
      expect(response.status).toBe(200);
      expect((await get('uploads/mine2.txt')).body.toString()).toBe('mine too');
    });

    test('x-amz-website-redirect-location and x-amz-meta-* are not stored', async () => {
      expect((await put('uploads/meta.txt', 'm', { 'x-amz-website-redirect-location': 'https://evil.example/', 'x-amz-meta-owner': 'mallory' })).status).toBe(200);
      const back = await get('uploads/meta.txt');
      expect(back.headers['x-amz-website-redirect-location']).toBeUndefined();
      expect(back.headers['x-amz-meta-owner']).toBeUndefined();
    });
  });

  describe('/_api/* answers only for the stack\'s own host names', () => {
    const appRequest = (host, method = 'GET', path = '/_api/config', body) =>
      send(harness.app, { method, path, headers: { host, 'content-type': 'application/json' }, body });

    test.each([
      ['evil.example', 'GET', '/_api/config'],
      ['rebind.evil.example:PORT', 'GET', '/_api/config'],
      ['127.0.0.1', 'GET', '/_api/config'],
      ['127.0.0.1:1', 'GET', '/_api/config'],
      ['evil.example:PORT', 'POST', '/_api/sign'],
      ['evil.example:PORT', 'GET', '/_api/nothing-here'],
    ])('Host %s: %s %s gets 421 and no key', async (host, method, path) => {
      const port = new URL(harness.app).port;
      const response = await appRequest(host.replace('PORT', port), method, path, method === 'POST' ? JSON.stringify({ objectKey: 'uploads/a' }) : undefined);
      expect(response.status).toBe(421);
      expect(JSON.parse(response.body.toString()).error.code).toBe('MISDIRECTED');
      expect(response.body.toString()).not.toMatch(/PRIVATE KEY|Signature=/);
    });

    test.each([['127.0.0.1'], ['localhost'], ['[::1]']])('Host %s with the port gets the config', async (name) => {
      const response = await appRequest(`${name}:${new URL(harness.app).port}`);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body.toString()).keys.map((key) => key.keyPairId).sort()).toEqual(['KEC', 'KRSA']);
    });
  });

  describe('the origin lets in only what the edge signed', () => {
    const originUrl = (key) => `${harness.origin.endpoint}/uploads/${key}`;
    const direct = (key, init = {}) => fetch(originUrl(key), init).then(async (response) => ({ status: response.status, body: await response.text() }));

    test.each([
      ['GET without credentials', () => direct(FIXTURE_KEY), 403, 'AccessDenied'],
      ['PUT without credentials', () => direct(FIXTURE_KEY, { method: 'PUT', body: 'overwritten' }), 403, 'AccessDenied'],
      ['DELETE without credentials', () => direct(FIXTURE_KEY, { method: 'DELETE' }), 403, 'AccessDenied'],
      ['PUT signed with s3rver\'s well-known key pair', async () => {
        const signed = await new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, sha256: Hash.bind(null, 'sha256'), uriEscapePath: false })
          .sign({ method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', path: `/uploads/${FIXTURE_KEY}`, headers: { host: new URL(harness.origin.endpoint).host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
        return direct(FIXTURE_KEY, { method: 'PUT', headers: signed.headers, body: 'overwritten' });
      }, 403, 'InvalidAccessKeyId'],
      ['GET with presigned-looking query parameters', () => direct(`${FIXTURE_KEY}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=S3RVER%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=00`), 403, 'AccessDenied'],
      ['GET with a V2 Authorization header', () => direct(FIXTURE_KEY, { headers: { authorization: 'AWS S3RVER:c2lnbmF0dXJl' } }), 400, 'AuthorizationHeaderMalformed'],
    ])('%s is refused', async (_name, request, status, code) => {
      const response = await request();
      expect(response.status).toBe(status);
      expect(response.body).toContain(`<Code>${code}</Code>`);
      expect(response.body).not.toContain(FIXTURE_BODY);
      const back = await get(FIXTURE_KEY);
      expect({ status: back.status, body: back.body.toString() }).toEqual({ status: 200, body: FIXTURE_BODY });
    });

    // Signed as the edge signs, with the origin's own key pair (the edge's secret).
    const signedDirect = async ({ method = 'GET', key = FIXTURE_KEY, headers = {}, body, signingDate = new Date(), edit = (signed) => signed }) => {
      const { host } = new URL(harness.origin.endpoint);
      const signed = await new SignatureV4({
        service: 's3', region: 'us-east-1', sha256: Hash.bind(null, 'sha256'), uriEscapePath: false,
        credentials: { accessKeyId: harness.origin.accessKeyId, secretAccessKey: harness.origin.secretAccessKey },
      }).sign({ method, protocol: 'http:', hostname: '127.0.0.1', path: `/uploads/${key}`, headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers } }, { signingDate });
      const { path, headers: sent } = edit({ path: `/uploads/${key}`, headers: signed.headers });
      return send(harness.origin.endpoint, { method, path, headers: sent, body });
    };

    test('a request signed with the origin\'s key pair gets in (the checks above refuse for their reason, not always)', async () => {
      const response = await signedDirect({});
      expect({ status: response.status, body: response.body.toString() }).toEqual({ status: 200, body: FIXTURE_BODY });
    });

    test.each([
      ['another path than the one signed', { edit: (r) => ({ ...r, path: '/uploads/uploads/other.txt' }) }, 403, 'SignatureDoesNotMatch'],
      ['an x-amz-* header added after signing', { edit: (r) => ({ ...r, headers: { ...r.headers, 'x-amz-copy-source': '/uploads/uploads/secret/keys.txt' } }) }, 403, 'AccessDenied'],
      ['a signing date 16 minutes ago', { signingDate: new Date(Date.now() - 16 * 60_000) }, 403, 'RequestTimeTooSkewed'],
      ['a PUT whose body does not match its signed SHA-256', {
        method: 'PUT', body: 'not these bytes', headers: { 'x-amz-content-sha256': crypto.createHash('sha256').update('these bytes').digest('hex') },
      }, 400, 'XAmzContentSHA256Mismatch'],
    ])('signed, but with %s: refused', async (_name, request, status, code) => {
      const response = await signedDirect(request);
      expect(response.status).toBe(status);
      expect(response.body.toString()).toContain(`<Code>${code}</Code>`);
      const back = await get(FIXTURE_KEY);
      expect({ status: back.status, body: back.body.toString() }).toEqual({ status: 200, body: FIXTURE_BODY });
    });

    test('s3rver itself listens only on a Unix socket in a folder only this user can enter', () => {
      const { backendSocket } = harness.origin;
      expect(statSync(backendSocket).isSocket()).toBe(true);
      expect(statSync(dirname(backendSocket)).mode & 0o777).toBe(0o700);
    });
  });

  describe('stored HTML cannot script the page', () => {
    test('an uploaded text/html object downloads as an attachment with nosniff', async () => {
      expect((await put('uploads/evil.html', '<script>parent.stolen = document.cookie</script>', { 'content-type': 'text/html' })).status).toBe(200);
      const back = await get('uploads/evil.html');
      expect(back.status).toBe(200);
      expect(back.headers['content-disposition']).toBe('attachment');
      expect(back.headers['x-content-type-options']).toBe('nosniff');
    });

    test('response-content-type and response-content-disposition in a signed URL do not override the stored type', async () => {
      expect((await put('uploads/plain.txt', '<script>1</script>', { 'content-type': 'text/plain' })).status).toBe(200);
      const path = pathOf(rsa.getSignedUrl({
        url: `${edgeBase}/uploads/plain.txt?response-content-type=text%2Fhtml&response-content-disposition=inline`, dateLessThan: IN_AN_HOUR(),
      }));
      const back = await send(edgeBase, { path });
      expect({ status: back.status, type: back.headers['content-type'], disposition: back.headers['content-disposition'] })
        .toEqual({ status: 200, type: 'text/plain', disposition: 'attachment' });
    });
  });

  describe('keys are S3 keys: every spelling is its own object', () => {
    test('/uploads//x, /uploads/x, /uploads/x/ and /uploads/.x hold different bytes', async () => {
      const keys = ['uploads//x', 'uploads/x', 'uploads/x/', 'uploads/.x', 'uploads/%25', 'uploads/%252E'];
      for (const key of keys) expect({ key, status: (await put(key, `bytes of ${key}`)).status }).toEqual({ key, status: 200 });
      for (const key of keys) {
        const back = await get(key);
        expect({ key, status: back.status, body: back.body.toString() }).toEqual({ key, status: 200, body: `bytes of ${key}` });
      }
      // Nothing landed outside the bucket folder.
      expect(filesUnder(join(dataDir, 'origin')).every((file) => file.startsWith(`uploads${sep}`))).toBe(true);
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
