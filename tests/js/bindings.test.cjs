// The embind bindings called directly, without the JS layer's checks in front:
// each one refuses a value it cannot take with INVALID_ARGUMENT instead of
// guessing (SHA-1 for an unknown algorithm, RSA for an unknown key type, a
// truncated number), and the module keeps working afterwards.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const createCfsignerModule = require('../../build/wasm/cfsigner.cjs');

const ROOT = join(__dirname, '..', '..');
const KEY_DIR = join(ROOT, 'tests', 'fixtures', 'keys');
const RSA_PUBLIC = readFileSync(join(KEY_DIR, 'rsa2048-public.pem'), 'utf8');

// The raw module, started the way js/instantiate.js starts it.
function startModule() {
  const wasmModule = new WebAssembly.Module(readFileSync(join(ROOT, 'build', 'wasm', 'cfsigner.wasm')));
  const moduleArg = {
    instantiateWasm(imports, receiveInstance) {
      const instance = new WebAssembly.Instance(wasmModule, imports);
      receiveInstance(instance, wasmModule);
      return instance.exports;
    },
    print() {},
    printErr() {},
  };
  createCfsignerModule(moduleArg).catch?.(() => {});
  return moduleArg;
}

const wasm = startModule();
const POLICY = { resource: 'https://d.net/a', dateLessThan: 1893456000 };

// Puts bytes into wasm memory for a call that reads them there.
function inWasm(bytes, call) {
  const address = wasm._malloc(Math.max(bytes.length, 1));
  wasm.HEAPU8.set(bytes, address);
  try {
    return call(address, bytes.length);
  } finally {
    wasm._free(address);
  }
}

function loadedKey(file) {
  const handle = new wasm.SigningKey();
  const result = inWasm(readFileSync(join(KEY_DIR, file)), (address, length) => handle.load(address, length, 0, 0, false));
  expect(result).toEqual({ value: file.startsWith('ec') ? 'ec' : 'rsa' });
  return handle;
}

// A signing request as the bindings take it: one argument per field (js/api.js, signArguments).
function signArguments(fields) {
  const { url, keyPairId, policy, dateLessThan, dateGreaterThan, ipAddress, algorithm, order } = fields;
  return [url, keyPairId, policy, dateLessThan, dateGreaterThan, ipAddress, algorithm, order];
}
const SIGN = { url: 'https://d.net/a', keyPairId: 'K1', dateLessThan: 1893456000 };

function refusal(result) {
  expect(result).toEqual({ code: 'INVALID_ARGUMENT', message: expect.any(String) });
  return result.message;
}

afterAll(() => {
  // Nothing above may have broken the module.
  expect(wasm.buildPolicy(POLICY).value).toBe('{"Statement":[{"Resource":"https://d.net/a","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}');
});

