// The AWS CLI's own published test vectors for `aws cloudfront sign` and `sign-cookies`
// (tests/fixtures/aws-cli/README.md names the source), run through `cfsign`.
const crypto = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { AWS_FIXTURES, cfsign, cloudFrontBase64Decode, expectOneLineError, queryParams } = require('./cli-helpers.cjs');

const fixture = (name) => join(AWS_FIXTURES, name);
const SIGN_CASES = JSON.parse(readFileSync(fixture('sign-test-cases.json'), 'utf8'));
const COOKIE_CASES = JSON.parse(readFileSync(fixture('sign-cookies-test-cases.json'), 'utf8'));
const TEST_SIGN = JSON.parse(readFileSync(fixture('test-sign-vectors.json'), 'utf8'));

// The shared cases' RSA key is RSA-1024, which CloudFront key groups do not accept and the
// package refuses. Those cases are checked twice: the refusal, and everything but the exact
// signature bytes with the AWS CLI's RSA-2048 key from test_sign.py in its place.
const RSA_1024_KEYS = ['test-rsa-key.pem', 'test-rsa-key-pkcs1.pem'];
const RSA_2048_KEY = 'test-sign-key.pem';
const PUBLIC_KEYS = {
  'test-ecdsa-key.pem': readFileSync(fixture('test-ecdsa-key-public.pem'), 'utf8'),
  'test-ecdsa-key-sec1.pem': readFileSync(fixture('test-ecdsa-key-public.pem'), 'utf8'),
  [RSA_2048_KEY]: crypto.createPublicKey(readFileSync(fixture(RSA_2048_KEY))).export({ type: 'spki', format: 'pem' }),
};
const HASH = { 'RSA-SHA1': 'sha1', 'RSA-SHA256': 'sha256', 'ECDSA-SHA256': 'sha256' };
// Before the vectors' expiry (2026-01-01T18:00:00Z) and after their start date.
const VERIFY_AT = '1767250000';

