// The public API, built on an instantiated wasm module. Each runtime's entry
// loads the module its own way and calls createApi once.
import { CloudFrontSignerError, fail } from './errors.js';
import {
  KEY_OPTIONS, POLICY_OPTIONS, SIGN_OPTIONS, VERIFY_OPTIONS, checkAlgorithm, checkKeyFormat, checkOptionsObject,
  checkOrder, cookieValues, epochSeconds, optionalString, publicKeyMap, requiredString, secretBytes,
} from './options.js';

const disposeSymbol = Symbol.dispose ?? Symbol.for('nodejs.dispose');

function unwrap(result) {
  if (result.code !== undefined) throw new CloudFrontSignerError(result.code, result.message);
  return result.value;
}

export function createApi(wasm) {
  // Copies secrets into wasm memory for one call, then wipes and frees them.
  function withSecretsInWasm(secrets, call) {
    const blocks = secrets.map((bytes) => {
      const address = bytes ? wasm._malloc(Math.max(bytes.length, 1)) : 0;
      if (bytes) wasm.HEAPU8.set(bytes, address);
      return { address, length: bytes ? bytes.length : 0 };
    });
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

  function secretInputs({ privateKey, passphrase }) {
    if (privateKey === undefined || privateKey === null) fail('INVALID_KEY', 'privateKey is required');
    const keyBytes = secretBytes(privateKey, 'privateKey', 'INVALID_KEY');
    const passphraseBytes = passphrase === undefined || passphrase === null
      ? null : secretBytes(passphrase, 'passphrase', 'INVALID_ARGUMENT');
    return [keyBytes, passphraseBytes];
  }

  // Parses a key file already in wasm memory into a new SigningKey handle.
  function parseKey(key, pass, hasPassphrase) {
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
  // least recently used first out. Entries are found by a SHA-256 fingerprint of the
  // key file and passphrase, so the cache holds no copy of either; the parsed key
  // lives in wasm memory and is zeroized when it leaves the cache.
  const KEY_CACHE_LIMIT = 8;
  const keyCache = new Map();

  function forgetKey(handle) {
    handle.dispose();
    handle.delete();
  }

  function cachedKey(options) {
    const secrets = secretInputs(options);
    return withSecretsInWasm(secrets, (key, pass) => {
      const hasPassphrase = secrets[1] !== null;
      const fingerprint = wasm.keyFingerprint(key.address, key.length, pass.address, pass.length, hasPassphrase);
      let entry = keyCache.get(fingerprint);
      if (entry) {
        keyCache.delete(fingerprint);
      } else {
        entry = parseKey(key, pass, hasPassphrase);
        if (keyCache.size >= KEY_CACHE_LIMIT) {
          const [oldest, evicted] = keyCache.entries().next().value;
          keyCache.delete(oldest);
          forgetKey(evicted.handle);
        }
      }
      keyCache.set(fingerprint, entry);
      return entry;
    });
  }

  function clearKeyCache() {
    for (const { handle } of keyCache.values()) forgetKey(handle);
    keyCache.clear();
  }

  function signRequest(options, keyPairId, defaultAlgorithm) {
    return {
      url: optionalString(options.url, 'url', 'INVALID_URL'),
      keyPairId,
      policy: optionalString(options.policy, 'policy', 'INVALID_POLICY'),
      dateLessThan: epochSeconds(options.dateLessThan, 'dateLessThan', { required: false }),
      dateGreaterThan: epochSeconds(options.dateGreaterThan, 'dateGreaterThan', { required: false }),
      ipAddress: optionalString(options.ipAddress, 'ipAddress', 'INVALID_IP'),
      algorithm: checkAlgorithm(options.algorithm) ?? defaultAlgorithm,
      order: checkOrder(options.order),
    };
  }

  function checkKeyPairId(keyPairId) {
    return requiredString(keyPairId, 'keyPairId');
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
      checkOptionsObject(options, KEY_OPTIONS, 'new CloudFrontSigner()');
      this.#keyPairId = checkKeyPairId(options.keyPairId);
      this.#algorithm = checkAlgorithm(options.algorithm) ?? 'SHA1';
      const { handle, keyType } = loadKey(options);
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
      checkOptionsObject(options, SIGN_OPTIONS, 'getSignedUrl()');
      return unwrap(this.#live().signUrl(signRequest(options, this.#keyPairId, this.#algorithm)));
    }

    getSignedCookies(options) {
      checkOptionsObject(options, SIGN_OPTIONS, 'getSignedCookies()');
      return unwrap(this.#live().signCookies(signRequest(options, this.#keyPairId, this.#algorithm)));
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
      return this.#handle;
    }
  }

  // One-shot calls: the same options as @aws-sdk/cloudfront-signer.
  function oneShot(options, where, sign) {
    checkOptionsObject(options, [...new Set([...KEY_OPTIONS, ...SIGN_OPTIONS])], where);
    const keyPairId = checkKeyPairId(options.keyPairId);
    const request = signRequest(options, keyPairId, 'SHA1');
    return unwrap(sign(cachedKey(options).handle, request));
  }

  function getSignedUrl(options) {
    return oneShot(options, 'getSignedUrl()', (handle, request) => handle.signUrl(request));
  }

  function getSignedCookies(options) {
    return oneShot(options, 'getSignedCookies()', (handle, request) => handle.signCookies(request));
  }

  function buildPolicy(options) {
    checkOptionsObject(options, POLICY_OPTIONS, 'buildPolicy()');
    const url = optionalString(options.url, 'url', 'INVALID_URL');
    return unwrap(wasm.buildPolicy({
      // One of the two: a resource used as given, or a URL encoded as getSignedUrl encodes it.
      resource: url === undefined ? requiredString(options.resource, 'resource') : optionalString(options.resource, 'resource'),
      url,
      dateLessThan: epochSeconds(options.dateLessThan, 'dateLessThan', { required: true }),
      dateGreaterThan: epochSeconds(options.dateGreaterThan, 'dateGreaterThan', { required: false }),
      ipAddress: optionalString(options.ipAddress, 'ipAddress', 'INVALID_IP'),
      order: checkOrder(options.order),
    }));
  }

  function verifyOptions(options) {
    checkOptionsObject(options, VERIFY_OPTIONS, 'verify');
    const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
    if (Number.isNaN(now)) fail('INVALID_DATE', 'now is not a valid date');
    return {
      keys: publicKeyMap(options.publicKeys),
      settings: { now: Math.floor(now / 1000), sourceIp: optionalString(options.sourceIp, 'sourceIp', 'INVALID_IP') },
    };
  }

  function verified(result) {
    const value = unwrap(result);
    value.dateLessThan = new Date(value.dateLessThan * 1000);
    if (value.dateGreaterThan !== undefined) value.dateGreaterThan = new Date(value.dateGreaterThan * 1000);
    return value;
  }

  function verifySignedUrl(url, options) {
    const { keys, settings } = verifyOptions(options);
    return verified(wasm.verifyUrl(requiredString(url, 'url', 'INVALID_URL'), keys, settings));
  }

  function verifySignedCookies(url, cookies, options) {
    const { keys, settings } = verifyOptions(options);
    const values = cookieValues(cookies);
    return verified(wasm.verifyCookies(requiredString(url, 'url', 'INVALID_URL'), values, keys, settings));
  }

  function generateKeyPair(options = {}) {
    checkOptionsObject(options, ['type', 'format'], 'generateKeyPair()');
    const type = options.type ?? 'rsa';
    if (type !== 'rsa' && type !== 'ec') fail('INVALID_ARGUMENT', 'type must be "rsa" or "ec"');
    return unwrap(wasm.generateKeyPair(type, checkKeyFormat(options.format)));
  }

  return {
    getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
    verifySignedCookies, generateKeyPair, clearKeyCache, CloudFrontSignerError,
  };
}
