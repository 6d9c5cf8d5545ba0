// The public API, built on an instantiated wasm module. Each runtime's entry
// loads the module its own way and calls createApi once.
import { CloudFrontSignerError, fail } from './errors.js';
import { dateMilliseconds } from './dates.js';
import {
  KEY_OPTIONS, LIMITS, POLICY_OPTIONS, SIGN_OPTIONS, VERIFY_OPTIONS, checkAlgorithm, checkKeyFormat,
  checkOrder, cookieValues, optionalEpochSeconds, optionalString, ownOptions, publicKeyMap, requiredString,
  secretBytes,
} from './options.js';

const disposeSymbol = Symbol.dispose ?? Symbol.for('nodejs.dispose');

const hasOwn = (object, name) => Object.prototype.hasOwnProperty.call(object, name);

// Signing, key parsing and key generation draw on the platform CSPRNG through the
// Emscripten runtime, which aborts the whole module when there is none (Node.js 18
// without its webcrypto global, for example). Refuse before entering wasm instead.
function requireRandomSource() {
  if (typeof globalThis.crypto?.getRandomValues !== 'function') {
    fail('UNSUPPORTED_RUNTIME', 'this runtime has no crypto.getRandomValues, the random source that signing and key generation need; use Node.js 22 or later');
  }
}

// Own properties only: a polluted Object.prototype.code must not turn success into failure.
function unwrap(result) {
  if (hasOwn(result, 'code')) throw new CloudFrontSignerError(result.code, result.message);
  return result.value;
}

// The names each signing value travels under, from the core's one list and in its order,
// keyed by their names here (Key-Pair-Id -> keyPairId). Frozen: the cookie checks read it.
function signingParametersFrom(list) {
  const byName = {};
  for (const { query, cookie } of list) {
    byName[query[0].toLowerCase() + query.slice(1).replaceAll('-', '')] = Object.freeze({ query, cookie });
  }
  return Object.freeze(byName);
}

