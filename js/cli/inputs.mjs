// Reading flag values that name files: `file://path` (the AWS CLI form), `fileb://path`,
// a plain path, or inline PEM text.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { CliError } from './errors.mjs';

export function expandHome(path) {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

// The file path a flag value names (without its file:// or fileb:// prefix).
export function pathOf(value) {
  const m = /^fileb?:\/\/(.*)$/s.exec(value);
  return expandHome(m ? m[1] : value);
}

export function readFileFlag(value, flag) {
  const path = pathOf(value);
  if (path === '') throw new CliError('FILE_ERROR', `${flag}: no file name given`);
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return readFileSync(path);
  } catch (error) {
    throw new CliError('FILE_ERROR', `${flag}: cannot read ${path}: ${describeFsError(error)}`);
  }
}

// Keys: inline PEM is used as it is; anything else is a file, PEM or DER.
export function readKeyFlag(value, flag) {
  if (/^\s*-----BEGIN /.test(value)) return Buffer.from(value, 'utf8');
  return readFileFlag(value, flag);
}

export function readPassphrase(values) {
  if (values.passphrase !== undefined && values['passphrase-file'] !== undefined) {
    throw new CliError('USAGE', 'give --passphrase or --passphrase-file, not both');
  }
  if (values.passphrase !== undefined) return values.passphrase;
  if (values['passphrase-file'] === undefined) return undefined;
  const text = readFileFlag(values['passphrase-file'], '--passphrase-file').toString('utf8');
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
