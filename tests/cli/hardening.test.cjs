// cfsign against hostile files and values: devices and FIFOs as key files, oversized
// files, cookie-attribute injection through --key-pair-id, out-of-range dates and
// Expires values. Each is one clear line and a non-zero exit, never a hang or a crash.
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync, readFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { AWS_FIXTURES, CLI, KEY_FIXTURES, ROOT, cfsign, expectOneLineError } = require('./cli-helpers.cjs');

const KEY = join(AWS_FIXTURES, 'test-sign-key.pem');
const SIGN = ['sign', '--url', 'https://d111111abcdef8.cloudfront.net/a.jpg', '--key-pair-id', 'K1', '--date-less-than', '2030-01-01'];

let dir;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfsign-hardening-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// spawnSync with a deadline: a hang shows as a kill signal instead of a stuck suite.
function cfsignWithin(args, seconds = 30) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: seconds * 1000, env: { ...process.env, CFSIGN_DEBUG: '' },
  });
  expect(result.signal).toBeNull();
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('key files: regular files only, with a size cap', () => {
  test.each([
    ['/dev/zero', '--private-key'], ['/dev/urandom', '--private-key'], ['/dev/null', '--private-key'],
    ['/dev/zero', '--passphrase-file'],
  ])('%s as %s is refused at once', (device, flag) => {
    const args = flag === '--private-key' ? [...SIGN, flag, device] : [...SIGN, '--private-key', KEY, flag, device];
    expectOneLineError(cfsignWithin(args), { code: 'FILE_ERROR', exitCode: 252, contains: [flag, device, 'not a regular file'] });
  });

  test('a FIFO as the key file does not wait for a writer', () => {
    const fifo = join(dir, 'key.fifo');
    execFileSync('mkfifo', [fifo]);
    expectOneLineError(cfsignWithin([...SIGN, '--private-key', `file://${fifo}`]), {
      code: 'FILE_ERROR', exitCode: 252, contains: ['--private-key', 'not a regular file'],
    });
    expectOneLineError(cfsignWithin(['verify', 'https://d.net/a?Expires=1&Signature=x&Key-Pair-Id=K', '--key-pair-id', 'K', '--public-key', fifo]), {
      code: 'FILE_ERROR', exitCode: 252, contains: ['--public-key', 'not a regular file'],
    });
  });

  test('a key file over 64 KiB is TOO_LARGE', () => {
    const big = join(dir, 'big.pem');
    writeFileSync(big, readFileSync(KEY, 'utf8') + '\n'.repeat(70_000));
    expectOneLineError(cfsignWithin([...SIGN, '--private-key', big]), { code: 'TOO_LARGE', exitCode: 252, contains: ['--private-key', '65536'] });
  });
});

test('--key-pair-id cannot inject cookie attributes', () => {
  for (const id of ['K; Domain=evil.com', 'K,2', 'K 2', 'K=2']) {
    const result = cfsignWithin(['sign-cookies', '--resource', 'https://d.net/a', '--key-pair-id', id, '--private-key', KEY, '--date-less-than', '2030-01-01']);
    expectOneLineError(result, { code: 'INVALID_ARGUMENT', exitCode: 252, contains: ['--key-pair-id'] });
  }
});

