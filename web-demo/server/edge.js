// A local stand-in for a CloudFront behavior that trusts a key group and has an
// S3 origin behind Origin Access Control: it answers CORS preflights itself,
// checks the signed URL (or signed cookies) with the package's own verifier,
// refuses as CloudFront does, and forwards what passes to the origin, with only the
// query parameters and headers that its origin request policy allows.
import { isIPv4 } from 'node:net';
import { Transform } from 'node:stream';
import { CloudFrontSignerError, SIGNING_PARAMETERS, verifySignedCookies, verifySignedUrl } from '../../dist/index.mjs';
import { sendCloudFrontError, sendErrorResponse } from './cloudfront-errors.js';
import { FORWARDED_METHODS, createOriginForwarder } from './origin-forwarder.js';
import { FORWARDED_HEADERS, OriginRequestError, originQueryFor } from './origin-request-policy.js';

// A URL carrying any signing parameter but Hash-Algorithm is checked as a signed URL,
// even when cookies are present too. The names are the package's (the core's list).
const SIGNING = Object.values(SIGNING_PARAMETERS);
const URL_MODE_PARAMETERS = new Set(SIGNING.filter((names) => names !== SIGNING_PARAMETERS.hashAlgorithm).map(({ query }) => query));
const SIGNED_COOKIE_NAMES = new Set(SIGNING.map(({ cookie }) => cookie));
const CORS_ALLOWED_METHODS = 'GET, HEAD, PUT, POST, DELETE, PATCH';
const CORS_EXPOSED_HEADERS = 'ETag, Content-Length';
const CORS_MAX_AGE_SECONDS = '600';
// A hostname or bracketed IPv6 literal with an optional port: anything else in Host could
// smuggle a path or query into the URL that gets verified.
const HOST_HEADER_PATTERN = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
// The headers a page may send cross-origin: the ones the origin request policy forwards.
const CORS_ALLOWED_HEADERS = FORWARDED_HEADERS.filter((name) => name !== 'content-length').join(', ');

function parameterName(pair) {
  const eq = pair.indexOf('=');
  return eq === -1 ? pair : pair.slice(0, eq);
}

function cookieNames(cookieHeader = '') {
  return cookieHeader.split(';').map((cookie) => parameterName(cookie).trim());
}

// Node reports IPv4 viewers on a dual-stack socket as ::ffff:a.b.c.d. CloudFront policies
// only hold IPv4 ranges, so any other address is left out (and fails an IpAddress condition).
function viewerIpv4(req) {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/i, '');
  return isIPv4(address) ? address : undefined;
}

function decodesCleanly(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// The object key is the viewer path without its leading '/'. s3rver joins it onto its data
// directory, so dot segments, encoded slashes, backslashes and NULs are refused however
// they are spelled, as is the empty key (which would address the bucket itself).
function isSafeObjectPath(path) {
  if (!path.startsWith('/') || path.length < 2) return false;
  if (/[\\\0]|%(?:2f|5c|00)/i.test(path)) return false;
  return path.slice(1).split('/').every((segment) => {
    const decoded = decodesCleanly(segment);
    return decoded !== null && decoded !== '.' && decoded !== '..' && !/[\\/\0]/.test(decoded);
  });
}

function answerPreflight(req, res) {
  const headers = {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': CORS_ALLOWED_METHODS,
    'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS,
    'Access-Control-Max-Age': CORS_MAX_AGE_SECONDS,
    Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
    'Content-Length': '0',
  };
  res.writeHead(204, headers);
  res.end();
}

function setCorsHeaders(req, res) {
  if (req.headers.origin) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  }
  res.setHeader('Vary', 'Origin');
}

// For bodies without a Content-Length (chunked): counts bytes as they stream past and
// answers 413 at the first byte over the limit.
function limitBodySize(req, res, maxBytes, refuse) {
  let seenBytes = 0;
  const limiter = new Transform({
    transform(chunk, _encoding, done) {
      seenBytes += chunk.length;
      if (seenBytes <= maxBytes) return done(null, chunk);
      refuse();
      done(Object.assign(new Error('request body over the upload limit'), { code: 'EFBIG' }));
    },
  });
  return req.pipe(limiter);
}

export function createEdge({ keyGroup, origin, maxUploadBytes = 100 * 1024 * 1024, now = () => Date.now() }) {
  const forward = createOriginForwarder(origin);

  const refuseBadRequest = (res, message) =>
    sendErrorResponse(res, { status: 400, code: 'InvalidURI', message });
  const refuseTooLarge = (res) =>
    sendErrorResponse(
      res,
      { status: 413, code: 'EntityTooLarge', message: `Your proposed upload exceeds the maximum allowed size of ${maxUploadBytes} bytes` },
      // The body is left unread, so the connection cannot carry another request.
      { Connection: 'close' },
    );

  function verify(req, fullUrl, queryPairs) {
    const options = { publicKeys: keyGroup, now: now(), sourceIp: viewerIpv4(req) };
    const urlIsSigned = queryPairs.some((pair) => URL_MODE_PARAMETERS.has(parameterName(pair)));
    const hasSignedCookies = cookieNames(req.headers.cookie).some((name) => SIGNED_COOKIE_NAMES.has(name));
    if (!urlIsSigned && hasSignedCookies) return verifySignedCookies(fullUrl, req.headers.cookie, options);
    return verifySignedUrl(fullUrl, options);
  }

  async function handle(req, res) {
    // Stored objects share the page's origin here (on AWS the distribution has its own
    // domain): no response may be sniffed into something a browser runs, and downloads
    // are attachments, never documents rendered in the page's origin.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return answerPreflight(req, res);
    setCorsHeaders(req, res);
    if (req.method === 'GET' || req.method === 'HEAD') res.setHeader('Content-Disposition', 'attachment');

    if (!FORWARDED_METHODS.has(req.method)) {
      return sendErrorResponse(
        res,
        { status: 405, code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.' },
        { Allow: [...FORWARDED_METHODS].join(', ') },
      );
    }
    const host = req.headers.host ?? '';
    if (!HOST_HEADER_PATTERN.test(host)) return refuseBadRequest(res, 'The Host header is missing or invalid.');

    const queryStart = req.url.indexOf('?');
    const path = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? '' : req.url.slice(queryStart + 1);
    const queryPairs = rawQuery === '' ? [] : rawQuery.split('&');
    if (!isSafeObjectPath(path)) return refuseBadRequest(res, 'The object key would leave the bucket.');
    let query;
    try {
      query = originQueryFor(req.method, rawQuery);
    } catch (error) {
      if (!(error instanceof OriginRequestError)) throw error;
      return refuseBadRequest(res, error.message);
    }

    try {
      verify(req, `http://${host}${req.url}`, queryPairs);
    } catch (error) {
      if (!(error instanceof CloudFrontSignerError)) throw error;
      return sendCloudFrontError(res, error);
    }

    const declaredLength = req.headers['content-length'];
    if (declaredLength !== undefined && Number(declaredLength) > maxUploadBytes) return refuseTooLarge(res);
    const body = declaredLength === undefined && req.headers['transfer-encoding']
      ? limitBodySize(req, res, maxUploadBytes, () => (res.headersSent ? res.destroy() : refuseTooLarge(res)))
      : req;

    return forward(req, res, { path, query, body, viewerUrl: `http://${host}${path}` });
  }

  return { handle };
}
