// Inputs an attacker or a careless caller passes: dates that are not dates, polluted
// prototypes, oversized inputs, key pair IDs that would inject cookie attributes, and
// repeated cookies. Each must give an exact error code and leave the module working.
const { readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { thrownBy } = require('../support/assertions.cjs');
const {
  CloudFrontSigner, CloudFrontSignerError, buildPolicy, getSignedCookies, getSignedUrl,
  verifySignedCookies, verifySignedUrl,
} = require('../../dist/index.cjs');

const ROOT = join(__dirname, '..', '..');
const KEY_DIR = join(ROOT, 'tests', 'fixtures', 'keys');
const RSA = readFileSync(join(KEY_DIR, 'rsa2048-pkcs1.pem'), 'utf8');
const RSA_PUBLIC = readFileSync(join(KEY_DIR, 'rsa2048-public.pem'), 'utf8');
const URL = 'https://d111111abcdef8.cloudfront.net/private/video.mp4';
const KEY = { keyPairId: 'K2JCJMDEHXQW5F', privateKey: RSA };
const BASE = { ...KEY, url: URL, dateLessThan: '2030-01-01T00:00:00Z' };
const PUBLIC_KEYS = { K2JCJMDEHXQW5F: RSA_PUBLIC };

function codeOf(thunk) {
  const error = thrownBy(thunk);
  expect(error).toBeInstanceOf(CloudFrontSignerError);
  return error.code;
}

// After any refusal the module must still sign and verify.
function expectModuleWorks() {
  const url = getSignedUrl(BASE);
  expect(verifySignedUrl(url, { publicKeys: PUBLIC_KEYS, now: Date.UTC(2029, 0, 1) }).keyPairId).toBe('K2JCJMDEHXQW5F');
}

const throwingToString = { toString() { throw new Error('no'); } };
const NOT_DATES = [
  ['null', null], ['false', false], ['true', true], ["''", ''], ['[]', []], ['{}', {}], ['10n', 10n],
  ['a Symbol', Symbol('now')], ['a throwing toString', throwingToString], ['NaN', NaN], ['Infinity', Infinity],
  ['-Infinity', -Infinity], ['an Invalid Date', new Date(NaN)], ['1e300', 1e300], ['"now"', 'now'],
  ['a date-looking object', Object.create(Date.prototype)],
  ['+05:99', '2029-06-01T00:00:00+05:99'], ['+24:00', '2029-06-01T00:00:00+24:00'], ['Feb 30', '2029-02-30'],
  ['24:00', '2029-06-01T24:00:00Z'], ['12:60', '2029-06-01T12:60:00Z'], ['a leap second', '2029-06-30T23:59:60Z'],
  ['month 13', '2029-13-01'], ['a long string', `2029-06-01${' '.repeat(200)}`],
];

describe('`now` and every date option: a Date, a finite number or a date string, own properties only', () => {
  // Signed for a window that ended an hour before the real now of this test.
  const expired = getSignedUrl({ ...BASE, dateLessThan: Date.now() - 3600_000 });

  test.each(NOT_DATES)('verifySignedUrl({ now: %s }) is INVALID_DATE', (_label, now) => {
    expect(codeOf(() => verifySignedUrl(expired, { publicKeys: PUBLIC_KEYS, now }))).toBe('INVALID_DATE');
    const cookies = getSignedCookies({ ...BASE, dateLessThan: Date.now() - 3600_000 });
    expect(codeOf(() => verifySignedCookies(URL, cookies, { publicKeys: PUBLIC_KEYS, now }))).toBe('INVALID_DATE');
    expectModuleWorks();
  });

  test.each(NOT_DATES)('dateLessThan and dateGreaterThan %s are INVALID_DATE in every signing function', (_label, date) => {
    const signer = new CloudFrontSigner(KEY);
    try {
      const calls = [
        (options) => getSignedUrl({ ...BASE, ...options }),
        (options) => getSignedCookies({ ...BASE, ...options }),
        (options) => signer.getSignedUrl({ url: URL, dateLessThan: BASE.dateLessThan, ...options }),
        (options) => signer.getSignedCookies({ url: URL, dateLessThan: BASE.dateLessThan, ...options }),
        (options) => buildPolicy({ resource: URL, dateLessThan: BASE.dateLessThan, ...options }),
      ];
      for (const call of calls) {
        expect(codeOf(() => call({ dateLessThan: date }))).toBe('INVALID_DATE');
        expect(codeOf(() => call({ dateGreaterThan: date }))).toBe('INVALID_DATE');
      }
    } finally {
      signer.dispose();
    }
    expectModuleWorks();
  });

  test('an inherited Object.prototype.now is ignored: the expired URL stays EXPIRED', () => {
    Object.prototype.now = Date.UTC(2000, 0, 1); // eslint-disable-line no-extend-native
    try {
      expect(codeOf(() => verifySignedUrl(expired, { publicKeys: PUBLIC_KEYS }))).toBe('EXPIRED');
    } finally {
      delete Object.prototype.now;
    }
  });

  test('inherited signing options are ignored: a polluted prototype changes nothing', () => {
    const clean = getSignedUrl({ ...BASE, dateLessThan: 1893456000000 });
    const polluted = {
      policy: '{"Statement":[{"Resource":"https://*","Condition":{"DateLessThan":{"AWS:EpochTime":2147483647}}}]}',
      ipAddress: '10.0.0.1', dateGreaterThan: 1, algorithm: 'SHA256', passphrase: 'x', sourceIp: '10.0.0.1',
    };
    Object.assign(Object.prototype, polluted);
    try {
      expect(getSignedUrl({ ...BASE, dateLessThan: 1893456000000 })).toBe(clean);
      const signer = new CloudFrontSigner(KEY);
      expect(signer.getSignedUrl({ url: URL, dateLessThan: 1893456000000 })).toBe(clean);
      signer.dispose();
      expect(buildPolicy({ resource: URL, dateLessThan: 1893456000000 }))
        .toBe(`{"Statement":[{"Resource":"${URL}","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}`);
      const verified = verifySignedUrl(clean, { publicKeys: PUBLIC_KEYS, now: Date.UTC(2029, 0, 1) });
      expect(Object.keys(verified).sort()).toEqual(['algorithm', 'customPolicy', 'dateLessThan', 'keyPairId', 'policy', 'resource', 'url']);
    } finally {
      for (const name of Object.keys(polluted)) delete Object.prototype[name];
    }
  });

  test('init and initSync ignore an inherited Object.prototype.wasm', async () => {
    const { init, initSync } = require('../../dist/init.cjs');
    Object.prototype.wasm = readFileSync(join(ROOT, 'dist', 'cfsigner.wasm')); // eslint-disable-line no-extend-native
    try {
      expect(() => initSync({})).toThrow(TypeError);
      await expect(init({})).rejects.toThrow(TypeError);
    } finally {
      delete Object.prototype.wasm;
    }
  });

  test('dateGreaterThan: NaN is refused, not dropped', () => {
    expect(codeOf(() => getSignedUrl({ ...BASE, dateGreaterThan: NaN }))).toBe('INVALID_DATE');
    expect(codeOf(() => buildPolicy({ resource: URL, dateLessThan: BASE.dateLessThan, dateGreaterThan: NaN })))
      .toBe('INVALID_DATE');
  });

  test('the date forms: Date, milliseconds, ISO 8601 (UTC without an offset), RFC 2822, toString()', () => {
    const expires = (dateLessThan) => Number(/Expires=(\d+)/.exec(getSignedUrl({ ...BASE, dateLessThan }))[1]);
    const at = Date.UTC(2029, 5, 1, 12, 0, 0) / 1000;
    for (const form of [
      new Date(at * 1000), at * 1000, '2029-06-01T12:00:00Z', '2029-06-01T12:00:00', '2029-06-01 12:00:00',
      '2029-06-01T12:00', '2029-06-01T14:00:00+02:00', '2029-06-01T07:00:00-0500', '2029-06-01T12:00:00.499Z',
      '2029-06-01T11:59:59.5Z', 'Fri, 01 Jun 2029 12:00:00 GMT', '1 Jun 2029 12:00:00 +0000',
      'Fri Jun 01 2029 14:00:00 GMT+0200 (Central European Summer Time)', ' 2029-06-01T12:00:00Z ',
    ]) {
      expect([form, expires(form)]).toEqual([form, at]);
    }
    expect(expires('2029-06-01')).toBe(Date.UTC(2029, 5, 1) / 1000);
    expect(expires('2029-6-1')).toBe(Date.UTC(2029, 5, 1) / 1000);
  });

  test('an offset-less date-time is UTC whatever the machine\'s time zone', () => {
    const script = `const { getSignedUrl } = require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))});
      process.stdout.write(getSignedUrl(${JSON.stringify({ ...BASE, dateLessThan: '2029-06-01T12:00:00.6' })}));`;
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
      const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: zone } });
      expect([zone, run.stderr, /Expires=(\d+)/.exec(run.stdout)?.[1]]).toEqual([zone, '', String(Date.UTC(2029, 5, 1, 12, 0, 1) / 1000)]);
    }
  });
});

