// Bad input, table-driven: every row must throw a CloudFrontSignerError with an
// exact code, through each API that can take it, and leave the module usable.
const { readFileSync, readdirSync } = require('node:fs');
const { thrownBy } = require('../support/assertions.cjs');
const { join } = require('node:path');
const {
  CloudFrontSigner, CloudFrontSignerError, getSignedCookies, getSignedUrl, generateKeyPair,
} = require('../../dist/index.cjs');

const KEY_DIR = join(__dirname, '..', 'fixtures', 'keys');
const key = (name) => readFileSync(join(KEY_DIR, name), 'utf8');

const RSA = key('rsa2048-pkcs1.pem');
const PASSPHRASE = 'correct-horse';
const WRONG_PASSPHRASE = 'Tr0ub4dor&3';
const URL = 'https://d111111abcdef8.cloudfront.net/private/video.mp4';
const EXPIRES = '2030-01-01T00:00:00Z'; // 1893456000
const BASE = { keyPairId: 'K2JCJMDEHXQW5F', privateKey: RSA, url: URL, dateLessThan: EXPIRES };

// Every base64 line of every fixture key: no error message may quote one.
const KEY_LINES = readdirSync(KEY_DIR)
  .filter((name) => name.endsWith('.pem'))
  .flatMap((name) => key(name).split('\n'))
  .filter((line) => /^[A-Za-z0-9+/=]{16,}$/.test(line));

const statement = (overrides = {}) => ({
  Resource: 'https://d111111abcdef8.cloudfront.net/private/*',
  Condition: { DateLessThan: { 'AWS:EpochTime': 1893456000 } },
  ...overrides,
});
const policyOf = (...statements) => JSON.stringify({ Statement: statements });
// Options for a custom-policy row: no dateLessThan (the policy carries it).
const withPolicy = (policy, extra = {}) => ({ dateLessThan: undefined, policy, ...extra });
const HUGE_RESOURCE = `https://d111111abcdef8.cloudfront.net/${'a'.repeat(8200)}`;

// Where a row of options overrides runs. A signer takes the key options in its
// constructor and the rest in its sign call.
const KEY_OPTION_NAMES = ['keyPairId', 'privateKey', 'passphrase', 'algorithm'];
function viaSigner(method) {
  return (options) => {
    const keyOptions = {};
    const signOptions = {};
    for (const [name, value] of Object.entries(options)) {
      (KEY_OPTION_NAMES.includes(name) ? keyOptions : signOptions)[name] = value;
    }
    const signer = new CloudFrontSigner(keyOptions);
    try {
      return signer[method](signOptions);
    } finally {
      signer.dispose();
    }
  };
}
const TARGETS = {
  getSignedUrl,
  getSignedCookies,
  'CloudFrontSigner#getSignedUrl': viaSigner('getSignedUrl'),
  'CloudFrontSigner#getSignedCookies': viaSigner('getSignedCookies'),
};
const ALL = Object.keys(TARGETS);
const URL_ONLY = ['getSignedUrl', 'CloudFrontSigner#getSignedUrl'];

// BASE with the overrides applied; an override of undefined removes the option.
function optionsWith(overrides) {
  const options = { ...BASE, ...overrides };
  for (const [name, value] of Object.entries(overrides)) if (value === undefined) delete options[name];
  return options;
}

function disposedSigner() {
  const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA });
  signer.dispose();
  signer.dispose(); // twice is harmless
  return signer;
}