describe('numbers must be whole seconds a double holds exactly', () => {
  test('the control: whole seconds are taken', () => {
    expect(wasm.buildPolicy(POLICY).value).toContain('"AWS:EpochTime":1893456000');
    expect(wasm.buildPolicy({ ...POLICY, dateGreaterThan: 1893455000 }).value).toContain('"DateGreaterThan":{"AWS:EpochTime":1893455000}');
  });

  test.each([
    ['a fraction', 1893456000.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['beyond 2^53', 2 ** 60],
    ['a numeric string', '1893456000'],
    ['a Date', new Date('2030-01-01')],
    ['a boolean', true],
  ])('dateLessThan as %s', (_, value) => {
    expect(refusal(wasm.buildPolicy({ ...POLICY, dateLessThan: value }))).toBe('dateLessThan must be a whole number of seconds');
    expect(refusal(wasm.buildPolicy({ ...POLICY, dateGreaterThan: value }))).toBe('dateGreaterThan must be a whole number of seconds');
  });

  test('verify: now is required and must be whole seconds', () => {
    const keys = new Map([['K1', RSA_PUBLIC]]);
    const url = 'https://d.net/a?Expires=1&Signature=AAAA&Key-Pair-Id=K1';
    expect(wasm.verifyUrl(url, keys, { now: 0 }).code).toBe('BAD_SIGNATURE');
    expect(refusal(wasm.verifyUrl(url, keys, {}))).toBe('now is required (epoch seconds)');
    expect(refusal(wasm.verifyUrl(url, keys, { now: 0.25 }))).toBe('now must be a whole number of seconds');
    expect(refusal(wasm.verifyUrl(url, keys, { now: NaN }))).toBe('now must be a whole number of seconds');
  });
});

describe('strings must be strings', () => {
  test.each([
    ['resource', { ...POLICY, resource: 42 }],
    ['ipAddress', { ...POLICY, ipAddress: ['10.0.0.1'] }],
  ])('buildPolicy %s', (name, options) => {
    expect(refusal(wasm.buildPolicy(options))).toBe(`${name} must be a string`);
  });

  test('URLs given to verify and decode', () => {
    const keys = new Map([['K1', RSA_PUBLIC]]);
    expect(refusal(wasm.verifyUrl(42, keys, { now: 0 }))).toBe('url must be a string');
    expect(refusal(wasm.verifyCookies(undefined, {}, keys, { now: 0 }))).toBe('url must be a string');
    expect(refusal(wasm.decodeUrl(null))).toBe('url must be a string');
    expect(refusal(wasm.decodeCookies({}, {}))).toBe('url must be a string');
  });

  test('cookie values', () => {
    expect(wasm.decodeCookies('https://d.net/a', { 'CloudFront-Expires': '1' }).code).toBe('MISSING_KEY_PAIR_ID');
    expect(refusal(wasm.decodeCookies('https://d.net/a', { 'CloudFront-Expires': 1 }))).toBe('CloudFront-Expires must be a string');
  });
});

describe('objects must be objects', () => {
  test.each([[42], ['text'], [null], [undefined]])('options %p', (options) => {
    expect(refusal(wasm.buildPolicy(options))).toBe('options must be an object');
  });

  test('each field of a signing request is checked for its type', () => {
    const handle = loadedKey('ec-p256-pkcs8.pem');
    expect(handle.signUrl(...signArguments(SIGN)).value).toContain('Signature=');
    const wrong = [
      ['url', 42, 'url must be a string'],
      ['keyPairId', ['K1'], 'keyPairId must be a string'],
      ['policy', {}, 'policy must be a string'],
      ['dateLessThan', '1893456000', 'dateLessThan must be a whole number of seconds'],
      ['dateGreaterThan', 1.5, 'dateGreaterThan must be a whole number of seconds'],
      ['ipAddress', 10, 'ipAddress must be a string'],
      ['algorithm', 256, 'algorithm must be a string'],
      ['order', 'aws', 'order must be "aws-sdk" or "aws-cli"'],
    ];
    for (const [field, value, message] of wrong) {
      expect(refusal(handle.signUrl(...signArguments({ ...SIGN, [field]: value })))).toBe(message);
      expect(refusal(handle.signCookies(...signArguments({ ...SIGN, [field]: value })))).toBe(message);
    }
    handle.delete();
  });

  test('cookies, and the public keys, which must be a Map of PEM text or DER bytes', () => {
    expect(refusal(wasm.decodeCookies('https://d.net/a', 'CloudFront-Expires=1'))).toBe('cookies must be an object');
    const url = 'https://d.net/a?Expires=1&Signature=AAAA&Key-Pair-Id=K1';
    expect(refusal(wasm.verifyUrl(url, { K1: RSA_PUBLIC }, { now: 0 }))).toBe('publicKeys must be a Map from key pair ID to public key');
    expect(refusal(wasm.verifyUrl(url, new Map([['K1', 42]]), { now: 0 })))
      .toBe('a public key must be PEM text or DER bytes (a Uint8Array)');
    expect(refusal(wasm.verifyUrl(url, new Map([['K1', [48, 130]]]), { now: 0 })))
      .toBe('a public key must be PEM text or DER bytes (a Uint8Array)');
  });
});

describe('names are one of the known ones, never a default', () => {
  test('algorithm: absent means SHA1; "SHA1" and "SHA256" are taken; anything else is refused', () => {
    const handle = loadedKey('rsa2048-pkcs1.pem');
    const sign = (algorithm) => handle.signUrl(...signArguments({ ...SIGN, algorithm }));
    expect(sign(undefined).value).not.toContain('Hash-Algorithm');
    expect(sign('SHA1').value).not.toContain('Hash-Algorithm');
    expect(sign('SHA256').value).toContain('&Hash-Algorithm=SHA256');
    for (const algorithm of ['sha256', 'SHA-256', 'MD5', '']) {
      expect(refusal(sign(algorithm))).toBe('algorithm must be "SHA1" or "SHA256"');
      expect(refusal(handle.signCookies(...signArguments({ ...SIGN, algorithm }))))
        .toBe('algorithm must be "SHA1" or "SHA256"');
    }
    expect(refusal(sign(256))).toBe('algorithm must be a string');
    handle.delete();
  });

  test('key type: "rsa" or "ec", nothing else', () => {
    expect(wasm.generateKeyPair('ec', 'pkcs8').value.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    for (const type of ['RSA', 'dsa', '', undefined, 1]) {
      expect(refusal(wasm.generateKeyPair(type, 'pkcs8'))).toBe('type must be "rsa" or "ec"');
    }
  });

  test('key format: "pkcs8" or "pkcs1", nothing else', () => {
    for (const format of ['PKCS8', 'pem', '', undefined, 8]) {
      expect(refusal(wasm.generateKeyPair('ec', format))).toBe('format must be "pkcs8" or "pkcs1"');
    }
  });
});

describe('key bytes must lie in wasm memory', () => {
  test('an address past the end, or a length that runs past it', () => {
    const end = wasm.HEAPU8.length;
    const handle = new wasm.SigningKey();
    expect(refusal(handle.load(end + 16, 10, 0, 0, false))).toBe('the key is not a block of wasm memory');
    expect(refusal(handle.load(16, end, 0, 0, false))).toBe('the key is not a block of wasm memory');
    expect(refusal(handle.load(0, 10, 0, 0, false))).toBe('the key is not a block of wasm memory');
    expect(refusal(handle.load(16, 10, end, 10, true))).toBe('the passphrase is not a block of wasm memory');
    expect(refusal(wasm.keyFingerprint(end, 1, 0, 0, false))).toBe('the key is not a block of wasm memory');
    handle.delete();
    const fingerprint = (text) => inWasm(Buffer.from(text), (address, length) => wasm.keyFingerprint(address, length, 0, 0, false)).value;
    expect(fingerprint('key')).toHaveLength(44);
    expect(fingerprint('key')).toBe(fingerprint('key'));
    expect(fingerprint('key')).not.toBe(fingerprint('kez'));
  });
});
