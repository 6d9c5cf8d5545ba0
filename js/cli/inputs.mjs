// Reading flag values that name files: `file://path` (the AWS CLI form), `fileb://path`,
// a plain path, or inline PEM text.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { LIMITS } from '../options.js';
import { CliError } from './errors.mjs';

export function expandHome(path) {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

// The file path a flag value names (without its file:// or fileb:// prefix).
export function pathOf(value) {
  const m = /^fileb?:\/\/(.*)$/s.exec(value);
  return expandHome(m ? m[1] : value);
}

// Reads a small file that a flag names: a key or a passphrase. Only regular files, and at
// most `limit` bytes, so /dev/zero, /dev/urandom or a FIFO is refused at once instead of
// filling memory or waiting for a writer.
export function readFileFlag(value, flag, limit) {
  const path = pathOf(value);
  if (path === '') throw new CliError('FILE_ERROR', `${flag}: no file name given`);
  let fd;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!stats.isFile()) {
      throw new CliError('FILE_ERROR', `${flag}: ${path} is not a regular file (a device, FIFO or socket); give the path of a file`);
    }
    if (stats.size > limit) throw tooLarge(flag, path, limit);
    const buffer = Buffer.alloc(limit + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length <= limit;) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
      length += read;
    }
    if (length > limit) throw tooLarge(flag, path, limit);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('FILE_ERROR', `${flag}: cannot read ${path}: ${describeFsError(error)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function tooLarge(flag, path, limit) {
  return new CliError('TOO_LARGE', `${flag}: ${path} is over ${limit} bytes, more than any key or passphrase file`);
}

// Keys: inline PEM is used as it is; anything else is a file, PEM or DER.
export function readKeyFlag(value, flag) {
  if (/^\s*-----BEGIN /.test(value)) return Buffer.from(value, 'utf8');
  return readFileFlag(value, flag, LIMITS.key);
}

export function readPassphrase(values) {
  if (values.passphrase !== undefined && values['passphrase-file'] !== undefined) {
    throw new CliError('USAGE', 'give --passphrase or --passphrase-file, not both');
  }
  if (values.passphrase !== undefined) return values.passphrase;
  if (values['passphrase-file'] === undefined) return undefined;
  const text = readFileFlag(values['passphrase-file'], '--passphrase-file', LIMITS.key).toString('utf8');
  // The first line, without its line ending, as `openssl -passin file:` reads it.
  return text.split(/\r?\n/, 1)[0];
}

export function describeFsError(error) {
  switch (error?.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'EEXIST': return 'it already exists';
    default: return error?.message ?? String(error);
  }
}
