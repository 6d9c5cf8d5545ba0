// A local stand-in for a CloudFront behavior that trusts a key group: it checks
// the signed URL (or signed cookies) with the package's own verifier, answers
// refusals as CloudFront does, and forwards what passes to the origin.
import { CloudFrontSignerError, verifySignedCookies, verifySignedUrl } from '../../dist/index.mjs';
import { refusalFor, sendError } from './cloudfront-errors.js';
import { createOriginForwarder } from './origin-forwarder.js';

const SIGNING_PARAMETERS = new Set(['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']);
const ALLOWED_METHODS = 'GET, HEAD, PUT, POST, DELETE, OPTIONS, PATCH';

function parameterName(pair) {
  const eq = pair.indexOf('=');
  return eq === -1 ? pair : pair.slice(0, eq);
}

// Node reports IPv4 viewers on a dual-stack socket as ::ffff:a.b.c.d.
function viewerAddress(req) {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

// Object keys must stay inside the bucket: no dot segments, encoded slashes,
// backslashes or NULs, however they are spelled.
function isSafeObjectPath(objectPath) {
  if (objectPath.length < 2) return false;
  let decoded;
  try {
    decoded = decodeURIComponent(objectPath);
  } catch {
    return false;
  }
  if (/%2f|%5c|%00/i.test(objectPath) || /[\\\0]/.test(decoded)) return false;
  return !decoded.split('/').some((segment) => segment === '.' || segment === '..');
}

function corsHeaders(req) {
  const origin = req.headers.origin;
  return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'ETag, Content-Length, Content-Type', Vary: 'Origin' } : {};
}

export function createEdge({ keyGroup, origin, maxUploadBytes = 100 * 1024 * 1024, now = () => Date.now() }) {
  const forward = createOriginForwarder(origin);

  function verify(req, url, rawQuery) {
    const options = { publicKeys: keyGroup, now: now(), sourceIp: viewerAddress(req) };
    const hasSigningParameters = rawQuery.split('&').some((pair) => SIGNING_PARAMETERS.has(parameterName(pair)));
    // The URL's parameters take precedence; cookies count only when it has none.
    if (!hasSigningParameters && /(?:^|;\s*)CloudFront-/.test(req.headers.cookie ?? '')) {
      return verifySignedCookies(url, req.headers.cookie, options);
    }
    return verifySignedUrl(url, options);
  }

  async function handle(req, res) {
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }

    const queryStart = req.url.indexOf('?');
    const objectPath = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : req.url.slice(queryStart + 1);
    const url = `http://${req.headers.host}${req.url}`;
    try {
      verify(req, url, rawQuery);
    } catch (error) {
      if (!(error instanceof CloudFrontSignerError)) throw error;
      return sendError(res, refusalFor(error.code), cors);
    }

    if (!isSafeObjectPath(objectPath)) {
      return sendError(res, { status: 400, code: 'InvalidObjectName', message: 'The object key is not allowed' }, cors);
    }
    // Sizes are checked before any byte is read, so a refused upload stores nothing.
    if (req.headers['transfer-encoding'] && req.headers['content-length'] === undefined) {
      return sendError(res, { status: 411, code: 'MissingContentLength', message: 'You must provide the Content-Length HTTP header.' }, { ...cors, Connection: 'close' });
    }
    if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes) {
      return sendError(res, {
        status: 413,
        code: 'EntityTooLarge',
        message: `Your proposed upload exceeds the maximum allowed size of ${maxUploadBytes} bytes`,
      }, { ...cors, Connection: 'close' });
    }
    for (const [name, value] of Object.entries(cors)) res.setHeader(name, value);
    const forwardedQuery = rawQuery.split('&').filter((pair) => pair && !SIGNING_PARAMETERS.has(parameterName(pair))).join('&');
    return forward(req, res, { objectPath, rawQuery: forwardedQuery });
  }

  return { handle };
}