export function createApi(wasm) {
  const SIGNING_PARAMETERS = signingParametersFrom(wasm.signingParameters());
  const signingCookies = Object.values(SIGNING_PARAMETERS).map(({ cookie }) => cookie);

  // Copies secrets into wasm memory for one call, then wipes and frees them.
  function withSecretsInWasm(secrets, call) {
    const blocks = [];
    for (const bytes of secrets) {
      const address = bytes ? wasm._malloc(Math.max(bytes.length, 1)) : 0;
      if (bytes && !address) {
        blocks.forEach((block) => block.address && wasm._free(block.address));
        secrets.forEach((secret) => secret?.fill(0));
        fail('INTERNAL', 'out of WebAssembly memory');
      }
      if (bytes) wasm.HEAPU8.set(bytes, address);
      blocks.push({ address, length: bytes ? bytes.length : 0 });
    }
    try {
      return call(...blocks);
    } finally {
      blocks.forEach(({ address, length }, i) => {
        if (!address) return;
        wasm.HEAPU8.fill(0, address, address + length);
        wasm._free(address);
        secrets[i].fill(0);
      });
    }
  }

  // `options` is already an own-property copy (ownOptions).
  function secretInputs({ privateKey, passphrase }) {
    if (privateKey === undefined || privateKey === null) fail('INVALID_KEY', 'privateKey is required');
    const keyBytes = secretBytes(privateKey, 'privateKey', 'INVALID_KEY', LIMITS.key);
    const passphraseBytes = passphrase === undefined || passphrase === null
      ? null : secretBytes(passphrase, 'passphrase', 'INVALID_ARGUMENT', LIMITS.passphrase);
    return [keyBytes, passphraseBytes];
  }

  // Parses a key file already in wasm memory into a new SigningKey handle.
  function parseKey(key, pass, hasPassphrase) {
    requireRandomSource();
    const handle = new wasm.SigningKey();
    try {
      const keyType = unwrap(handle.load(key.address, key.length, pass.address, pass.length, hasPassphrase));
      return { handle, keyType };
    } catch (error) {
      handle.delete();
      throw error;
    }
  }

  function loadKey(options) {
    const secrets = secretInputs(options);
    return withSecretsInWasm(secrets, (key, pass) => parseKey(key, pass, secrets[1] !== null));
  }

  // The one-shot calls reuse keys they parsed before, up to KEY_CACHE_LIMIT of them,
  // least recently used first out; the parsed key lives in wasm memory and is
  // zeroized when it leaves the cache. An entry is found in one of two ways:
  // - a key given as a string, without a passphrase (the usual case), by that string:
  //   the caller's own text, held by reference (never copied) for as long as the
  //   parsed key it stands for, and dropped with it. Encoding, copying and hashing the
  //   key file on every call cost 14% of an ECDSA signature;
  // - any other key, by a SHA-256 fingerprint of the key file and passphrase, so
  //   neither is kept and a wrong passphrase never reaches a cached key.
  const KEY_CACHE_LIMIT = 8;
  const keysByText = new Map();
  const keysByFingerprint = new Map();
  // Every entry, least recently used first (a Set keeps insertion order).
  const recentKeys = new Set();

  function forgetKey(handle) {
    handle.dispose();
    handle.delete();
  }

  function useKey(entry) {
    recentKeys.delete(entry);
    recentKeys.add(entry);
    return entry;
  }

  function addKey(index, lookup, entry) {
    if (recentKeys.size >= KEY_CACHE_LIMIT) {
      const oldest = recentKeys.values().next().value;
      recentKeys.delete(oldest);
      oldest.index.delete(oldest.lookup);
      forgetKey(oldest.handle);
    }
    Object.assign(entry, { index, lookup });
    index.set(lookup, entry);
    return useKey(entry);
  }

  function cachedKey(options) {
    const byText = typeof options.privateKey === 'string' && (options.passphrase === undefined || options.passphrase === null);
    const known = byText ? keysByText.get(options.privateKey) : undefined;
    if (known) return useKey(known);
    const secrets = secretInputs(options);
    return withSecretsInWasm(secrets, (key, pass) => {
      const hasPassphrase = secrets[1] !== null;
      if (byText) return addKey(keysByText, options.privateKey, parseKey(key, pass, hasPassphrase));
      const fingerprint = unwrap(wasm.keyFingerprint(key.address, key.length, pass.address, pass.length, hasPassphrase));
      const entry = keysByFingerprint.get(fingerprint);
      return entry ? useKey(entry) : addKey(keysByFingerprint, fingerprint, parseKey(key, pass, hasPassphrase));
    });
  }

  function clearKeyCache() {
    for (const { handle } of recentKeys) forgetKey(handle);
    recentKeys.clear();
    keysByText.clear();
    keysByFingerprint.clear();
  }

  // A signing request as the bindings take it: one argument per field, in this order
  // (src/wasm/bindings.cpp, SignArguments).
  function signArguments(options, keyPairId, defaultAlgorithm) {
    return [
      optionalString(options.url, 'url', LIMITS.url, 'INVALID_URL'),
      keyPairId,
      optionalString(options.policy, 'policy', LIMITS.policy, 'INVALID_POLICY'),
      optionalEpochSeconds(options.dateLessThan, 'dateLessThan'),
      optionalEpochSeconds(options.dateGreaterThan, 'dateGreaterThan'),
      optionalString(options.ipAddress, 'ipAddress', LIMITS.ipAddress, 'INVALID_IP'),
      checkAlgorithm(options.algorithm) ?? defaultAlgorithm,
      checkOrder(options.order),
    ];
  }

  // The core's rule for key pair IDs (CloudFront's characters), checked up front so a
  // CloudFrontSigner never holds an ID it cannot sign with. The last ID that passed is
  // remembered: one-shot calls pass the same one every time.
  let lastGoodKeyPairId = null;
  function checkKeyPairId(keyPairId, name = 'keyPairId') {
    if (typeof keyPairId === 'string' && keyPairId === lastGoodKeyPairId) return keyPairId;
    const id = requiredString(keyPairId, name, LIMITS.keyPairId);
    unwrap(wasm.checkKeyPairId(id));
    lastGoodKeyPairId = id;
    return id;
  }

  // Frees keys whose CloudFrontSigner was dropped without dispose().
  const forgottenKeys = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry(forgetKey)
    : null;

  class CloudFrontSigner {
    #handle;
    #keyPairId;
    #algorithm;
    #keyType;

    constructor(options) {
      const own = ownOptions(options, KEY_OPTIONS, 'new CloudFrontSigner()');
      this.#keyPairId = checkKeyPairId(own.keyPairId);
      this.#algorithm = checkAlgorithm(own.algorithm) ?? 'SHA1';
      const { handle, keyType } = loadKey(own);
      this.#handle = handle;
      this.#keyType = keyType;
      forgottenKeys?.register(this, handle, this);
    }

    /** 'rsa' or 'ec'. */
    get keyType() {
      return this.#keyType;
    }

    get keyPairId() {
      return this.#keyPairId;
    }

    getSignedUrl(options) {
      const request = signArguments(ownOptions(options, SIGN_OPTIONS, 'getSignedUrl()'), this.#keyPairId, this.#algorithm);
      return unwrap(this.#live().signUrl(...request));
    }

    getSignedCookies(options) {
      const request = signArguments(ownOptions(options, SIGN_OPTIONS, 'getSignedCookies()'), this.#keyPairId, this.#algorithm);
      return unwrap(this.#live().signCookies(...request));
    }

    /** Frees the parsed key and zeroizes it. Later calls throw. Safe to call twice. */
    dispose() {
      if (!this.#handle) return;
      forgottenKeys?.unregister(this);
      forgetKey(this.#handle);
      this.#handle = null;
    }

    [disposeSymbol]() {
      this.dispose();
    }

    #live() {
      if (!this.#handle) fail('INVALID_ARGUMENT', 'this CloudFrontSigner has been disposed');
      requireRandomSource();
      return this.#handle;
    }
  }

  // One-shot calls: the same options as @aws-sdk/cloudfront-signer.
  const ONE_SHOT_OPTIONS = [...new Set([...KEY_OPTIONS, ...SIGN_OPTIONS])];
  function oneShot(options, where, sign) {
    const own = ownOptions(options, ONE_SHOT_OPTIONS, where);
    const keyPairId = checkKeyPairId(own.keyPairId);
    const request = signArguments(own, keyPairId, 'SHA1');
    requireRandomSource();
    return unwrap(sign(cachedKey(own).handle, request));
  }

  function getSignedUrl(options) {
    return oneShot(options, 'getSignedUrl()', (handle, request) => handle.signUrl(...request));
  }

  function getSignedCookies(options) {
    return oneShot(options, 'getSignedCookies()', (handle, request) => handle.signCookies(...request));
  }

  function buildPolicy(options) {
    const own = ownOptions(options, POLICY_OPTIONS, 'buildPolicy()');
    if (own.dateLessThan === undefined) fail('INVALID_DATE', 'dateLessThan is required');
    const url = optionalString(own.url, 'url', LIMITS.url, 'INVALID_URL');
    return unwrap(wasm.buildPolicy({
      // One of the two: a resource used as given, or a URL encoded as getSignedUrl encodes it.
      resource: url === undefined
        ? requiredString(own.resource, 'resource', LIMITS.url)
        : optionalString(own.resource, 'resource', LIMITS.url),
      url,
      dateLessThan: optionalEpochSeconds(own.dateLessThan, 'dateLessThan'),
      dateGreaterThan: optionalEpochSeconds(own.dateGreaterThan, 'dateGreaterThan'),
      ipAddress: optionalString(own.ipAddress, 'ipAddress', LIMITS.ipAddress, 'INVALID_IP'),
      order: checkOrder(own.order),
    }));
  }

  function verifyOptions(options) {
    const own = ownOptions(options, VERIFY_OPTIONS, 'verify');
    // `now` is a date like any other; a request made within second N is checked at second N.
    const now = own.now === undefined ? Date.now() : dateMilliseconds(own.now, 'now');
    return {
      keys: publicKeyMap(own.publicKeys, checkKeyPairId),
      settings: {
        now: Math.floor(now / 1000),
        sourceIp: optionalString(own.sourceIp, 'sourceIp', LIMITS.ipAddress, 'INVALID_IP'),
      },
    };
  }

  // Epoch seconds from the core become Dates.
  function withDates(result) {
    const value = unwrap(result);
    value.dateLessThan = new Date(value.dateLessThan * 1000);
    if (hasOwn(value, 'dateGreaterThan')) value.dateGreaterThan = new Date(value.dateGreaterThan * 1000);
    return value;
  }

  function verifySignedUrl(url, options) {
    const { keys, settings } = verifyOptions(options);
    return withDates(wasm.verifyUrl(requiredString(url, 'url', LIMITS.url, 'INVALID_URL'), keys, settings));
  }

  function verifySignedCookies(url, cookies, options) {
    const { keys, settings } = verifyOptions(options);
    const values = cookieValues(cookies, signingCookies);
    return withDates(wasm.verifyCookies(requiredString(url, 'url', LIMITS.url, 'INVALID_URL'), values, keys, settings));
  }

  // Reading a signed URL or signed cookies without a key, with the verifier's own parsing.
  function decodeSignedUrl(url) {
    return withDates(wasm.decodeUrl(requiredString(url, 'url', LIMITS.url, 'INVALID_URL')));
  }

  function decodeSignedCookies(url, cookies) {
    const values = cookieValues(cookies, signingCookies);
    return withDates(wasm.decodeCookies(requiredString(url, 'url', LIMITS.url, 'INVALID_URL'), values));
  }

  function generateKeyPair(options = {}) {
    const own = ownOptions(options, ['type', 'format'], 'generateKeyPair()');
    const type = own.type ?? 'rsa';
    if (type !== 'rsa' && type !== 'ec') fail('INVALID_ARGUMENT', 'type must be "rsa" or "ec"');
    const format = checkKeyFormat(own.format);
    requireRandomSource();
    return unwrap(wasm.generateKeyPair(type, format));
  }

  return {
    getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
    verifySignedCookies, decodeSignedUrl, decodeSignedCookies, generateKeyPair, clearKeyCache,
    CloudFrontSignerError, SIGNING_PARAMETERS,
  };
}
