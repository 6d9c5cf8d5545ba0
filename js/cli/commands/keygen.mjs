// cfsign keygen: a CloudFront key pair made by the package (Mbed TLS), written as PEM.
import { closeSync, fsyncSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../args.mjs';
import { CliError, EXIT, usage } from '../errors.mjs';
import { describeFsError, expandHome } from '../inputs.mjs';
import { loadPackage } from '../package.mjs';

export const SPEC = {
  flags: {
    type: { type: 'string' },
    format: { type: 'string' },
    'out-dir': { type: 'string' },
    force: { type: 'boolean' },
    json: { type: 'boolean' },
  },
};

const FILES = { privateKey: 'private_key.pem', publicKey: 'public_key.pem' };

export async function run(argv, io) {
  const values = parseArgs(argv, SPEC);
  const type = (values.type ?? 'rsa').toLowerCase();
  if (type !== 'rsa' && type !== 'ec') throw usage(`--type must be rsa or ec, not "${values.type}"`);
  // RSA keys default to PKCS#1, the one form every AWS tool reads (AWS CLI v1 reads no
  // other); ECDSA keys have no PKCS#1 form.
  const format = (values.format ?? (type === 'rsa' ? 'pkcs1' : 'pkcs8')).toLowerCase();
  if (format !== 'pkcs1' && format !== 'pkcs8') throw usage(`--format must be pkcs1 or pkcs8, not "${values.format}"`);
  const dir = expandHome(values['out-dir'] ?? '.');
  const privatePath = join(dir, FILES.privateKey);
  const publicPath = join(dir, FILES.publicKey);

  // Check both before writing either, so a refusal leaves nothing half written.
  if (!values.force) {
    const existing = [privatePath, publicPath].filter(exists);
    if (existing.length > 0) {
      throw new CliError('FILE_EXISTS', `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to replace, or choose another --out-dir`);
    }
  }

  const { generateKeyPair } = await loadPackage();
  const pair = generateKeyPair({ type, format });
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new CliError('FILE_ERROR', `--out-dir: cannot create ${dir}: ${describeFsError(error)}`);
  }
  writeNew(privatePath, pair.privateKey, 0o600, values.force);
  writeNew(publicPath, pair.publicKey, 0o644, values.force);

  const label = type === 'rsa' ? 'RSA-2048' : 'ECDSA P-256';
  if (values.json) {
    io.out(`${JSON.stringify({ type, format, privateKeyPath: privatePath, publicKeyPath: publicPath, publicKey: pair.publicKey }, null, 2)}\n`);
    return;
  }
  io.out(`wrote ${privatePath} (${label} private key, ${format === 'pkcs1' ? 'PKCS#1' : 'PKCS#8'} PEM, mode 0600: keep it secret)\n`);
  io.out(`wrote ${publicPath} (public key: add it to a CloudFront key group)\n`);
}

function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

// Created with its final mode, never opened over an existing file (whose mode it would keep).
function writeNew(path, text, mode, force) {
  try {
    if (force && exists(path)) unlinkSync(path);
    const fd = openSync(path, 'wx', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new CliError(error?.code === 'EEXIST' ? 'FILE_EXISTS' : 'FILE_ERROR', `cannot write ${path}: ${describeFsError(error)}`, EXIT.ERROR);
  }
}
