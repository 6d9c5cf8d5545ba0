// Type checks and conversions for the public options. Values are checked in C++;
// here we only make sure each option has a type the core can take.
import { epochSeconds } from './dates.js';
import { fail } from './errors.js';

export const SIGN_OPTIONS = ['url', 'dateLessThan', 'dateGreaterThan', 'ipAddress', 'policy', 'algorithm', 'order'];
export const KEY_OPTIONS = ['keyPairId', 'privateKey', 'passphrase', 'algorithm'];
export const POLICY_OPTIONS = ['resource', 'url', 'dateLessThan', 'dateGreaterThan', 'ipAddress', 'order'];
export const VERIFY_OPTIONS = ['publicKeys', 'now', 'sourceIp'];

// Size caps, checked before anything is copied into wasm memory. Nothing larger can be
// used with CloudFront, so refusing it costs nothing, and the wasm heap stays small.
export const LIMITS = Object.freeze({
  url: 8192, // CloudFront's limit for a request URL
  policy: 8192, // a policy must fit in a signed URL
  cookie: 4096, // browsers keep cookies up to 4,096 bytes
  cookieHeader: 20480, // CloudFront's limit for a request's headers and URL together
  key: 65536, // a PEM key is a few KB; room for comments and chains around it
  passphrase: 1024, // OpenSSL's PEM passphrase limit
  keyPairId: 1024,
  ipAddress: 64, // "255.255.255.255/32" is 18 characters
});

// The options a call takes, as a prototype-less copy of the caller's OWN enumerable
// properties: an inherited (polluted) Object.prototype.now or .policy is never read,
// and a getter is read once.
export function ownOptions(options, allowed, where) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('INVALID_ARGUMENT', `${where} expects an options object`);
  }
  const own = Object.create(null);
  for (const name of Object.keys(options)) {
    // Typos such as `dateLessThen` would otherwise sign something unintended.
    if (!allowed.includes(name)) fail('INVALID_ARGUMENT', `${where}: unknown option ${JSON.stringify(name.slice(0, 40))}`);
    own[name] = options[name];
  }
  return own;
}

// UTF-8 length of a string, computed only for strings short enough to be allowed.
function checkTextSize(text, limit, name) {
  if (text.length > limit || (text.length * 3 > limit && new TextEncoder().encode(text).length > limit)) {
    fail('TOO_LARGE', `${name} is over ${limit} bytes`);
  }
}

export function checkByteSize(bytes, limit, name) {
  if (bytes.byteLength > limit) fail('TOO_LARGE', `${name} is over ${limit} bytes`);
}

