// The demo server: the page and its package files, a small signing API, and
// everything else through the CloudFront-like edge.
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CloudFrontSigner, CloudFrontSignerError, verifySignedUrl } from '../../dist/index.mjs';
import { contentTypeFor } from '../../js/cli/content-types.mjs';
import { readDeployment } from '../../js/cli/deployment.mjs';

const MAX_API_BODY_BYTES = 16 * 1024;
// Custom policies in server mode: valid from a minute ago, for loopback viewers only.
const CUSTOM_POLICY_IP = '127.0.0.1/32';

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

// The stack's own names for itself. A page elsewhere that points its DNS name at
// 127.0.0.1 (DNS rebinding) reaches this server with its own name in Host.
// `port` is '' for 80, which a browser leaves out of Host.
function isOwnHost(host, port) {
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) =>
    (port === '' ? [name, `${name}:80`] : [`${name}:${port}`]).includes(host));
}

function sendJson(res, status, value) {
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
}

// Serves a file from `dir`, refusing anything that would step outside it.
async function sendFile(res, dir, encodedPath) {
  let relativePath;
  try {
    relativePath = decodeURIComponent(encodedPath);
  } catch {
    return send(res, 400, 'Bad path');
  }
  const file = normalize(join(dir, relativePath));
  if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return send(res, 404, 'Not found');
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': contentTypeFor(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    });
    return res.end(body);
  } catch {
    return send(res, 404, 'Not found');
  }
}

async function readJsonBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

// The AWS deployment infra/deploy recorded, read as cfsign reads it: only its
// public facts, and none when the file is missing or unreadable.
function publicDeployment(file) {
  try {
    const { domain, keyPairId } = readDeployment({ CFSIGNER_CONFIG: file });
    return { domain, keyPairId };
  } catch {
    return null;
  }
}

export function createApp({ config, keys, edge, baseUrl }) {
  const signers = new Map(keys.map((key) => [key.type, new CloudFrontSigner({ keyPairId: key.keyPairId, privateKey: key.privateKey })]));
  const publicKeys = Object.fromEntries(keys.map((key) => [key.keyPairId, key.publicKey]));

  function signForViewer({ objectKey, keyType = 'rsa', algorithm = 'SHA1', policyType = 'canned', expiresInSeconds = 300 }) {
    const signer = signers.get(keyType);
    if (!signer) throw new CloudFrontSignerError('INVALID_ARGUMENT', 'keyType must be "rsa" or "ec"');
    if (policyType !== 'canned' && policyType !== 'custom') {
      throw new CloudFrontSignerError('INVALID_ARGUMENT', 'policyType must be "canned" or "custom"');
    }
    // objectKey is the URL path of the object: percent-escapes are kept, and a raw
    // ? or # would start a query or fragment, so it is refused rather than misread.
    if (typeof objectKey !== 'string' || objectKey === '' || objectKey.startsWith('/') || /[?#]/.test(objectKey)) {
      throw new CloudFrontSignerError('INVALID_ARGUMENT',
        'objectKey must be a URL path such as "uploads/photo.jpg" (escape ? and # as %3F and %23)');
    }
    const seconds = Number(expiresInSeconds);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new CloudFrontSignerError('INVALID_DATE', 'expiresInSeconds must be a positive number');
    }
    const options = { url: `${baseUrl()}/${objectKey}`, algorithm, dateLessThan: Date.now() + seconds * 1000 };
    if (policyType === 'custom') Object.assign(options, { dateGreaterThan: Date.now() - 60_000, ipAddress: CUSTOM_POLICY_IP });
    const url = signer.getSignedUrl(options);
    // The policy exactly as signed, read back through the package's own verifier.
    const { policy } = verifySignedUrl(url, { publicKeys, sourceIp: '127.0.0.1' });
    return { url, policy };
  }

  async function handleApi(req, res, path) {
    if (!isOwnHost(req.headers.host, new URL(baseUrl()).port)) {
      return sendJson(res, 421, { error: { code: 'MISDIRECTED', message: 'this API answers only at its own address (127.0.0.1, localhost or [::1] with its port)' } });
    }
    if (path === '/_api/config' && req.method === 'GET') {
      return sendJson(res, 200, {
        baseUrl: baseUrl(),
        distributionDomain: new URL(baseUrl()).host,
        // Private keys go to the page only because this is a local demo.
        keys: keys.map(({ keyPairId, type, privateKey }) => ({ keyPairId, type, privateKey })),
        dataDir: config.externalOrigin ? null : config.dataDir,
        deployment: publicDeployment(config.deploymentFile),
      });
    }
    if (path === '/_api/sign' && req.method === 'POST') {
      try {
        return sendJson(res, 200, signForViewer(await readJsonBody(req)));
      } catch (error) {
        const code = error instanceof CloudFrontSignerError ? error.code : 'INVALID_ARGUMENT';
        return sendJson(res, 400, { error: { code, message: error.message } });
      }
    }
    return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no API at ${req.method} ${path}` } });
  }

  return async function handle(req, res) {
    const path = req.url.split('?')[0];
    try {
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) return await sendFile(res, config.publicDir, 'index.html');
      if (path.startsWith('/_demo/pkg/')) return await sendFile(res, config.packageDir, path.slice('/_demo/pkg/'.length));
      if (path.startsWith('/_demo/')) return await sendFile(res, config.publicDir, path.slice('/_demo/'.length));
      if (path.startsWith('/_api/')) return await handleApi(req, res, path);
      return await edge.handle(req, res);
    } catch (error) {
      if (!res.headersSent) send(res, 500, `Internal error: ${error.message}`);
      else res.destroy(error);
    }
  };
}