let scratch;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cfsign-vectors-'));
  writeFileSync(join(scratch, 'rsa2048-public.pem'), PUBLIC_KEYS[RSA_2048_KEY]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The AWS CLI's arguments for a case, as its test_sign_shared_cases.py builds them.
function signingArgs(input, keyFile = input.privateKeyFile) {
  const args = ['--key-pair-id', input.keyPairId, '--private-key', `file://${fixture(keyFile)}`];
  if ('expirationDate' in input) args.push('--date-less-than', String(input.expirationDate));
  if ('activeDate' in input) args.push('--date-greater-than', String(input.activeDate));
  if ('ipRange' in input) args.push('--ip-address', input.ipRange);
  if ('hashAlgorithm' in input) args.push('--hash-algorithm', input.hashAlgorithm);
  return args;
}

function signUrlArgs(testCase, keyFile) {
  const { resource } = testCase.input;
  const { applyTo } = testCase.expected;
  const target = applyTo === undefined ? ['--url', resource] : ['--url', applyTo, '--policy-resource', resource];
  return ['sign', ...target, ...signingArgs(testCase.input, keyFile)];
}

// The vectors' expiry dates have passed: cfsign signs them, as the AWS CLI does, and warns.
function expectExpiryWarning(result, command) {
  expect(result.stderr).toMatch(new RegExp(`^cfsign ${command}: warning: --date-less-than is [^\\n]* ago: CloudFront will refuse this signature\\n$`));
}

function expectSignatureVerifies(testCase, keyFile, signature) {
  const { policyJson, signatureAlgorithm } = testCase.expected;
  const ok = crypto.verify(HASH[signatureAlgorithm], Buffer.from(policyJson), PUBLIC_KEYS[keyFile], cloudFrontBase64Decode(signature));
  expect(ok).toBe(true);
}

function publicKeyFileFor(keyFile) {
  return keyFile === RSA_2048_KEY ? join(scratch, 'rsa2048-public.pem') : fixture('test-ecdsa-key-public.pem');
}

describe('aws cloudfront sign, tests/functional/cloudfront/test_sign.py', () => {
  for (const testCase of TEST_SIGN.cases) {
    test(`${testCase.id}: the exact signature and the same URL`, () => {
      const result = cfsign(['sign', '--key-pair-id', TEST_SIGN.keyPairId, '--url', TEST_SIGN.url,
        '--private-key', `file://${fixture(TEST_SIGN.privateKeyFile)}`, '--date-less-than', TEST_SIGN.dateLessThan, ...testCase.extraArgs]);
      expectExpiryWarning(result, 'sign');
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')).toHaveLength(2); // one line, newline-terminated
      const url = result.stdout.trim();
      const params = queryParams(url);
      expect(Object.keys(params).sort()).toEqual([...Object.keys(testCase.queryParams), ...(testCase.anyParams ?? [])].sort());
      for (const [name, value] of Object.entries(testCase.queryParams)) expect(params[name]).toBe(value);
      // botocore's parameter order: Expires or Policy, then Signature, then Key-Pair-Id.
      const first = params.Expires !== undefined ? `Expires=${params.Expires}` : `Policy=${params.Policy}`;
      expect(url).toBe(`${TEST_SIGN.url}?${first}&Signature=${params.Signature}&Key-Pair-Id=${TEST_SIGN.keyPairId}`);
      if (params.Policy !== undefined) {
        expect(cloudFrontBase64Decode(params.Policy).toString()).toBe(
          '{"Statement":[{"Resource":"http://example.com/hi","Condition":{"DateLessThan":{"AWS:EpochTime":1451606400},"IpAddress":{"AWS:SourceIp":"12.34.56.78/32"}}}]}');
      }
    });
  }
});

describe('the copied vectors are intact', () => {
  const published = [...SIGN_CASES, ...COOKIE_CASES].filter((c) => c.expected.signature || c.expected.cookies?.['CloudFront-Signature']);
  test.each(published.map((c) => [c.id, c]))('%s: the published signature verifies with the published public key', (_, testCase) => {
    const signature = testCase.expected.signature ?? testCase.expected.cookies['CloudFront-Signature'];
    const publicKey = readFileSync(fixture('test-rsa-key-public.pem'));
    expect(crypto.verify(HASH[testCase.expected.signatureAlgorithm], Buffer.from(testCase.expected.policyJson), publicKey,
      cloudFrontBase64Decode(signature))).toBe(true);
  });
});

describe('sign-test-cases.json', () => {
  const urlCases = SIGN_CASES.filter((c) => !c.expected.error);
  const errorCases = SIGN_CASES.filter((c) => c.expected.error);

  const rsa1024 = urlCases.filter((c) => RSA_1024_KEYS.includes(c.input.privateKeyFile));
  test.each(rsa1024.map((c) => [c.id, c]))('%s: the RSA-1024 test key is refused clearly', (_, testCase) => {
    expectOneLineError(cfsign(signUrlArgs(testCase)), { code: 'UNSUPPORTED_KEY', exitCode: 255, contains: ['--private-key', '2048'] });
  });

  test.each(urlCases.map((c) => [c.id, c]))('%s: same URL, parameters and policy; the signature verifies', (_, testCase) => {
    const keyFile = RSA_1024_KEYS.includes(testCase.input.privateKeyFile) ? RSA_2048_KEY : testCase.input.privateKeyFile;
    const result = cfsign(signUrlArgs(testCase, keyFile));
    expectExpiryWarning(result, 'sign');
    expect(result.code).toBe(0);
    const url = result.stdout.trim();
    const { expected } = testCase;
    const base = expected.applyTo ?? testCase.input.resource;
    expect(url.startsWith(`${base}${base.includes('?') ? '&' : '?'}`)).toBe(true);
    const params = queryParams(url);
    for (const [name, value] of Object.entries(expected.queryParams)) expect(params[name]).toBe(value);
    const names = new Set([...Object.keys(expected.queryParams), 'Signature']);
    if ('Expires' in expected.queryParams) {
      expect(params.Policy).toBeUndefined();
    } else {
      names.add('Policy');
      expect(cloudFrontBase64Decode(params.Policy).toString('utf8')).toBe(expected.policyJson);
    }
    expect(new Set(Object.keys(params))).toEqual(names);
    expectSignatureVerifies(testCase, keyFile, params.Signature);
    if (keyFile === testCase.input.privateKeyFile && !expected.verifyCryptographically) {
      expect(params.Signature).toBe(expected.signature);
    }
    // And our own verifier accepts it, as CloudFront would.
    const verified = cfsign(['verify', url, '--key-pair-id', testCase.input.keyPairId, '--public-key', `file://${publicKeyFileFor(keyFile)}`,
      '--now', VERIFY_AT, ...(testCase.input.ipRange ? ['--source-ip', testCase.input.ipRange.split('/')[0]] : [])]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^valid: /);
  });

  test.each(errorCases.map((c) => [c.id, c]))('%s: refused with the AWS CLI exit status and message terms', (_, testCase) => {
    const result = cfsign(signUrlArgs(testCase));
    expectOneLineError(result, { exitCode: testCase.expected.returnCode, contains: testCase.expected.errorContains });
  });
});

describe('sign-cookies-test-cases.json', () => {
  const cookieCases = COOKIE_CASES.filter((c) => !c.expected.error);
  const errorCases = COOKIE_CASES.filter((c) => c.expected.error);
  const cookieArgs = (testCase, keyFile) => ['sign-cookies', '--resource', testCase.input.resource, ...signingArgs(testCase.input, keyFile)];

  const rsa1024 = cookieCases.filter((c) => RSA_1024_KEYS.includes(c.input.privateKeyFile));
  test.each(rsa1024.map((c) => [c.id, c]))('%s: the RSA-1024 test key is refused clearly', (_, testCase) => {
    expectOneLineError(cfsign(cookieArgs(testCase)), { code: 'UNSUPPORTED_KEY', exitCode: 255, contains: ['--private-key', '2048'] });
  });

  test.each(cookieCases.map((c) => [c.id, c]))('%s: same cookies and policy; the signature verifies', (_, testCase) => {
    const keyFile = RSA_1024_KEYS.includes(testCase.input.privateKeyFile) ? RSA_2048_KEY : testCase.input.privateKeyFile;
    const result = cfsign([...cookieArgs(testCase, keyFile), '--json']);
    expectExpiryWarning(result, 'sign-cookies');
    expect(result.code).toBe(0);
    const { cookies, policy } = JSON.parse(result.stdout);
    const { expected } = testCase;
    expect(Object.keys(cookies).sort()).toEqual([...new Set([...Object.keys(expected.cookies), 'CloudFront-Signature'])].sort());
    for (const [name, value] of Object.entries(expected.cookies)) {
      if (name !== 'CloudFront-Signature') expect(cookies[name]).toBe(value);
    }
    expect(policy).toBe(expected.policyJson);
    if (cookies['CloudFront-Policy']) expect(cloudFrontBase64Decode(cookies['CloudFront-Policy']).toString()).toBe(expected.policyJson);
    expectSignatureVerifies(testCase, keyFile, cookies['CloudFront-Signature']);

    // The Set-Cookie form carries the same values, and cfsign verify accepts them.
    const lines = cfsign(cookieArgs(testCase, keyFile)).stdout.trim().split('\n');
    expect(lines.every((line) => /^Set-Cookie: CloudFront-[A-Za-z-]+=[^;]+; Path=\/; Secure; HttpOnly$/.test(line))).toBe(true);
    const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const url = testCase.input.resource.replace('*', 'any/file.jpg');
    const verified = cfsign(['verify', url, '--cookie', header, '--key-pair-id', testCase.input.keyPairId,
      '--public-key', publicKeyFileFor(keyFile), '--now', VERIFY_AT,
      ...(testCase.input.ipRange ? ['--source-ip', testCase.input.ipRange.split('/')[0]] : [])]);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^valid: /);
  });

  test.each(errorCases.map((c) => [c.id, c]))('%s: refused with the AWS CLI exit status and message terms', (_, testCase) => {
    expectOneLineError(cfsign(cookieArgs(testCase)), { exitCode: testCase.expected.returnCode, contains: testCase.expected.errorContains });
  });
});
