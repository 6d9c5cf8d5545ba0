// Type checks and conversions for the public options. Values are checked in C++;
// here we only make sure each option has a type the core can take.
import { fail } from './errors.js';

export const SIGN_OPTIONS = ['url', 'dateLessThan', 'dateGreaterThan', 'ipAddress', 'policy', 'algorithm', 'order'];
export const KEY_OPTIONS = ['keyPairId', 'privateKey', 'passphrase', 'algorithm'];
export const POLICY_OPTIONS = ['resource', 'url', 'dateLessThan', 'dateGreaterThan', 'ipAddress', 'order'];
export const VERIFY_OPTIONS = ['publicKeys', 'now', 'sourceIp'];

export function checkOptionsObject(options, allowed, where) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('INVALID_ARGUMENT', `${where} expects an options object`);
  }
  for (const name of Object.keys(options)) {
    // Typos such as `dateLessThen` would otherwise sign something unintended.
    if (!allowed.includes(name)) fail('INVALID_ARGUMENT', `${where}: unknown option "${name}"`);
  }
  return options;
}

function isWellFormed(text) {
  return typeof text.isWellFormed === 'function'
    ? text.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

// A string option; `code` is the error for a badly formed value.
export function optionalString(value, name, code = 'INVALID_ARGUMENT') {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', `${name} must be a string`);
  if (!isWellFormed(value)) fail(code, `${name} contains an unpaired UTF-16 surrogate`);
  return value;
}

export function requiredString(value, name, code = 'INVALID_ARGUMENT') {
  const text = optionalString(value, name, code);
  if (text === undefined) fail(code, `${name} is required`);
  return text;
}

// Dates follow aws-sdk: a Date, anything `new Date()` reads (numbers are
// milliseconds), rounded to the nearest second. A falsy optional date is absent.
export function epochSeconds(value, name, { required }) {
  if (value === undefined || value === null || (!required && !value)) {
    if (required) fail('INVALID_DATE', `${name} is required`);
    return undefined;
  }
  if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') {
    fail('INVALID_DATE', `${name} must be a Date, a date string or milliseconds since the epoch`);
  }
  const milliseconds = new Date(value).getTime();
  if (Number.isNaN(milliseconds)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : String(value);
    fail('INVALID_DATE', `${name} is not a valid date: ${shown}`);
  }
  return Math.round(milliseconds / 1000);
}

export function checkAlgorithm(value) {
  if (value === undefined || value === null) return undefined;
  if (value !== 'SHA1' && value !== 'SHA256') {
    fail('INVALID_ARGUMENT', `algorithm must be "SHA1" or "SHA256", not ${JSON.stringify(String(value))}`);
  }
  return value;
}

// Whose byte order to write: aws-sdk's (the default) or the AWS CLI's.
export function checkOrder(value) {
  if (value === undefined || value === null) return undefined;
  if (value !== 'aws-sdk' && value !== 'aws-cli') {
    fail('INVALID_ARGUMENT', `order must be "aws-sdk" or "aws-cli", not ${JSON.stringify(String(value))}`);
  }
  return value;
}

// How generateKeyPair writes the private key; the core refuses PKCS#1 for ECDSA.
export function checkKeyFormat(value) {
  if (value === undefined || value === null) return 'pkcs8';
  if (value !== 'pkcs8' && value !== 'pkcs1') {
    fail('INVALID_ARGUMENT', `format must be "pkcs8" or "pkcs1", not ${JSON.stringify(String(value))}`);
  }
  return value;
}

// Private keys and passphrases become bytes the caller's string never was; the
// package wipes these copies once the key is parsed.
export function secretBytes(value, name, code) {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) fail(code, `${name} contains an unpaired UTF-16 surrogate`);
    return new TextEncoder().encode(value);
  }
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  return fail(code, `${name} must be a string or bytes (Uint8Array, ArrayBuffer or Buffer)`);
}

export function publicKeyMap(publicKeys) {
  const entries = publicKeys instanceof Map ? [...publicKeys] : publicKeys && typeof publicKeys === 'object'
    ? Object.entries(publicKeys) : fail('INVALID_ARGUMENT', 'publicKeys must map key pair IDs to public keys');
  const map = new Map();
  for (const [id, key] of entries) {
    if (typeof key === 'string') map.set(String(id), key);
    else if (key instanceof Uint8Array) map.set(String(id), key);
    else if (key instanceof ArrayBuffer) map.set(String(id), new Uint8Array(key));
    else fail('INVALID_ARGUMENT', `publicKeys["${id}"] must be PEM text or DER bytes`);
  }
  return map;
}

// Signed cookies as an object, or as a Cookie request header.
export function cookieValues(cookies) {
  if (typeof cookies === 'string') {
    const values = {};
    for (const part of cookies.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      const name = part.slice(0, eq).trim();
      if (!name.startsWith('CloudFront-')) continue;
      if (name in values) fail('MALFORMED', `the ${name} cookie appears twice`);
      values[name] = part.slice(eq + 1).trim();
    }
    return values;
  }
  if (cookies && typeof cookies === 'object') {
    const values = {};
    for (const [name, value] of Object.entries(cookies)) {
      if (name.startsWith('CloudFront-') && value !== undefined && value !== null) values[name] = String(value);
    }
    return values;
  }
  return fail('INVALID_ARGUMENT', 'cookies must be an object or a Cookie header string');
}
