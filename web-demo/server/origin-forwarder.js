// Forwards one viewer request to the S3-compatible origin the way CloudFront's
// Origin Access Control does: SigV4-signed as the distribution, with the viewer's
// headers (but Host) and body passed through, and the origin's answer returned as is.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { sendError } from './cloudfront-errors.js';

// Connection-level headers, and the viewer's credentials, never reach the origin.
const NOT_FORWARDED = new Set([
  'host', 'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade',
  'proxy-authorization', 'authorization', 'cookie',
]);

function decodeOrKeep(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// The viewer query, minus what CloudFront consumes, as the signer wants it.
function queryObject(rawQuery) {
  const query = {};
  for (const pair of rawQuery.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const name = decodeOrKeep(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeOrKeep(pair.slice(eq + 1));
    query[name] = name in query ? [].concat(query[name], value) : value;
  }
  return query;
}

function rfc3986(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query) {
  const parts = [];
  for (const [name, values] of Object.entries(query)) {
    for (const value of [].concat(values)) parts.push(`${rfc3986(name)}=${rfc3986(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export function createOriginForwarder(origin) {
  const endpoint = new URL(origin.endpoint);
  const request = endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
  const signer = new SignatureV4({
    service: 's3',
    region: origin.region,
    credentials: { accessKeyId: origin.accessKeyId, secretAccessKey: origin.secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false, // S3 signs the path exactly as sent
  });
  const basePath = endpoint.pathname.replace(/\/+$/, '');

  // `objectPath` keeps the viewer's percent-encoding; `rawQuery` has no signing parameters.
  return async function forward(req, res, { objectPath, rawQuery }) {
    const query = queryObject(rawQuery);
    const path = `${basePath}/${origin.bucket}${objectPath}`;
    const headers = {};
    const signedHeaders = { host: endpoint.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    for (const [name, value] of Object.entries(req.headers)) {
      if (NOT_FORWARDED.has(name)) continue;
      // S3 wants every x-amz-* header it sees to be signed.
      if (name.startsWith('x-amz-')) signedHeaders[name] = value;
      else headers[name] = value;
    }
    const signed = await signer.sign({
      method: req.method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path,
      query,
      headers: signedHeaders,
    });

    await new Promise((resolve) => {
      const upstream = request({
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port,
        method: req.method,
        path: path + queryString(query),
        headers: { ...headers, ...signed.headers },
      });
      upstream.on('response', (originResponse) => {
        res.writeHead(originResponse.statusCode, originResponse.headers);
        originResponse.pipe(res);
        originResponse.on('end', resolve);
        originResponse.on('error', () => { res.destroy(); resolve(); });
      });
      upstream.on('error', (error) => {
        // Never report success for a request the origin did not complete.
        if (!res.headersSent) {
          sendError(res, { status: 502, code: 'OriginError', message: `The origin could not be reached: ${error.code ?? error.message}` });
        } else {
          res.destroy(error);
        }
        resolve();
      });
      req.on('aborted', () => upstream.destroy(new Error('viewer aborted')));
      req.pipe(upstream);
    });
  };
}