function isWellFormed(text) {
  return typeof text.isWellFormed === 'function'
    ? text.isWellFormed()
    : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

// A string option of at most `limit` bytes; `code` is the error for a badly formed value.
export function optionalString(value, name, limit, code = 'INVALID_ARGUMENT') {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', `${name} must be a string`);
  checkTextSize(value, limit, name);
  if (!isWellFormed(value)) fail(code, `${name} contains an unpaired UTF-16 surrogate`);
  return value;
}

export function requiredString(value, name, limit, code = 'INVALID_ARGUMENT') {
  const text = optionalString(value, name, limit, code);
  if (text === undefined) fail(code, `${name} is required`);
  return text;
}

// A signing date in epoch seconds (js/dates.js has the rule). Only a missing option is
// absent: null, '', NaN and the like are refused rather than dropped.
export function optionalEpochSeconds(value, name) {
  return value === undefined ? undefined : epochSeconds(value, name);
}

// A refused value, quoted short, for a message; never String(value), which a Symbol
// or a throwing toString would turn into a TypeError.
function shown(value) {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : `a ${typeof value}`;
}

export function checkAlgorithm(value) {
  if (value === undefined || value === null) return undefined;
  if (value !== 'SHA1' && value !== 'SHA256') fail('INVALID_ARGUMENT', `algorithm must be "SHA1" or "SHA256", not ${shown(value)}`);
  return value;
}

// Whose byte order to write: aws-sdk's (the default) or the AWS CLI's.
export function checkOrder(value) {
  if (value === undefined || value === null) return undefined;
  if (value !== 'aws-sdk' && value !== 'aws-cli') {
    fail('INVALID_ARGUMENT', `order must be "aws-sdk" or "aws-cli", not ${shown(value)}`);
  }
  return value;
}

// How generateKeyPair writes the private key; the core refuses PKCS#1 for ECDSA.
export function checkKeyFormat(value) {
  if (value === undefined || value === null) return 'pkcs8';
  if (value !== 'pkcs8' && value !== 'pkcs1') {
    fail('INVALID_ARGUMENT', `format must be "pkcs8" or "pkcs1", not ${shown(value)}`);
  }
  return value;
}

// Private keys and passphrases become bytes the caller's string never was; the
// package wipes these copies once the key is parsed.
export function secretBytes(value, name, code, limit) {
  if (typeof value === 'string') {
    checkTextSize(value, limit, name);
    if (!isWellFormed(value)) fail(code, `${name} contains an unpaired UTF-16 surrogate`);
    return new TextEncoder().encode(value);
  }
  if (value instanceof ArrayBuffer) {
    checkByteSize(value, limit, name);
    return new Uint8Array(value.slice(0));
  }
  if (ArrayBuffer.isView(value)) {
    checkByteSize(value, limit, name);
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }
  return fail(code, `${name} must be a string or bytes (Uint8Array, ArrayBuffer or Buffer)`);
}

// The trusted keys as a Map of key pair ID -> PEM text or DER bytes. `checkKeyPairId`
// is the core's rule for IDs, so an ID that could never be signed is never trusted.
export function publicKeyMap(publicKeys, checkKeyPairId) {
  const entries = publicKeys instanceof Map ? [...publicKeys] : publicKeys && typeof publicKeys === 'object'
    ? Object.entries(publicKeys) : fail('INVALID_ARGUMENT', 'publicKeys must map key pair IDs to public keys');
  const map = new Map();
  for (const [id, key] of entries) {
    if (typeof id !== 'string') fail('INVALID_ARGUMENT', 'publicKeys: every key pair ID must be a string');
    checkKeyPairId(id, 'a publicKeys key pair ID');
    const where = `publicKeys[${JSON.stringify(id)}]`;
    if (typeof key === 'string') {
      checkTextSize(key, LIMITS.key, where);
      map.set(id, key);
    } else if (key instanceof Uint8Array || key instanceof ArrayBuffer) {
      checkByteSize(key, LIMITS.key, where);
      map.set(id, new Uint8Array(key));
    } else {
      fail('INVALID_ARGUMENT', `${where} must be PEM text or DER bytes`);
    }
  }
  return map;
}

function cookieValue(name, value) {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') fail('INVALID_ARGUMENT', `the ${name} cookie must be a string`);
  checkTextSize(text, LIMITS.cookie, `the ${name} cookie`);
  return text;
}

// Signed cookies as an object, or as a Cookie request header. `signingCookies` are the
// core's names of the cookies that carry a signature; other cookies, CloudFront-* ones
// of a site's own included, are left out and may repeat.
export function cookieValues(cookies, signingCookies) {
  const values = Object.create(null);
  if (typeof cookies === 'string') {
    checkTextSize(cookies, LIMITS.cookieHeader, 'the Cookie header');
    for (const part of cookies.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      const name = part.slice(0, eq).trim();
      if (!signingCookies.includes(name)) continue;
      if (name in values) fail('MALFORMED', `the ${name} cookie appears twice`);
      values[name] = cookieValue(name, part.slice(eq + 1).trim());
    }
    return values;
  }
  if (cookies && typeof cookies === 'object') {
    for (const name of signingCookies) {
      if (!Object.prototype.hasOwnProperty.call(cookies, name)) continue;
      const value = cookies[name];
      if (value !== undefined && value !== null) values[name] = cookieValue(name, value);
    }
    return values;
  }
  return fail('INVALID_ARGUMENT', 'cookies must be an object or a Cookie header string');
}