// [description, options overrides (or a call), expected code, targets (default: all four)]
const ROWS = [
  // Keys
  ['garbage key', { privateKey: 'not a key at all' }, 'INVALID_KEY'],
  ['empty key string', { privateKey: '' }, 'INVALID_KEY'],
  ['empty key bytes', { privateKey: new Uint8Array(0) }, 'INVALID_KEY'],
  ['truncated PEM', { privateKey: RSA.slice(0, 900) }, 'INVALID_KEY'],
  ['PEM without its END line', { privateKey: RSA.replace(/-----END[^\n]*\n?$/, '') }, 'INVALID_KEY'],
  ['RSA public key as private', { privateKey: key('rsa2048-public.pem') }, 'INVALID_KEY'],
  ['EC public key as private', { privateKey: key('ec-p256-public.pem') }, 'INVALID_KEY'],
  ['RSA-1024', { privateKey: key('rsa1024.pem') }, 'UNSUPPORTED_KEY'],
  ['RSA-4096', { privateKey: key('rsa4096.pem') }, 'UNSUPPORTED_KEY'],
  ['Ed25519', { privateKey: key('ed25519.pem') }, 'UNSUPPORTED_KEY'],
  ['EC P-384', { privateKey: key('ec-p384.pem') }, 'UNSUPPORTED_KEY'],
  ...[
    ['PKCS#1 AES-256', 'rsa2048-pkcs1-aes256.pem'],
    ['PKCS#1 DES3', 'rsa2048-pkcs1-des3.pem'],
    ['PKCS#8 AES-256', 'rsa2048-pkcs8-aes256.pem'],
    ['PKCS#8 DES3', 'rsa2048-pkcs8-des3.pem'],
    ['EC PKCS#8 AES-128', 'ec-p256-pkcs8-aes128.pem'],
  ].flatMap(([label, file]) => [
    [`${label} without passphrase`, { privateKey: key(file) }, 'WRONG_PASSPHRASE'],
    [`${label} with an empty passphrase`, { privateKey: key(file), passphrase: '' }, 'WRONG_PASSPHRASE'],
    [`${label} with a wrong passphrase`, { privateKey: key(file), passphrase: WRONG_PASSPHRASE }, 'WRONG_PASSPHRASE'],
    [`${label} with a wrong passphrase as bytes`,
      { privateKey: key(file), passphrase: Buffer.from(WRONG_PASSPHRASE) }, 'WRONG_PASSPHRASE'],
  ]),
  ['privateKey is a number', { privateKey: 42 }, 'INVALID_KEY'],
  ['privateKey is an object', { privateKey: { pem: RSA } }, 'INVALID_KEY'],
  ['privateKey is null', { privateKey: null }, 'INVALID_KEY'],
  ['privateKey is missing', { privateKey: undefined }, 'INVALID_KEY'],

  // Dates
  ['unparseable date', { dateLessThan: 'next tuesday' }, 'INVALID_DATE'],
  ['NaN milliseconds', { dateLessThan: Number.NaN }, 'INVALID_DATE'],
  ['dateLessThan past 2038', { dateLessThan: '2039-01-01' }, 'INVALID_DATE'],
  ['dateLessThan before 1970', { dateLessThan: '1969-12-31' }, 'INVALID_DATE'],
  ['dateGreaterThan after dateLessThan', { dateGreaterThan: '2031-01-01' }, 'INVALID_DATE'],
  ['dateGreaterThan equal to dateLessThan', { dateGreaterThan: EXPIRES }, 'INVALID_DATE'],
  ['missing dateLessThan, no policy', { dateLessThan: undefined }, 'INVALID_DATE'],
  ['dateLessThan is an object', { dateLessThan: { year: 2030 } }, 'INVALID_DATE'],
  ['dateLessThan is true', { dateLessThan: true }, 'INVALID_DATE'],
  ['dateGreaterThan is true', { dateGreaterThan: true }, 'INVALID_DATE'],
  ['dateGreaterThan is an object', { dateGreaterThan: {} }, 'INVALID_DATE'],

  // IP addresses
  ...['1.2.3', '256.1.1.1', '1.2.3.4/33', '1.2.3.4/', '01.2.3.4', ' 1.2.3.4', '1.2.3.4 ', '1.2.3.4/08',
    '::1', '2001:db8::/32', '::ffff:1.2.3.4']
    .map((ip) => [`ipAddress ${JSON.stringify(ip)}`, { ipAddress: ip }, 'INVALID_IP']),
  ['ipAddress with an unpaired surrogate', { ipAddress: '1.2.3.4\uD800' }, 'INVALID_IP'],
  ['ipAddress is a number', { ipAddress: 16909060 }, 'INVALID_ARGUMENT'],

  // URLs
  ...[
    ['ftp:// URL', 'ftp://d111111abcdef8.cloudfront.net/a'],
    ['relative URL', '/path'],
    ['URL without scheme', 'example.com/x'],
    ['uppercase scheme', 'HTTPS://example.com/x'],
    ['empty host', 'https:///x'],
    ['empty URL', ''],
    ['URL with a fragment', `${URL}#x`],
    ...['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm']
      .map((name) => [`URL already carrying ${name}`, `${URL}?a=1&${name}=x`]),
    ['URL with "', 'https://example.com/a"b'],
    ['URL with a backslash', 'https://example.com/a\\b'],
    ['URL with \\u0001', 'https://example.com/a\u0001b'],
    ['URL with \\n', 'https://example.com/a\nb'],
    ['URL with \\u007f', 'https://example.com/a\u007fb'],
    ['URL with an unpaired surrogate', 'https://example.com/a\uD800b'],
  ].map(([label, url]) => [label, { url }, 'INVALID_URL']),
  ['url is a number', { url: 42 }, 'INVALID_ARGUMENT'],
  ['no url and no policy', { url: undefined }, 'INVALID_ARGUMENT'],

  // Sizes (CloudFront's 8,192-byte URL limit)
  ['URL over 8,192 bytes', { url: `${URL}/${'a'.repeat(8200)}` }, 'TOO_LARGE'],
  ['URL whose signed form is over 8,192 bytes', { url: `${URL}/${'a'.repeat(7900)}` }, 'TOO_LARGE', URL_ONLY],
  ['URL whose custom-policy form is over 8,192 bytes',
    { url: `${URL}/${'a'.repeat(4500)}`, ipAddress: '10.0.0.0/8' }, 'TOO_LARGE', URL_ONLY],
  ['valid policy with a Resource over 8,192 bytes',
    withPolicy(policyOf(statement({ Resource: HUGE_RESOURCE })), { url: undefined }), 'TOO_LARGE'],
  ['valid policy padded past 8,192 bytes', withPolicy(policyOf(statement()) + ' '.repeat(8200)), 'TOO_LARGE'],
  ['invalid policy over 8,192 bytes (refused by size first)', withPolicy('x'.repeat(9000)), 'TOO_LARGE'],

  // Custom policies
  ['policy is not JSON', withPolicy('{Statement:'), 'INVALID_POLICY'],
  ['policy is a JSON array', withPolicy('[]'), 'INVALID_POLICY'],
  ['policy with zero statements', withPolicy(policyOf()), 'INVALID_POLICY'],
  ['policy with two statements', withPolicy(policyOf(statement(), statement())), 'INVALID_POLICY'],
  ['policy without DateLessThan',
    withPolicy(policyOf(statement({ Condition: { DateGreaterThan: { 'AWS:EpochTime': 1 } } }))), 'INVALID_POLICY'],
  ['policy EpochTime as a string',
    withPolicy(policyOf(statement({ Condition: { DateLessThan: { 'AWS:EpochTime': '1893456000' } } }))), 'INVALID_POLICY'],
  ['policy EpochTime past 2038',
    withPolicy(policyOf(statement({ Condition: { DateLessThan: { 'AWS:EpochTime': 2200000000 } } }))), 'INVALID_POLICY'],
  ['policy DateGreaterThan not before DateLessThan', withPolicy(policyOf(statement({
    Condition: { DateLessThan: { 'AWS:EpochTime': 100 }, DateGreaterThan: { 'AWS:EpochTime': 100 } } }))), 'INVALID_POLICY'],
  ['policy with an IPv6 SourceIp', withPolicy(policyOf(statement({ Condition: {
    DateLessThan: { 'AWS:EpochTime': 1893456000 }, IpAddress: { 'AWS:SourceIp': '::1' } } }))), 'INVALID_POLICY'],
  ['policy statement with an unknown key', withPolicy(policyOf(statement({ Effect: 'Allow' }))), 'INVALID_POLICY'],
  ['policy with an unknown top-level key',
    withPolicy(JSON.stringify({ Version: '2012-10-17', Statement: [statement()] })), 'INVALID_POLICY'],
  ['policy with a duplicated key', withPolicy(policyOf(statement()).replace('{"Statement"', '{"Statement":[],"Statement"')),
    'INVALID_POLICY'],
  ['policy Resource not covering url',
    withPolicy(policyOf(statement({ Resource: 'https://other.example.com/*' }))), 'INVALID_POLICY'],
  ['policy without Resource and no url',
    withPolicy(policyOf(statement({ Resource: undefined })), { url: undefined }), 'INVALID_ARGUMENT', URL_ONLY],
  ['policy together with dateLessThan', { policy: policyOf(statement()) }, 'INVALID_ARGUMENT'],
  ['policy together with ipAddress', withPolicy(policyOf(statement()), { ipAddress: '1.2.3.4' }), 'INVALID_ARGUMENT'],
  ['policy passed as an object', withPolicy({ Statement: [statement()] }), 'INVALID_ARGUMENT'],

  // keyPairId
  ['empty keyPairId', { keyPairId: '' }, 'INVALID_ARGUMENT'],
  ['missing keyPairId', { keyPairId: undefined }, 'INVALID_ARGUMENT'],
  ['keyPairId is a number', { keyPairId: 12345 }, 'INVALID_ARGUMENT'],
  ['keyPairId with a newline', { keyPairId: 'K1\nSet-Cookie: x' }, 'INVALID_ARGUMENT'],

  // algorithm
  ...['MD5', 'sha256', 'SHA-256', 1].map((algorithm) =>
    [`algorithm ${JSON.stringify(algorithm)}`, { algorithm }, 'INVALID_ARGUMENT']),

  // The options object itself
  ['unknown option dateLessThen (typo)', { dateLessThan: undefined, dateLessThen: EXPIRES }, 'INVALID_ARGUMENT'],
  ['unknown option next to valid ones', { expires: EXPIRES }, 'INVALID_ARGUMENT'],
  ...[['a string', 'options'], ['null', null], ['undefined', undefined], ['an array', [BASE]], ['a number', 7]]
    .flatMap(([label, value]) => [
      [`getSignedUrl(${label})`, () => getSignedUrl(value), 'INVALID_ARGUMENT'],
      [`getSignedCookies(${label})`, () => getSignedCookies(value), 'INVALID_ARGUMENT'],
      [`new CloudFrontSigner(${label})`, () => new CloudFrontSigner(value), 'INVALID_ARGUMENT'],
    ]),
  ['CloudFrontSigner#getSignedUrl(null)', () => withSigner((signer) => signer.getSignedUrl(null)), 'INVALID_ARGUMENT'],
  ['CloudFrontSigner#getSignedCookies("x")', () => withSigner((signer) => signer.getSignedCookies('x')),
    'INVALID_ARGUMENT'],
  ['CloudFrontSigner#getSignedUrl with keyPairId (a constructor option)',
    () => withSigner((signer) => signer.getSignedUrl({ url: URL, dateLessThan: EXPIRES, keyPairId: 'K9' })),
    'INVALID_ARGUMENT'],
  ['new CloudFrontSigner with a sign option (url)',
    () => new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA, url: URL }), 'INVALID_ARGUMENT'],

  // Disposed signers
  ['getSignedUrl after dispose()',
    () => disposedSigner().getSignedUrl({ url: URL, dateLessThan: EXPIRES }), 'INVALID_ARGUMENT'],
  ['getSignedCookies after dispose()',
    () => disposedSigner().getSignedCookies({ url: URL, dateLessThan: EXPIRES }), 'INVALID_ARGUMENT'],
  ['[Symbol.dispose]() then getSignedUrl', () => {
    const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA });
    signer[Symbol.dispose]();
    return signer.getSignedUrl({ url: URL, dateLessThan: EXPIRES });
  }, 'INVALID_ARGUMENT'],

  ['generateKeyPair({ type: "dsa" })', () => generateKeyPair({ type: 'dsa' }), 'INVALID_ARGUMENT'],
];

