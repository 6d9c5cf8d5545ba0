// The front door of the embedded origin, in front of s3rver (which listens on a
// private Unix socket). It gives the guarantees S3 gives and s3rver alone does not:
// - only requests that the edge signed with SigV4 get in (origin-auth.js);
// - only object-level operations, with an uploadId that belongs to the key;
// - a body reaches s3rver only once all of it has arrived and matched Content-Length,
//   Content-MD5 and a signed payload hash, when sent; until then it waits in a spool
//   file, and an aborted or short body is dropped, leaving the previous object as it was;
// - requests to one key take turns at s3rver, so concurrent writers never mix bytes:
//   the last one to finish arriving wins, whole.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { parse as parseQuery } from 'node:querystring';
import { pipeline } from 'node:stream';
import { OriginAuthError, createOriginAuth } from './origin-auth.js';

const S3_ERROR_STATUS = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  BadDigest: 400,
  EntityTooLarge: 400,
  IncompleteBody: 400,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidDigest: 400,
  InvalidURI: 400,
  NoSuchUpload: 404,
  RequestTimeTooSkewed: 403,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
};
// S3's limit for one PUT.
const MAX_BODY_BYTES = 5 * 1024 ** 3;
// s3rver's own format: 16 random bytes in hex.
const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;
const PART_NUMBER_PATTERN = /^[1-9]\d{0,4}$/;
const MAX_PART_NUMBER = 10000;
const HOP_BY_HOP_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

// s3rver keeps an object at <bucket>/<key>._S3rver_object, joining the key's segments
// as directories; its router does not match empty segments. So each segment is escaped
// before s3rver sees it ('%' is the escape character): an empty segment, '.', '..' and a
// leading dot (s3rver's own files start with one) cannot occur, and 'a//b', 'a/b' and
// 'a/b/' stay three keys with three files, all inside the bucket.
export function s3rverKeyFor(key) {
  return key.split('/').map((segment) => (segment === ''
    ? '%'
    : segment.replace(/%/g, '%25').replace(/\0/g, '%00').replace(/^\./, '%2E'))).join('/');
}

