// cfsign upload: PUTs a file to a signed URL, streamed from disk, with Content-MD5 so
// the origin refuses anything that arrives altered.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { basename } from 'node:path';
import { parseArgs, requireFlags } from '../args.mjs';
import { contentTypeFor } from '../content-types.mjs';
import { CliError, EXIT, usage } from '../errors.mjs';
import { describeFsError, expandHome } from '../inputs.mjs';
import { createProgress, formatBytes } from '../progress.mjs';

export const SPEC = {
  flags: {
    url: { type: 'string' },
    'content-type': { type: 'string' },
    quiet: { type: 'boolean' },
    timeout: { type: 'string' },
  },
  positionals: ['file'],
};

const MAX_ERROR_BODY = 64 * 1024;

export async function run(argv, io) {
  const values = parseArgs(argv, SPEC);
  if (values.file === undefined) throw usage('the file to upload is required: cfsign upload <file> --url <signed-url>');
  requireFlags(values, [['url', 'the signed URL to PUT to']]);
  const target = parseTarget(values.url);
  const path = expandHome(values.file);
  const timeoutMs = values.timeout === undefined ? 120_000 : Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) throw usage('--timeout must be a number of seconds');
  const contentType = values['content-type'] ?? contentTypeFor(path);
  if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(contentType)) throw usage('--content-type must be printable ASCII');

  let size;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw Object.assign(new Error(), { code: stat.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
    size = stat.size;
  } catch (error) {
    const why = error.code === 'ENOTFILE' ? 'not a regular file' : describeFsError(error);
    throw new CliError('FILE_ERROR', `cannot read ${path}: ${why}`);
  }

  // First pass: the MD5 goes in a header, so it has to be known before the body.
  const md5 = await md5Of(path, size);
  const showProgress = !values.quiet && io.errIsTTY;
  const progress = showProgress ? createProgress(io.errStream, size, basename(path)) : null;
  const response = await put(target, path, size, { contentType, md5, timeoutMs, progress });
  progress?.finish();

  const status = `${response.status} ${response.statusText}`.trim();
  if (response.status < 200 || response.status > 299) {
    const { code, message } = xmlError(response.body);
    const reason = code || message ? `: ${[code, message].filter(Boolean).join(': ')}` : '';
    throw new CliError('UPLOAD_FAILED', `PUT ${target.display} answered ${status}${reason}`, EXIT.FAILED);
  }
  const etag = response.headers.etag ? `, ETag ${response.headers.etag}` : '';
  io.out(`uploaded ${basename(path)}: ${formatBytes(size)} (${size} bytes), ${contentType}, MD5 ${md5} -> ${status}${etag}\n`);
}

function parseTarget(text) {
  const m = /^(https?):\/\/([^/?#]+)([^#]*)$/i.exec(text);
  if (!m) throw usage('--url must be an http:// or https:// URL without a #fragment');
  let parsed;
  try {
    parsed = new URL(`${m[1]}://${m[2]}/`);
  } catch {
    throw usage(`--url has an invalid host: ${m[2]}`);
  }
  // The path and query are sent exactly as signed; re-encoding them would break the signature.
  const path = m[3] === '' ? '/' : m[3].startsWith('?') ? `/${m[3]}` : m[3];
  if (/[\s\x00-\x1f\x7f]/.test(path)) throw usage('--url contains spaces or control characters; use the signed URL exactly as cfsign sign printed it');
  return {
    module: m[1].toLowerCase() === 'https' ? https : http,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port || undefined,
    host: m[2],
    path,
    display: `${m[1].toLowerCase()}://${m[2]}${path.split('?')[0]}`,
  };
}

async function md5Of(path, size) {
  const hash = createHash('md5');
  let read = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk);
      read += chunk.length;
    }
  } catch (error) {
    throw new CliError('FILE_ERROR', `cannot read ${path}: ${describeFsError(error)}`);
  }
  if (read !== size) throw new CliError('FILE_CHANGED', `${path} changed while it was being read`, EXIT.FAILED);
  return hash.digest('base64');
}

// Second pass: the body, streamed. Its MD5 is computed again and compared, so a file that
// changed between the passes is reported rather than uploaded under a wrong header.
function put(target, path, size, { contentType, md5, timeoutMs, progress }) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(value);
    };
    const request = target.module.request({
      method: 'PUT',
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      headers: {
        Host: target.host,
        'Content-Type': contentType,
        'Content-Length': String(size),
        'Content-MD5': md5,
        'User-Agent': 'cfsign',
      },
    });
    const file = createReadStream(path, size > 0 ? { start: 0, end: size - 1 } : {});
    const hash = createHash('md5');
    let sent = 0;
    let response = null;

    request.setTimeout(timeoutMs, () => {
      request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
    });
    request.on('response', (res) => {
      response = res;
      const chunks = [];
      let kept = 0;
      res.on('data', (chunk) => {
        if (kept < MAX_ERROR_BODY) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      res.on('end', () => {
        file.destroy();
        if (res.statusCode >= 200 && res.statusCode < 300 && (sent !== size || hash.digest('base64') !== md5)) {
          finish(new CliError('FILE_CHANGED', `${path} changed during the upload; the server may hold a mix of old and new bytes`, EXIT.FAILED));
          return;
        }
        finish(null, {
          status: res.statusCode, statusText: res.statusMessage ?? '', headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', (error) => finish(networkError(error, target)));
    });
    request.on('error', (error) => {
      file.destroy();
      // A server that answers early (a 403 before the body is in) may reset the connection.
      if (!response) finish(networkError(error, target));
    });
    file.on('data', (chunk) => {
      hash.update(chunk);
      sent += chunk.length;
      progress?.update(chunk.length);
    });
    file.on('error', (error) => {
      request.destroy();
      finish(new CliError('FILE_ERROR', `cannot read ${path}: ${describeFsError(error)}`));
    });
    file.pipe(request);
  });
}

function networkError(error, target) {
  const why = error.code ? `${error.code}${error.message && !error.message.includes(error.code) ? `: ${error.message}` : ''}` : error.message;
  return new CliError('NETWORK_ERROR', `PUT ${target.display} failed: ${why}`, EXIT.FAILED);
}

// S3 and CloudFront explain refusals in <Error><Code>…</Code><Message>…</Message></Error>.
export function xmlError(body) {
  const pick = (tag) => {
    const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(body ?? '');
    return m ? decodeXml(m[1]).trim() : '';
  };
  return { code: pick('Code'), message: pick('Message') };
}

function decodeXml(text) {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity) => {
    const named = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity.toLowerCase()];
    if (named) return named;
    const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}