function withSigner(use) {
  const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA });
  try {
    return use(signer);
  } finally {
    signer.dispose();
  }
}

// One case per row and target: [title, thunk, code].
const CASES = ROWS.flatMap(([description, input, code, targets = ALL]) => {
  if (typeof input === 'function') return [[description, input, code]];
  return targets.map((target) => [`${description} → ${target}`, () => TARGETS[target](optionsWith(input)), code]);
});

console.log(`bad-input: ${ROWS.length} rows, ${CASES.length} cases`);


let expectedValidUrl;
beforeAll(() => {
  // RSA PKCS#1 v1.5 is deterministic: the same call always gives the same URL.
  expectedValidUrl = getSignedUrl(BASE);
  expect(expectedValidUrl).toMatch(new RegExp(`^${URL}\\?Expires=1893456000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=[A-Za-z0-9~_-]+$`));
  expect(KEY_LINES.length).toBeGreaterThan(100);
});

describe('bad input throws CloudFrontSignerError with an exact code', () => {
  test.each(CASES)('%s', (_title, thunk, code) => {
    const error = thrownBy(thunk);
    expect(error).toBeInstanceOf(CloudFrontSignerError);
    expect(error).toBeInstanceOf(Error);
    expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
    expect(error.name).toBe('CloudFrontSignerError');
    expect(error.message.trim()).not.toBe('');
    expect(error.message).not.toContain('-----BEGIN');
    const leaked = KEY_LINES.filter((line) => error.message.includes(line));
    expect(leaked).toEqual([]);
    // The module keeps working after the failure.
    expect(getSignedUrl(BASE)).toBe(expectedValidUrl);
  });
});