class S3Error extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function sendS3Error(res, { code, message }) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>`;
  res.writeHead(S3_ERROR_STATUS[code] ?? 500, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amz-error-code': code,
  });
  res.end(body);
}

// One queue per key: each task starts when the one before it has finished.
function createKeyQueues() {
  const tails = new Map();
  return function takeTurn(key, task) {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

// Reads `req`'s body into a spool file. Resolves to { file, size } once all of it has
// arrived and matched what the headers promise; an aborted body rejects with code ABORTED.
function spoolBody(req, spoolDir) {
  const file = join(spoolDir, `body-${randomBytes(12).toString('hex')}`);
  const md5 = createHash('md5');
  // The edge streams with UNSIGNED-PAYLOAD; a client that signs the payload gets it checked.
  const payloadHash = req.headers['x-amz-content-sha256'];
  const sha256 = /^[0-9a-f]{64}$/i.test(payloadHash ?? '') ? createHash('sha256') : null;
  let size = 0;
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  return new Promise((resolve, reject) => {
    const fail = (error) => {
      req.unpipe(out);
      out.destroy();
      unlink(file).catch(() => {});
      reject(error);
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      md5.update(chunk);
      sha256?.update(chunk);
      if (size > MAX_BODY_BYTES) {
        req.pause();
        fail(new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
      }
    });
    req.on('aborted', () => fail(Object.assign(new Error('the request body was cut off'), { code: 'ABORTED' })));
    req.on('error', (error) => fail(Object.assign(error, { code: 'ABORTED' })));
    out.on('error', fail);
    out.on('finish', () => {
      if (!req.complete) return fail(Object.assign(new Error('the request body was cut off'), { code: 'ABORTED' }));
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) !== size) {
        return fail(new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.'));
      }
      const contentMd5 = req.headers['content-md5'];
      if (contentMd5 !== undefined) {
        const digest = /^[A-Za-z0-9+/]{22}==$/.test(contentMd5) ? Buffer.from(contentMd5, 'base64') : null;
        if (digest?.length !== 16) return fail(new S3Error('InvalidDigest', 'The Content-MD5 you specified is not valid.'));
        if (!digest.equals(md5.digest())) return fail(new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.'));
      }
      if (sha256 && payloadHash.toLowerCase() !== sha256.digest('hex')) {
        return fail(new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed."));
      }
      resolve({ file, size });
    });
    req.pipe(out);
  });
}

/**
 * `backend`: s3rver's Unix socket path; `store`: its AtomicFilesystemStore (to look up
 * which key a multipart upload belongs to); `spoolDir`: a private folder for bodies.
 * Returns `{ handle(req, res), close() }`.
 */
export function createOriginGateway({ bucket, region, accessKeyId, secretAccessKey, backend, store, spoolDir }) {
  const checkSignature = createOriginAuth({ region, accessKeyId, secretAccessKey });
  const takeTurn = createKeyQueues();
  // A fresh connection per request: cheap on a Unix socket, and no kept-alive connection
  // can be closed by s3rver just as a request starts on it.
  const agent = new Agent({ socketPath: backend });

  // The object key exactly as s3rver's router reads it: the path after /<bucket>/, decoded.
  function objectKeyOf(path) {
    const prefix = `/${bucket}/`;
    if (!path.startsWith(prefix) || path.length === prefix.length) {
      throw new S3Error('AccessDenied', 'Only object operations are allowed through this origin');
    }
    try {
      return decodeURIComponent(path.slice(prefix.length));
    } catch {
      throw new S3Error('InvalidURI', 'Couldn\'t parse the specified URI.');
    }
  }

  async function checkMultipart(method, key, query) {
    for (const name of ['uploadId', 'partNumber']) {
      if (Array.isArray(query[name])) throw new S3Error('InvalidArgument', `${name} appears more than once`);
    }
    if (query.partNumber !== undefined) {
      const part = query.partNumber;
      if (method !== 'PUT' || query.uploadId === undefined || !PART_NUMBER_PATTERN.test(part) || Number(part) > MAX_PART_NUMBER) {
        throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive, on an UploadPart request');
      }
    }
    if (query.uploadId === undefined) return;
    const uploadDir = join(store.getResourcePath(bucket, '', 'uploads'), query.uploadId);
    const uploadKey = UPLOAD_ID_PATTERN.test(query.uploadId)
      ? await readFile(join(uploadDir, 'key'), 'utf8').catch(() => null)
      : null;
    if (uploadKey !== s3rverKeyFor(key)) {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    }
  }

  // Sends the request on to s3rver, with the spooled body if any; streams the answer back.
  // The key's turn ends when s3rver's answer starts: by then a write is stored, and a
  // read has its file open (replaced files keep their old bytes for open readers).
  function forwardToBackend(req, res, key, body) {
    return new Promise((settle) => {
      const headers = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (HOP_BY_HOP_HEADERS.has(name) || name === 'authorization' || name === 'expect') continue;
        headers[name] = value;
      }
      delete headers['content-length'];
      if (body) headers['content-length'] = String(body.size);
      const queryStart = req.url.indexOf('?');
      const path = `/${bucket}/${s3rverKeyFor(key).split('/').map(encodeURIComponent).join('/')}`;
      const backendRequest = httpRequest({ agent, method: req.method, path: queryStart === -1 ? path : path + req.url.slice(queryStart), headers });
      backendRequest.on('error', (error) => {
        sendS3Error(res, { code: 'ServiceUnavailable', message: `The storage behind this origin failed: ${error.code ?? error.message}` });
        settle();
      });
      backendRequest.on('response', (backendResponse) => {
        const responseHeaders = {};
        for (const [name, value] of Object.entries(backendResponse.headers)) {
          if (!HOP_BY_HOP_HEADERS.has(name)) responseHeaders[name] = value;
        }
        res.writeHead(backendResponse.statusCode, responseHeaders);
        settle();
        pipeline(backendResponse, res, () => {});
      });
      if (body) pipeline(createReadStream(body.file), backendRequest, () => {});
      else backendRequest.end();
    });
  }

  async function handle(req, res) {
    let body = null;
    try {
      await checkSignature(req);
      const queryStart = req.url.indexOf('?');
      const path = queryStart === -1 ? req.url : req.url.slice(0, queryStart);
      const query = queryStart === -1 ? {} : parseQuery(req.url.slice(queryStart + 1), '&', '=', { maxKeys: 0 });
      const key = objectKeyOf(path);
      await checkMultipart(req.method, key, query);
      if (req.method === 'PUT' || req.method === 'POST') body = await spoolBody(req, spoolDir);
      else req.resume();
      await takeTurn(key, () => forwardToBackend(req, res, key, body));
    } catch (error) {
      if (error instanceof OriginAuthError || error instanceof S3Error) sendS3Error(res, error);
      else if (error.code === 'ABORTED') res.destroy();
      else sendS3Error(res, { code: 'InternalError', message: 'We encountered an internal error. Please try again.' });
    } finally {
      // s3rver has answered, so it has read what it wanted (an open read stream keeps the bytes).
      if (body) await unlink(body.file).catch(() => {});
    }
  }

  return {
    handle,
    close() {
      agent.destroy();
    },
  };
}