describe('dates', () => {
  test.each([
    '2030-01-01T00:00:00+05:99', '2030-01-01T00:00:00+24:00', '2030-01-01T24:00:00', '2030-01-01T12:60:00',
    '2030-06-30T23:59:60Z', '2030-02-29', '2030-13-01',
  ])('%s is not a date', (date) => {
    const args = [...SIGN.slice(0, -2), '--date-less-than', date, '--private-key', KEY];
    expectOneLineError(cfsignWithin(args), { code: 'INVALID_DATE', exitCode: 252, contains: ['--date-less-than'] });
  });

  test('cfsign and the API read a date the same way: UTC without an offset, rounded to the second', () => {
    const { getSignedUrl } = require('../../dist/index.cjs');
    const pem = readFileSync(KEY, 'utf8');
    for (const date of ['2030-01-01T10:00:00.6', '2030-01-01T10:00:00.4', '2030-01-01 10:00', 'Tue, 01 Jan 2030 10:00:00 GMT']) {
      const result = cfsignWithin([...SIGN.slice(0, -2), '--date-less-than', date, '--private-key', KEY, '--json']);
      expect(result.stderr).toBe('');
      const api = getSignedUrl({ url: 'https://d111111abcdef8.cloudfront.net/a.jpg', keyPairId: 'K1', privateKey: pem, dateLessThan: date });
      expect([date, JSON.parse(result.stdout).expiresEpoch]).toEqual([date, Number(/Expires=(\d+)/.exec(api)[1])]);
    }
  });
});

describe('inspect', () => {
  test.each([['2147483648', '2147483648'], ['20 nines', '9'.repeat(20)], ['400 nines', '9'.repeat(400)]])('Expires=%s is a clear MALFORMED, not INTERNAL', (_label, expires) => {
    const url = `https://d.net/a?Expires=${expires}&Signature=abcd&Key-Pair-Id=K`;
    for (const extra of [[], ['--json']]) {
      expectOneLineError(cfsignWithin(['inspect', url, ...extra]), { code: 'MALFORMED', exitCode: 252, contains: ['Expires', '2038-01-19T03:14:07Z'] });
    }
  });

  test('standard base64 (+ / =) in Signature or Policy is not CloudFront base64', () => {
    // The verifier's codes: an unreadable Signature cannot match (BAD_SIGNATURE), an unreadable Policy is MALFORMED.
    for (const url of ['https://d.net/a?Expires=1893456000&Signature=ab+d&Key-Pair-Id=K', 'https://d.net/a?Expires=1893456000&Signature=ab/d&Key-Pair-Id=K',
      'https://d.net/a?Expires=1893456000&Signature=ab==&Key-Pair-Id=K']) {
      expectOneLineError(cfsignWithin(['inspect', url]), { code: 'BAD_SIGNATURE', exitCode: 252, contains: ['Signature', 'CloudFront base64'] });
    }
    expectOneLineError(cfsignWithin(['inspect', 'https://d.net/a?Policy=e30=&Signature=abcd&Key-Pair-Id=K']), {
      code: 'MALFORMED', exitCode: 252, contains: ['Policy', 'CloudFront base64'],
    });
  });

  test.each([
    ['a 20-digit AWS:EpochTime', '99999999999999999999', ['DateLessThan', '2038-01-19T03:14:07Z']],
    ['an AWS:EpochTime in exponent form', '1e300', ['DateLessThan', 'exponent']],
  ])('a policy with %s is a clear MALFORMED', (_label, epoch, contains) => {
    const policy = Buffer.from(`{"Statement":[{"Resource":"https://d.net/a","Condition":{"DateLessThan":{"AWS:EpochTime":${epoch}}}}]}`)
      .toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
    expectOneLineError(cfsignWithin(['inspect', `https://d.net/a?Policy=${policy}&Signature=abcd&Key-Pair-Id=K`]), {
      code: 'MALFORMED', exitCode: 252, contains,
    });
  });
});

test('under `ulimit -v 8G` cfsign names the real cause', () => {
  const pem = join(KEY_FIXTURES, 'rsa2048-pkcs1.pem');
  const run = spawnSync('bash', ['-c', 'ulimit -v 8388608 && exec "$0" "$@"', process.execPath, CLI, ...SIGN, '--private-key', pem], {
    cwd: ROOT, encoding: 'utf8', timeout: 30_000,
  });
  expect(run.status).toBe(255);
  expect(run.stderr).toMatch(/^cfsign sign: INTERNAL: cannot load cloudfront-signer-wasm: .*did not start: RangeError: .*memory.*ulimit -v/);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
});