describe('boundaries next to the refused rows', () => {
  test('a URL too long only once signed still makes cookies; a shorter URL signs', () => {
    const url = `${URL}/${'a'.repeat(7900)}`;
    expect(() => getSignedUrl({ ...BASE, url })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(getSignedCookies({ ...BASE, url })['CloudFront-Expires']).toBe(1893456000);
    const shorter = `${URL}/${'a'.repeat(7700)}`;
    expect(getSignedUrl({ ...BASE, url: shorter }).length).toBeLessThanOrEqual(8192);
  });

  test('the right passphrase opens each encrypted key the wrong one was refused for', () => {
    for (const file of ['rsa2048-pkcs1-aes256.pem', 'rsa2048-pkcs1-des3.pem', 'rsa2048-pkcs8-aes256.pem',
      'rsa2048-pkcs8-des3.pem']) {
      expect(getSignedUrl({ ...BASE, privateKey: key(file), passphrase: PASSPHRASE })).toBe(expectedValidUrl);
    }
    const ec = getSignedUrl({ ...BASE, privateKey: key('ec-p256-pkcs8-aes128.pem'), passphrase: PASSPHRASE });
    expect(ec.startsWith(`${URL}?Expires=1893456000&Key-Pair-Id=K2JCJMDEHXQW5F&Signature=`)).toBe(true);
  });

  test('a custom-policy cookie over the 4,096-byte browser limit is TOO_LARGE; URLs still sign', () => {
    const url = `${URL}/${'a'.repeat(3200)}`;
    expect(() => getSignedCookies({ ...BASE, url, ipAddress: '10.0.0.1' })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(getSignedCookies({ ...BASE, url: `${URL}/${'a'.repeat(2800)}`, ipAddress: '10.0.0.1' })['CloudFront-Policy'].length)
      .toBeLessThanOrEqual(4096 - 'CloudFront-Policy='.length);
    expect(getSignedUrl({ ...BASE, url, ipAddress: '10.0.0.1' })).toContain('?Policy=');
  });

  test('an empty ipAddress is left out, as aws-sdk does', () => {
    expect(getSignedUrl({ ...BASE, ipAddress: '' })).toBe(expectedValidUrl);
  });

  test('dateGreaterThan one second before dateLessThan is accepted', () => {
    const url = getSignedUrl({ ...BASE, dateGreaterThan: '2029-12-31T23:59:59Z' });
    expect(url).toContain('?Policy=');
  });

  // A wrong passphrase can decrypt to bytes whose CBC padding happens to be valid;
  // these pairs did so once, and must still read as WRONG_PASSPHRASE.
  test.each([
    ['ec-p256-pkcs8-aes128.pem', 'wrong-horse'],
    ['rsa2048-pkcs8-des3.pem', 'wrong19'],
    ['rsa2048-pkcs8-des3.pem', 'wrong130'],
    ['rsa2048-pkcs1-aes256.pem', 'wrong132'],
    ['rsa2048-pkcs1-aes256.pem', 'wrong152'],
  ])('%s with the passphrase %s is WRONG_PASSPHRASE', (file, passphrase) => {
    const error = thrownBy(() => getSignedUrl({ ...BASE, privateKey: key(file), passphrase }));
    expect(error.code).toBe('WRONG_PASSPHRASE');
  });
});