describe('oversized input is refused before it reaches wasm memory (TOO_LARGE)', () => {
  const huge = (bytes) => `${URL}?q=${'a'.repeat(bytes)}`;

  test.each([
    ['a 100 MB URL', () => getSignedUrl({ ...BASE, url: huge(100 * 1024 * 1024) })],
    ['a 300 MB URL', () => getSignedUrl({ ...BASE, url: huge(300 * 1024 * 1024) })],
    ['a 300 MB URL to verify', () => verifySignedUrl(huge(300 * 1024 * 1024), { publicKeys: PUBLIC_KEYS })],
    ['a URL one byte over 8192', () => getSignedUrl({ ...BASE, url: huge(8193 - URL.length - 3) })],
    ['a URL of 2731 three-byte characters', () => getSignedUrl({ ...BASE, url: `${URL}?${'€'.repeat(2731)}` })],
    ['a 9 KB policy', () => getSignedUrl({ ...KEY, policy: `{"Statement":[${' '.repeat(9000)}]}` })],
    ['a 1 MB buildPolicy resource', () => buildPolicy({ resource: huge(1 << 20), dateLessThan: BASE.dateLessThan })],
    ['a 100 MB private key string', () => getSignedUrl({ ...BASE, privateKey: RSA + ' '.repeat(100 << 20) })],
    ['100 MB of private key bytes', () => getSignedUrl({ ...BASE, privateKey: new Uint8Array(100 << 20) })],
    ['a 64 MB ArrayBuffer key', () => new CloudFrontSigner({ ...KEY, privateKey: new ArrayBuffer(64 << 20) })],
    ['a 10 MB passphrase', () => getSignedUrl({ ...BASE, passphrase: 'p'.repeat(10 << 20) })],
    ['a 10 MB passphrase as bytes', () => new CloudFrontSigner({ ...KEY, passphrase: new Uint8Array(10 << 20) })],
    ['a 10 MB public key', () => verifySignedUrl(getSignedUrl(BASE), { publicKeys: { K2JCJMDEHXQW5F: RSA_PUBLIC + ' '.repeat(10 << 20) } })],
    ['10 MB of public key bytes', () => verifySignedUrl(getSignedUrl(BASE), { publicKeys: new Map([['K2JCJMDEHXQW5F', new Uint8Array(10 << 20)]]) })],
    ['a 10 MB key pair ID', () => getSignedUrl({ ...BASE, keyPairId: 'K'.repeat(10 << 20) })],
    ['a 10 MB key pair ID in publicKeys', () => verifySignedUrl(getSignedUrl(BASE), { publicKeys: { ['K'.repeat(10 << 20)]: RSA_PUBLIC } })],
    ['a 10 MB ipAddress', () => getSignedUrl({ ...BASE, ipAddress: '1'.repeat(10 << 20) })],
    ['a 10 MB sourceIp', () => verifySignedUrl(getSignedUrl(BASE), { publicKeys: PUBLIC_KEYS, sourceIp: '1'.repeat(10 << 20) })],
    ['a 10 MB Cookie header', () => verifySignedCookies(URL, `a=${'b'.repeat(10 << 20)}`, { publicKeys: PUBLIC_KEYS })],
    ['a 10 MB signature cookie', () => verifySignedCookies(URL, { 'CloudFront-Signature': 's'.repeat(10 << 20) }, { publicKeys: PUBLIC_KEYS })],
    ['a 10 MB URL with cookies', () => verifySignedCookies(huge(10 << 20), {}, { publicKeys: PUBLIC_KEYS })],
  ])('%s', (_label, call) => {
    expect(codeOf(call)).toBe('TOO_LARGE');
    expectModuleWorks();
  });

  test('inputs at the limits still work', () => {
    // Under 8192 bytes, so it reaches the core, which refuses the signed URL it would make.
    const url = `${URL}?q=${'a'.repeat(8192 - URL.length - 3)}`;
    expect(codeOf(() => getSignedUrl({ ...BASE, url }))).toBe('TOO_LARGE');
    const shorter = `${URL}?q=${'a'.repeat(7000 - 700)}`;
    expect(verifySignedUrl(getSignedUrl({ ...BASE, url: shorter }), { publicKeys: PUBLIC_KEYS, now: Date.UTC(2029, 0, 1) }).url).toBe(shorter);
  });
});

