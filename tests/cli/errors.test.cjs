// Every failure is one line on stderr with a non-zero exit; help and version work.
const { join } = require('node:path');
const { AWS_FIXTURES, KEY_FIXTURES, cfsign, expectOneLineError } = require('./cli-helpers.cjs');

const KEY = join(AWS_FIXTURES, 'test-sign-key.pem');
const BASE = ['sign', '--url', 'https://d111111abcdef8.cloudfront.net/a.jpg', '--key-pair-id', 'K1'];

describe('one-line errors', () => {
  test.each([
    ['a missing --url', ['sign', '--key-pair-id', 'K1', '--private-key', KEY, '--date-less-than', '+1h'], 'USAGE', 252, ['--url', 'required']],
    ['a missing --key-pair-id', ['sign', '--url', 'https://d.net/a', '--private-key', KEY, '--date-less-than', '+1h'], 'USAGE', 252, ['--key-pair-id', 'required']],
    ['a missing --private-key', [...BASE, '--date-less-than', '+1h'], 'USAGE', 252, ['--private-key', 'required']],
    ['a flag without its value', [...BASE, '--private-key', KEY, '--date-less-than'], 'USAGE', 252, ['--date-less-than', 'value']],
    ['an unreadable key file', [...BASE, '--private-key', 'file:///nonexistent/key.pem', '--date-less-than', '+1h'], 'FILE_ERROR', 252, ['/nonexistent/key.pem', 'no such file']],
    ['a key file that is a directory', [...BASE, '--private-key', AWS_FIXTURES, '--date-less-than', '+1h'], 'FILE_ERROR', 252, ['directory']],
    ['a key that is not a key', [...BASE, '--private-key', join(AWS_FIXTURES, 'sign-test-cases.json'), '--date-less-than', '+1h'], 'INVALID_KEY', 255, ['--private-key']],
    ['a public key where the private key goes', [...BASE, '--private-key', join(KEY_FIXTURES, 'rsa2048-public.pem'), '--date-less-than', '+1h'], 'INVALID_KEY', 255, ['--private-key']],
    ['an RSA-4096 key', [...BASE, '--private-key', join(KEY_FIXTURES, 'rsa4096.pem'), '--date-less-than', '+1h'], 'UNSUPPORTED_KEY', 255, ['2048']],
    ['a bad date', [...BASE, '--private-key', KEY, '--date-less-than', 'next tuesday'], 'INVALID_DATE', 252, ['--date-less-than', 'next tuesday', 'YYYY-MM-DD']],
    ['a date that does not exist', [...BASE, '--private-key', KEY, '--date-less-than', '2026-02-30'], 'INVALID_DATE', 252, ['2026-02-30']],
    ['a date past 2038', [...BASE, '--private-key', KEY, '--date-less-than', '2040-01-01'], 'INVALID_DATE', 252, ['2038']],
    ['an unknown relative unit', [...BASE, '--private-key', KEY, '--date-less-than', '+5y'], 'INVALID_DATE', 252, ['+5y']],
    ['an IPv6 address', [...BASE, '--private-key', KEY, '--date-less-than', '+1h', '--ip-address', '::1'], 'INVALID_IP', 252, ['--ip-address', 'IPv4']],
    ['a bad --algorithm', [...BASE, '--private-key', KEY, '--date-less-than', '+1h', '--algorithm', 'MD5'], 'USAGE', 252, ['SHA1 or SHA256']],
    ['a URL that is not http(s)', ['sign', '--url', 'ftp://d.net/a', '--key-pair-id', 'K1', '--private-key', KEY, '--date-less-than', '+1h'], 'INVALID_URL', 252, ['--url']],
    ['a URL that is already signed', ['sign', '--url', 'https://d.net/a?Expires=1&Signature=x&Key-Pair-Id=K', '--key-pair-id', 'K1', '--private-key', KEY, '--date-less-than', '+1h'], 'INVALID_URL', 252, ['--url']],
    ['an unknown option, with a suggestion', [...BASE, '--private-key', KEY, '--date-less-then', '+1h'], 'USAGE', 252, ['--date-less-then', 'did you mean --date-less-than']],
    ['a doubled option', [...BASE, '--private-key', KEY, '--private-key', KEY, '--date-less-than', '+1h'], 'USAGE', 252, ['more than once']],
    ['an unknown command', ['sing'], 'USAGE', 252, ['unknown command', 'did you mean "sign"']],
    ['an option before the command', ['--url', 'x'], 'USAGE', 252, ['unknown option']],
    ['verify without a URL', ['verify', '--key-pair-id', 'K', '--public-key', KEY], 'USAGE', 252, ['required']],
    ['verify with mismatched key pairs', ['verify', 'https://d.net/a?Expires=1&Signature=x&Key-Pair-Id=K', '--key-pair-id', 'K', '--key-pair-id', 'L', '--public-key', KEY], 'USAGE', 252, ['one --public-key per --key-pair-id']],
    ['verify with a private key as the public key', ['verify', 'https://d.net/a?Expires=1&Signature=x&Key-Pair-Id=K', '--key-pair-id', 'K', '--public-key', join(KEY_FIXTURES, 'ec-p256-sec1.pem')], 'INVALID_KEY', 255, ['--public-key']],
    ['verify of an unsigned URL', ['verify', 'https://d.net/a', '--key-pair-id', 'K', '--public-key', join(KEY_FIXTURES, 'rsa2048-public.pem')], 'MISSING_KEY_PAIR_ID', 1, []],
    ['verify with a bad --now', ['verify', 'https://d.net/a', '--key-pair-id', 'K', '--public-key', join(KEY_FIXTURES, 'rsa2048-public.pem'), '--now', 'soon'], 'INVALID_DATE', 252, ['--now']],
    ['inspect of a garbled Policy', ['inspect', 'https://d.net/a?Policy=e30_&Signature=abc_&Key-Pair-Id=K'], 'MALFORMED', 252, ['Statement']],
    ['keygen into a path under a file', ['keygen', '--out-dir', join(KEY, 'sub')], 'FILE_ERROR', 252, ['--out-dir']],
  ])('%s', (_, args, code, exitCode, contains) => {
    expectOneLineError(cfsign(args), { code, exitCode, contains });
  });

  test('usage errors point at the command\'s help', () => {
    const line = expectOneLineError(cfsign([...BASE, '--private-key', KEY]), { code: 'USAGE', exitCode: 252 });
    expect(line).toMatch(/\(see cfsign sign --help\)$/);
  });
});

