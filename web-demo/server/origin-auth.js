// The origin's half of Origin Access Control: a request counts only if it carries a
// SigV4 Authorization header, made with the origin's one key pair, for this region,
// within 15 minutes of now, covering Host and every x-amz-* header it carries. The
// signature is recomputed from what arrived and compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// Query-string authentication (presigned URLs) is not how the edge signs.
const QUERY_AUTH_PARAMETERS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'Signature', 'AWSAccessKeyId'];

export class OriginAuthError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const refuse = (code, message) => {
  throw new OriginAuthError(code, message);
};

function signingDateOf(amzDate) {
  const m = AMZ_DATE_PATTERN.exec(amzDate ?? '');
  if (!m) refuse('AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

export function createOriginAuth({ region, accessKeyId, secretAccessKey, now = () => Date.now() }) {
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials: { accessKeyId, secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    uriEscapePath: false,
  });

  /** Resolves when `req` is signed by the edge; throws an OriginAuthError otherwise. */
  return async function checkSignature(req) {
    const rawQuery = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const query = parseQuery(rawQuery, '&', '=', { maxKeys: 0 });
    if (QUERY_AUTH_PARAMETERS.some((name) => Object.hasOwn(query, name))) {
      refuse('AccessDenied', 'Only Authorization header authentication is accepted');
    }
    const authorization = req.headers.authorization;
    if (authorization === undefined) refuse('AccessDenied', 'Access Denied');
    const m = AUTHORIZATION_PATTERN.exec(authorization);
    if (!m) refuse('AuthorizationHeaderMalformed', 'The authorization header is malformed');
    const [, keyId, scopeDate, scopeRegion, signedHeaderList] = m;
    if (keyId !== accessKeyId) refuse('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (scopeRegion !== region) refuse('AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${region}'`);

    const signingDate = signingDateOf(req.headers['x-amz-date']);
    if (req.headers['x-amz-date'].slice(0, 8) !== scopeDate) refuse('AccessDenied', 'The credential date does not match x-amz-date');
    if (Math.abs(now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
      refuse('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }

    const signedHeaders = signedHeaderList.split(';');
    const unsigned = Object.keys(req.headers).filter((name) => name.startsWith('x-amz-') && !signedHeaders.includes(name));
    if (!signedHeaders.includes('host') || unsigned.length > 0) {
      refuse('AccessDenied', 'There were headers present in the request which were not signed');
    }
    const headers = {};
    for (const name of signedHeaders) {
      if (req.headers[name] === undefined) refuse('SignatureDoesNotMatch', 'A signed header is missing');
      headers[name] = req.headers[name];
    }
    const queryStart = req.url.indexOf('?');
    const expected = await signer.sign({
      method: req.method,
      protocol: 'http:',
      hostname: req.headers.host,
      path: queryStart === -1 ? req.url : req.url.slice(0, queryStart),
      query,
      headers,
    }, { signingDate, signableHeaders: new Set(signedHeaders) });

    const given = Buffer.from(authorization);
    const wanted = Buffer.from(expected.headers.authorization);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
      refuse('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
  };
}