describe('key pair IDs: CloudFront characters only, checked in every function and in the constructor', () => {
  const BAD_IDS = ['', 'K; Domain=evil.com', 'K,K2', 'K K', 'K"', "K'", 'K=1', 'K\t', 'K\r\nSet-Cookie: x=1', 'K\u00001', 'K/', 'K%3B', 'K€'];

  test.each(BAD_IDS)('%j is INVALID_ARGUMENT', (keyPairId) => {
    expect(codeOf(() => getSignedUrl({ ...BASE, keyPairId }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => getSignedCookies({ ...BASE, keyPairId }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => new CloudFrontSigner({ ...KEY, keyPairId }))).toBe('INVALID_ARGUMENT');
    const url = getSignedUrl(BASE);
    expect(codeOf(() => verifySignedUrl(url, { publicKeys: { [keyPairId]: RSA_PUBLIC, ...PUBLIC_KEYS } }))).toBe('INVALID_ARGUMENT');
    expectModuleWorks();
  });

  test('a non-string ID in a publicKeys Map is INVALID_ARGUMENT', () => {
    const url = getSignedUrl(BASE);
    for (const id of [1, Symbol('K'), null]) {
      expect(codeOf(() => verifySignedUrl(url, { publicKeys: new Map([[id, RSA_PUBLIC]]) }))).toBe('INVALID_ARGUMENT');
    }
  });

  test('CloudFront-shaped IDs, and the AWS CLI test vectors\' my_id, still sign', () => {
    for (const keyPairId of ['K2JCJMDEHXQW5F', 'APKAEIBAERJR2EXAMPLE', 'my_id']) {
      expect(getSignedCookies({ ...BASE, keyPairId })['CloudFront-Key-Pair-Id']).toBe(keyPairId);
    }
  });
});

describe('repeated cookies', () => {
  const cookies = getSignedCookies(BASE);
  const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  const options = { publicKeys: PUBLIC_KEYS, now: Date.UTC(2029, 0, 1) };

  test('a repeated unrelated CloudFront-* cookie is allowed', () => {
    expect(verifySignedCookies(URL, `CloudFront-Foo=1; ${header}; CloudFront-Foo=2`, options).keyPairId).toBe('K2JCJMDEHXQW5F');
  });

  test.each(Object.keys(cookies))('a repeated %s is MALFORMED', (name) => {
    expect(codeOf(() => verifySignedCookies(URL, `${header}; ${name}=${cookies[name]}`, options))).toBe('MALFORMED');
  });

  test('cookie values that are not strings are INVALID_ARGUMENT, not a TypeError', () => {
    const bad = { ...cookies, 'CloudFront-Signature': throwingToString };
    expect(codeOf(() => verifySignedCookies(URL, bad, options))).toBe('INVALID_ARGUMENT');
  });
});

describe('start-up failures name their cause', () => {
  test('under `ulimit -v 8G` the error says why the module did not start', () => {
    const script = `try { require(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))}); console.log('started'); } catch (e) { console.log(e.message); }`;
    const run = spawnSync('bash', ['-c', `ulimit -v 8388608 && exec "$0" -e "$1"`, process.execPath, script], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^cloudfront-signer-wasm: the WebAssembly module did not start: RangeError: WebAssembly\.[A-Za-z]+\(\): .*memory.*ulimit -v/);
  });
});