describe('help and version', () => {
  test('--version prints the package version', () => {
    const result = cfsign(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`cfsign ${require('../../package.json').version}\n`);
    expect(cfsign(['-V']).stdout).toBe(result.stdout);
  });

  test('global help lists every command, with examples', () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const result = cfsign(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      for (const command of ['sign', 'sign-cookies', 'verify', 'inspect', 'keygen', 'upload']) expect(result.stdout).toContain(`  ${command} `);
      expect(result.stdout).toContain('Examples:');
    }
  });

  test.each(['sign', 'sign-cookies', 'verify', 'inspect', 'keygen', 'upload'])('cfsign %s --help has usage and examples', (command) => {
    const result = cfsign([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: cfsign ${command} `));
    expect(result.stdout).toContain('Examples:');
    expect(cfsign(['help', command]).stdout).toBe(result.stdout);
    // --help wins even when other flags are wrong.
    expect(cfsign([command, '--bogus', '-h']).stdout).toBe(result.stdout);
  });
});

describe('dates as the AWS CLI reads them', () => {
  const expiresFor = (date) => {
    const result = cfsign([...BASE, '--private-key', KEY, '--date-less-than', date, '--json']);
    // Dates in the past are signed with a warning (tests/cli/aws-cli-compare.test.cjs).
    expect(result.stderr.replace(/^cfsign sign: warning: --date-less-than is .* CloudFront will refuse this signature\n$/, '')).toBe('');
    return JSON.parse(result.stdout).expiresEpoch;
  };

  test.each([
    ['2016-1-1', 1451606400],
    ['2016-01-01', 1451606400],
    ['2016-01-01T00:00:00', 1451606400],
    ['2016-01-01T01:30:00+01:30', 1451606400],
    ['2015-12-31T19:00:00-05:00', 1451606400],
    ['2016-01-01T00:00:00Z', 1451606400],
    // Fractions round to the nearest second, as the package (and aws-sdk) round; the AWS CLI truncates.
    ['2016-01-01T00:00:00.499Z', 1451606400],
    ['2016-01-01T00:00:00.999Z', 1451606401],
    ['1451606400', 1451606400],
    ['20160101', 20160101],
  ])('%s is epoch %d', (date, epoch) => {
    expect(expiresFor(date)).toBe(epoch);
  });

  test('+30s, +5m, +2h and +7d are relative to now', () => {
    for (const [text, seconds] of [['+30s', 30], ['+5m', 300], ['+2h', 7200], ['+7d', 604800]]) {
      // Bracketed by the clock before and after the run, however long a loaded machine takes.
      const before = Math.floor(Date.now() / 1000);
      const epoch = expiresFor(text);
      const after = Math.ceil(Date.now() / 1000);
      expect(epoch).toBeGreaterThanOrEqual(before + seconds - 1);
      expect(epoch).toBeLessThanOrEqual(after + seconds + 1);
    }
  });
});

test('--private-key accepts file://, a plain path and inline PEM alike', () => {
  const pem = require('node:fs').readFileSync(KEY, 'utf8');
  const outputs = [`file://${KEY}`, KEY, pem].map((value) =>
    cfsign([...BASE, '--private-key', value, '--date-less-than', '2030-01-01']).stdout);
  expect(outputs[0]).toMatch(/^https:\/\//);
  expect(outputs[1]).toBe(outputs[0]);
  expect(outputs[2]).toBe(outputs[0]);
});
