// Forwards one viewer request to an S3-compatible origin the way CloudFront's
// Origin Access Control does: path-style, SigV4-signed with the distribution's
// credentials, the body streamed through unsigned, and the origin's answer
// streamed back as it is.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { sendErrorResponse } from './cloudfront-errors.js';
import { originHeadersFor } from './origin-request-policy.js';

export const FORWARDED_METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH']);

// Headers that describe one connection, not the message (RFC 9110 section 7.6.1).
const HOP_BY_HOP_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);
const ORIGIN_IDLE_TIMEOUT_MS = 120_000;
// An idle kept-alive connection is closed before a Node origin's 5 s keep-alive timeout
// can close it under a new request (which would fail as a reset, not be retried).
const IDLE_CONNECTION_TIMEOUT_MS = 4_000;
// S3 API answers (CompleteMultipartUploadResult and the like) are small.
const MAX_REWRITTEN_BODY_BYTES = 64 * 1024;

function headersNamedInConnection(headers) {
  return new Set((headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
}

function decodeComponent(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // left as sent; a strict origin will refuse it
  }
}

// The query as SigV4 wants it (decoded names -> values); the wire keeps the viewer's bytes.
function queryForSigning(rawQuery) {
  const query = {};
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    query[name] = Object.hasOwn(query, name) ? [].concat(query[name], value) : value;
  }
  return query;
}

// Copies the origin's headers onto the viewer response. Headers the edge already set
// (its CORS answer) win, as with a CloudFront response headers policy; Vary is merged.
function copyOriginHeaders(originResponse, res) {
  const namedInConnection = headersNamedInConnection(originResponse.headers);
  for (const [name, value] of Object.entries(originResponse.headers)) {
    if (HOP_BY_HOP_HEADERS.has(name) || namedInConnection.has(name)) continue;
    if (name === 'vary' && res.hasHeader('vary')) {
      res.setHeader('vary', `${res.getHeader('vary')}, ${value}`);
    } else if (!res.hasHeader(name)) {
      res.setHeader(name, value);
    }
  }
}

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// Reads an S3 XML answer whole and names the viewer's URL in its <Location>, which the
// origin fills with its own address (CompleteMultipartUpload does).
function relayWithViewerLocation(originResponse, res, viewerUrl, fail, done) {
  const chunks = [];
  let size = 0;
  originResponse.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_REWRITTEN_BODY_BYTES) {
      originResponse.destroy(Object.assign(new Error('the origin answer is too large'), { code: 'EMSGSIZE' }));
      return;
    }
    chunks.push(chunk);
  });
  originResponse.on('error', fail);
  originResponse.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8')
      .replace(/<Location>[^<]*<\/Location>/g, `<Location>${escapeXml(viewerUrl)}</Location>`);
    res.setHeader('content-length', Buffer.byteLength(body));
    res.writeHead(originResponse.statusCode);
    res.end(body, done);
  });
}

/**
 * `origin`: `{ endpoint, bucket, region, accessKeyId, secretAccessKey, sessionToken? }`.
 * Returns `forward(req, res, { path, query, body, viewerUrl })`: `path` is the viewer's raw
 * path (leading '/', percent-encoding as sent), `query` the query to pass on (no '?'),
 * `body` the stream to upload (the request itself unless the edge wraps it), and
 * `viewerUrl` the object's URL at the edge, which replaces the origin's own in the
 * <Location> of XML answers to POST.
 * The promise settles once the exchange is over; it never rejects for origin failures.
 */
export function createOriginForwarder({ endpoint, bucket, region, accessKeyId, secretAccessKey, sessionToken }) {
  const base = new URL(endpoint);
  const isHttps = base.protocol === 'https:';
  const sendRequest = isHttps ? httpsRequest : httpRequest;
  const agentOptions = { keepAlive: true, timeout: IDLE_CONNECTION_TIMEOUT_MS };
  const agent = isHttps ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals lose their brackets
  const port = base.port ? Number(base.port) : undefined;
  const bucketPath = `${base.pathname.replace(/\/+$/, '')}/${bucket}`;
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    sha256: Hash.bind(null, 'sha256'),
    // The path is already percent-encoded by the viewer; S3 signs it without re-encoding.
    uriEscapePath: false,
  });

  return async function forward(req, res, { path, query = '', body = req, viewerUrl }) {
    // The viewer may go away, or the body fail (the edge's size limit), at any point,
    // signing included; whatever is under way with the origin is then dropped.
    let upstream;
    let stopped = false;
    const stop = (error) => {
      stopped = true;
      upstream?.destroy(error);
    };
    body.on('error', stop);
    req.on('close', () => {
      if (!req.complete) stop(Object.assign(new Error('the viewer aborted'), { code: 'ECONNABORTED' }));
    });
    res.on('close', () => {
      if (!res.writableFinished) stop();
    });

    const originPath = `${bucketPath}${path}`;
    const signed = await signer.sign({
      method: req.method,
      protocol: base.protocol,
      hostname,
      port,
      path: originPath,
      query: queryForSigning(query),
      headers: {
        ...originHeadersFor(req.headers),
        host: base.host,
        // Streams the body without hashing it first.
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
    });

    if (stopped) return;

    await new Promise((settle) => {
      let originAnswered = false;
      const answerBadGateway = (error) => {
        if (!res.headersSent) {
          sendErrorResponse(
            res,
            { status: 502, code: 'BadGateway', message: 'The edge could not get a complete response from the origin' },
            { 'X-Edge-Origin-Error': error.code ?? 'ERROR', Connection: 'close' },
          );
        } else if (!res.writableEnded) {
          // The status is already out: cut the response so the viewer cannot take it for a success.
          res.destroy(error);
        }
        settle();
      };

      try {
        upstream = sendRequest({
          agent,
          hostname,
          port,
          method: req.method,
          path: query ? `${originPath}?${query}` : originPath,
          headers: signed.headers,
        });
      } catch (error) {
        answerBadGateway(error);
        return;
      }
      upstream.setTimeout(ORIGIN_IDLE_TIMEOUT_MS, () => {
        upstream.destroy(Object.assign(new Error('the origin went idle'), { code: 'ETIMEDOUT' }));
      });
      upstream.on('error', answerBadGateway);
      upstream.on('close', () => {
        if (!originAnswered) answerBadGateway(Object.assign(new Error('the origin closed the connection'), { code: 'ECONNRESET' }));
      });
      upstream.on('response', (originResponse) => {
        originAnswered = true;
        copyOriginHeaders(originResponse, res);
        if (req.method === 'POST' && viewerUrl && /xml/i.test(originResponse.headers['content-type'] ?? '')) {
          res.removeHeader('content-length');
          relayWithViewerLocation(originResponse, res, viewerUrl, answerBadGateway, () => settle());
          return;
        }
        res.writeHead(originResponse.statusCode);
        // On an origin failure mid-body, pipeline destroys `res`: the viewer sees a cut
        // response, never a short one that looks complete.
        pipeline(originResponse, res, () => settle());
      });

      body.pipe(upstream);
    });
  };
}
