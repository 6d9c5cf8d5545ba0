// cfsign upload against a local server that keeps the body and checks Content-MD5,
// the way S3 does behind CloudFront.
const crypto = require('node:crypto');
const http = require('node:http');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cfsignAsync, expectOneLineError } = require('./cli-helpers.cjs');

let dir;
let server;
let base;
const stored = new Map();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfsign-upload-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/denied/')) {
      // Answer before reading the body, as CloudFront does for a bad signature.
      res.writeHead(403, { 'Content-Type': 'text/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access denied &amp; logged</Message></Error>');
      req.resume();
      return;
    }
    const chunks = [];
    const hash = crypto.createHash('md5');
    req.on('data', (chunk) => {
      chunks.push(chunk);
      hash.update(chunk);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const md5 = hash.digest('base64');
      if (req.headers['content-md5'] !== md5) {
        res.writeHead(400, { 'Content-Type': 'application/xml' });
        res.end('<Error><Code>BadDigest</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>');
        return;
      }
      stored.set(url.pathname, { body, headers: req.headers, method: req.method, rawUrl: req.url });
      res.writeHead(200, { ETag: `"${Buffer.from(md5, 'base64').toString('hex')}"` });
      res.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

// The query stands in for a signature: it must reach the server byte for byte.
const SIGNED_QUERY = '?Expires=1767290400&Signature=a~b-c_&Key-Pair-Id=K1';

test('a few MB of random bytes arrive identical, with a matching Content-MD5', async () => {
  const bytes = crypto.randomBytes(5 * 1024 * 1024 + 123);
  const file = join(dir, 'random.bin');
  writeFileSync(file, bytes);
  const result = await cfsignAsync(['upload', file, '--url', `${base}/uploads/random.bin${SIGNED_QUERY}`]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const md5 = crypto.createHash('md5').update(bytes).digest('base64');
  expect(result.stdout).toBe(`uploaded random.bin: 5.0 MiB (${bytes.length} bytes), application/octet-stream, MD5 ${md5} -> 200 OK, ETag "${Buffer.from(md5, 'base64').toString('hex')}"\n`);
  const got = stored.get('/uploads/random.bin');
  expect(got.method).toBe('PUT');
  expect(got.rawUrl).toBe(`/uploads/random.bin${SIGNED_QUERY}`);
  expect(got.body.equals(bytes)).toBe(true);
  expect(got.headers['content-length']).toBe(String(bytes.length));
  expect(got.headers['content-md5']).toBe(md5);
  expect(got.headers['content-type']).toBe('application/octet-stream');
});

test('a 0-byte file', async () => {
  const file = join(dir, 'empty.txt');
  writeFileSync(file, '');
  const result = await cfsignAsync(['upload', file, '--url', `${base}/uploads/empty.txt${SIGNED_QUERY}`]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const got = stored.get('/uploads/empty.txt');
  expect(got.body.length).toBe(0);
  expect(got.headers['content-length']).toBe('0');
  expect(got.headers['content-md5']).toBe('1B2M2Y8AsgTpgAmY7PhCfg==');
  expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
});

test('Content-Type comes from the extension, and --content-type overrides it', async () => {
  const file = join(dir, 'photo.JPG');
  writeFileSync(file, crypto.randomBytes(1000));
  expect((await cfsignAsync(['upload', file, '--url', `${base}/uploads/photo.jpg`])).code).toBe(0);
  expect(stored.get('/uploads/photo.jpg').headers['content-type']).toBe('image/jpeg');
  expect((await cfsignAsync(['upload', file, '--url', `${base}/uploads/photo2`, '--content-type', 'image/x-custom'])).code).toBe(0);
  expect(stored.get('/uploads/photo2').headers['content-type']).toBe('image/x-custom');
});

test('a 403 with CloudFront\'s XML is one line with its Code and Message, exit 1', async () => {
  const file = join(dir, 'big.bin');
  writeFileSync(file, crypto.randomBytes(3 * 1024 * 1024));
  const result = await cfsignAsync(['upload', file, '--url', `${base}/denied/big.bin${SIGNED_QUERY}`]);
  const line = expectOneLineError(result, { code: 'UPLOAD_FAILED', exitCode: 1 });
  expect(line).toBe(`cfsign upload: UPLOAD_FAILED: PUT ${base}/denied/big.bin answered 403 Forbidden: AccessDenied: Access denied & logged`);
});

test('a server that cannot be reached is one line, exit 1', async () => {
  const file = join(dir, 'small.txt');
  writeFileSync(file, 'hello');
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address();
  await new Promise((resolve) => closed.close(resolve));
  const result = await cfsignAsync(['upload', file, '--url', `http://127.0.0.1:${port}/x`]);
  expectOneLineError(result, { code: 'NETWORK_ERROR', exitCode: 1, contains: ['ECONNREFUSED'] });
});

test('a missing file, a directory, and a missing --url are one line each', async () => {
  expectOneLineError(await cfsignAsync(['upload', join(dir, 'nope.bin'), '--url', `${base}/x`]), { code: 'FILE_ERROR', exitCode: 252, contains: ['no such file'] });
  expectOneLineError(await cfsignAsync(['upload', dir, '--url', `${base}/x`]), { code: 'FILE_ERROR', exitCode: 252, contains: ['directory'] });
  expectOneLineError(await cfsignAsync(['upload', join(dir, 'small.txt')]), { code: 'USAGE', exitCode: 252, contains: ['--url', 'required'] });
  expectOneLineError(await cfsignAsync(['upload', join(dir, 'small.txt'), '--url', 'ftp://example.com/x']), { code: 'USAGE', exitCode: 252, contains: ['http'] });
});
