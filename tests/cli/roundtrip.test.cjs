// keygen -> sign -> verify with keys the CLI made, and each way verify says no.
const crypto = require('node:crypto');
const { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cfsign, cloudFrontBase64Decode, expectOneLineError, queryParams } = require('./cli-helpers.cjs');

let dir;
const keys = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfsign-roundtrip-'));
  for (const type of ['rsa', 'ec']) {
    const outDir = join(dir, type);
    const result = cfsign(['keygen', '--type', type, '--out-dir', outDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    keys[type] = { private: join(outDir, 'private_key.pem'), public: join(outDir, 'public_key.pem'), id: `K${type.toUpperCase()}TEST` };
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const URL = 'https://d111111abcdef8.cloudfront.net/private/report.pdf';

function sign(type, extra = []) {
  const result = cfsign(['sign', '--url', URL, '--key-pair-id', keys[type].id, '--private-key', `file://${keys[type].private}`,
    '--date-less-than', '+1h', ...extra]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.trim();
}

function verify(type, url, extra = []) {
  return cfsign(['verify', url, '--key-pair-id', keys[type].id, '--public-key', `file://${keys[type].public}`, ...extra]);
}

describe('keygen', () => {
  test.each([
    ['rsa', 'PKCS#1', 'RSA PRIVATE KEY'],
    ['ec', 'PKCS#8', 'PRIVATE KEY'],
  ])('%s: a %s private key at mode 0600 and an SPKI public key', (type, _, label) => {
    expect(statSync(keys[type].private).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys[type].private, 'utf8')).toMatch(new RegExp(`^-----BEGIN ${label}-----\n`));
    expect(readFileSync(keys[type].public, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    // Node's own parser reads what Mbed TLS wrote, and the two halves belong together.
    const privateKey = crypto.createPrivateKey(readFileSync(keys[type].private));
    expect(privateKey.asymmetricKeyType).toBe(type);
    expect(crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' })).toBe(readFileSync(keys[type].public, 'utf8'));
  });

  test('refuses to overwrite existing keys, and leaves them untouched', () => {
    const before = readFileSync(keys.ec.private, 'utf8');
    const line = expectOneLineError(cfsign(['keygen', '--type', 'ec', '--out-dir', join(dir, 'ec')]),
      { code: 'FILE_EXISTS', exitCode: 252, contains: ['--force'] });
    expect(line).toContain('private_key.pem');
    expect(readFileSync(keys.ec.private, 'utf8')).toBe(before);
  });

  test('--force replaces both files, and the private key is 0600 again', () => {
    const outDir = join(dir, 'forced');
    expect(cfsign(['keygen', '--type', 'ec', '--out-dir', outDir]).code).toBe(0);
    const privatePath = join(outDir, 'private_key.pem');
    chmodSync(privatePath, 0o644);
    const before = readFileSync(privatePath, 'utf8');
    const result = cfsign(['keygen', '--type', 'ec', '--out-dir', outDir, '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(privatePath, 'utf8')).not.toBe(before);
    expect(statSync(privatePath).mode & 0o777).toBe(0o600);
  });

  test('refuses an unknown --type', () => {
    expectOneLineError(cfsign(['keygen', '--type', 'dsa', '--out-dir', join(dir, 'dsa')]), { code: 'USAGE', exitCode: 252, contains: ['rsa or ec'] });
  });

  test('--format pkcs8 writes an RSA key as PKCS#8', () => {
    const outDir = join(dir, 'rsa-pkcs8');
    const result = cfsign(['keygen', '--format', 'pkcs8', '--out-dir', outDir]);
    expect(result.stdout).toContain('RSA-2048 private key, PKCS#8 PEM');
    const pem = readFileSync(join(outDir, 'private_key.pem'), 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(crypto.createPrivateKey(pem).asymmetricKeyType).toBe('rsa');
  });

  test('refuses --format pkcs1 for an ECDSA key, and an unknown --format, writing nothing', () => {
    const outDir = join(dir, 'ec-pkcs1');
    expectOneLineError(cfsign(['keygen', '--type', 'ec', '--format', 'pkcs1', '--out-dir', outDir]),
      { code: 'INVALID_ARGUMENT', exitCode: 252, contains: ['PKCS#1', 'RSA keys only', 'PKCS#8'] });
    expectOneLineError(cfsign(['keygen', '--format', 'der', '--out-dir', outDir]), { code: 'USAGE', exitCode: 252, contains: ['pkcs1 or pkcs8'] });
    expect(existsSync(outDir)).toBe(false);
  });
});

describe.each([
  ['rsa', 'SHA1', []],
  ['rsa', 'SHA256', ['--algorithm', 'SHA256']],
  ['ec', 'SHA256', []],
])('round trip: %s key, %s', (type, algorithm, extra) => {
  test('canned policy: sign, then verify passes', () => {
    const url = sign(type, extra);
    const params = queryParams(url);
    expect(params['Key-Pair-Id']).toBe(keys[type].id);
    expect(params['Hash-Algorithm']).toBe(algorithm === 'SHA256' ? 'SHA256' : undefined);
    if (type === 'rsa') expect(cloudFrontBase64Decode(params.Signature)).toHaveLength(256);
    const result = verify(type, url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^valid: canned policy, ${algorithm}, key ${keys[type].id}, expires .+ \\(in (59m|1h)`));
  });

  test('custom policy with an IP range and a start date: verify passes from inside the range', () => {
    const url = sign(type, [...extra, '--ip-address', '203.0.113.0/24', '--date-greater-than', '-1m']);
    const result = verify(type, url, ['--source-ip', '203.0.113.9', '--json']);
    expect(result.stderr).toBe('');
    const verified = JSON.parse(result.stdout);
    expect(verified).toMatchObject({ valid: true, policyType: 'custom', algorithm, ipAddress: '203.0.113.0/24', resource: URL });
  });

  test('the wrong key: BAD_SIGNATURE, exit 1', () => {
    const url = sign(type, extra);
    const other = type === 'rsa' ? 'ec' : 'rsa';
    const result = cfsign(['verify', url, '--key-pair-id', keys[type].id, '--public-key', keys[other].public]);
    expectOneLineError(result, { code: 'BAD_SIGNATURE', exitCode: 1 });
  });

  test('expired at --now: EXPIRED, exit 1, with the expiry date', () => {
    const url = sign(type, extra);
    const line = expectOneLineError(verify(type, url, ['--now', '+2h']), { code: 'EXPIRED', exitCode: 1, contains: ['UTC'] });
    expect(line).toMatch(/before --now/);
  });

  test('before --date-greater-than: NOT_YET_VALID, exit 1', () => {
    const url = sign(type, [...extra, '--date-greater-than', '+30m']);
    expectOneLineError(verify(type, url), { code: 'NOT_YET_VALID', exitCode: 1 });
  });

  test('the wrong IP: IP_MISMATCH, exit 1; no IP given: IP_MISMATCH too', () => {
    const url = sign(type, [...extra, '--ip-address', '203.0.113.0/24']);
    expectOneLineError(verify(type, url, ['--source-ip', '198.51.100.1']), { code: 'IP_MISMATCH', exitCode: 1, contains: ['198.51.100.1'] });
    expectOneLineError(verify(type, url), { code: 'IP_MISMATCH', exitCode: 1, contains: ['source'] });
  });

  test('a tampered URL: BAD_SIGNATURE for a canned policy, RESOURCE_MISMATCH for a custom one', () => {
    const canned = sign(type, extra).replace('report.pdf', 'secrets.pdf');
    expectOneLineError(verify(type, canned), { code: 'BAD_SIGNATURE', exitCode: 1 });
    const custom = sign(type, [...extra, '--date-greater-than', '-1m']).replace('report.pdf', 'secrets.pdf');
    expectOneLineError(verify(type, custom), { code: 'RESOURCE_MISMATCH', exitCode: 1, contains: ['report.pdf'] });
    const expires = sign(type, extra).replace(/Expires=(\d+)/, (_, n) => `Expires=${Number(n) + 3600}`);
    expectOneLineError(verify(type, expires), { code: 'BAD_SIGNATURE', exitCode: 1 });
  });

  test('an unknown key pair ID: UNKNOWN_KEY, exit 1', () => {
    const url = sign(type, extra);
    const result = cfsign(['verify', url, '--key-pair-id', 'KOTHER', '--public-key', keys[type].public]);
    expectOneLineError(result, { code: 'UNKNOWN_KEY', exitCode: 1, contains: [keys[type].id] });
  });
});

test('verify trusts a key group: several --key-pair-id/--public-key pairs', () => {
  const url = sign('ec');
  const result = cfsign(['verify', url, '--key-pair-id', keys.rsa.id, '--public-key', keys.rsa.public,
    '--key-pair-id', keys.ec.id, '--public-key', keys.ec.public]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`key ${keys.ec.id}`);
});

test('an ECDSA key with --algorithm SHA1 is refused, as by the AWS CLI', () => {
  const result = cfsign(['sign', '--url', URL, '--key-pair-id', 'K', '--private-key', keys.ec.private, '--date-less-than', '+1h', '--algorithm', 'SHA1']);
  expectOneLineError(result, { code: 'USAGE', exitCode: 252, contains: ['SHA256', 'ECDSA'] });
});

test('an encrypted key: --passphrase-file works, a wrong passphrase is one line', () => {
  const keyFile = join(__dirname, '..', 'fixtures', 'keys', 'rsa2048-pkcs8-aes256.pem');
  const passFile = join(dir, 'pass.txt');
  writeFileSync(passFile, 'correct-horse\n');
  const ok = cfsign(['sign', '--url', URL, '--key-pair-id', 'K', '--private-key', keyFile, '--date-less-than', '+1h', '--passphrase-file', passFile]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^https:\/\/.+&Key-Pair-Id=K\n$/);
  expectOneLineError(cfsign(['sign', '--url', URL, '--key-pair-id', 'K', '--private-key', keyFile, '--date-less-than', '+1h', '--passphrase', 'nope']),
    { code: 'WRONG_PASSPHRASE', exitCode: 255 });
  expectOneLineError(cfsign(['sign', '--url', URL, '--key-pair-id', 'K', '--private-key', keyFile, '--date-less-than', '+1h']),
    { code: 'WRONG_PASSPHRASE', exitCode: 255, contains: ['passphrase'] });
});

describe('sign --json and inspect', () => {
  test('--json has the URL, the policy and the expiry', () => {
    const result = cfsign(['sign', '--url', URL, '--key-pair-id', keys.rsa.id, '--private-key', keys.rsa.private,
      '--date-less-than', '2030-06-01T12:00:00+02:00', '--ip-address', '192.0.2.1', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({
      keyPairId: keys.rsa.id, algorithm: 'SHA1', policyType: 'custom', resource: URL,
      expires: '2030-06-01T10:00:00.000Z', expiresEpoch: 1906538400, ipAddress: '192.0.2.1/32',
    });
    expect(out.url.startsWith(`${URL}?Policy=`)).toBe(true);
    expect(JSON.parse(out.policy).Statement[0].Condition.DateLessThan['AWS:EpochTime']).toBe(1906538400);
  });

  test('inspect shows the policy in human terms without a key', () => {
    const url = cfsign(['sign', '--url', URL, '--policy-resource', 'https://d111111abcdef8.cloudfront.net/private/*',
      '--key-pair-id', keys.ec.id, '--private-key', keys.ec.private, '--date-less-than', '2030-01-01',
      '--date-greater-than', '2029-12-31T12:00:00Z', '--ip-address', '198.51.100.0/24']).stdout.trim();
    const result = cfsign(['inspect', url, '--now', '2029-12-31T18:00:00Z']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Key pair ID  ${keys.ec.id}`);
    expect(result.stdout).toMatch(/Policy +custom/);
    expect(result.stdout).toMatch(/Hash +SHA256/);
    expect(result.stdout).toMatch(/Resource +https:\/\/d111111abcdef8\.cloudfront\.net\/private\/\* \(with wildcards\)\n/);
    expect(result.stdout).toMatch(/Expires +2030-01-01 00:00:00 UTC \(in 6h\)/);
    expect(result.stdout).toMatch(/Active from +2029-12-31 12:00:00 UTC \(6h ago\)/);
    expect(result.stdout).toMatch(/Viewer IP +198\.51\.100\.0\/24 only/);
    const json = JSON.parse(cfsign(['inspect', url, '--json', '--now', '2030-02-01']).stdout);
    expect(json).toMatchObject({ policyType: 'custom', state: 'expired', resourceCoversUrl: true, algorithm: 'SHA256' });
  });

  test('inspect of a canned URL, and of a URL that is not signed', () => {
    const url = cfsign(['sign', '--url', URL, '--key-pair-id', 'KX', '--private-key', keys.rsa.private, '--date-less-than', '2030-01-01']).stdout.trim();
    const result = cfsign(['inspect', url]);
    expect(result.stdout).toMatch(/Policy +canned/);
    expect(result.stdout).toMatch(/Signature +256 bytes \(RSA-2048\)/);
    expect(result.stdout).toMatch(/Expires +2030-01-01 00:00:00 UTC/);
    // The package's decodeSignedUrl reads it, so the refusal is the verifier's.
    expectOneLineError(cfsign(['inspect', URL]), { code: 'MISSING_KEY_PAIR_ID', exitCode: 252, contains: ['Key-Pair-Id'] });
  });
});

describe('sign-cookies', () => {
  test('Set-Cookie lines with Domain, Path, Secure and HttpOnly, which verify', () => {
    const result = cfsign(['sign-cookies', '--resource', 'https://d111111abcdef8.cloudfront.net/members/*', '--key-pair-id', keys.rsa.id,
      '--private-key', keys.rsa.private, '--date-less-than', '+1h', '--domain', 'example.com', '--path', '/members']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split('=')[0])).toEqual(['Set-Cookie: CloudFront-Policy', 'Set-Cookie: CloudFront-Signature', 'Set-Cookie: CloudFront-Key-Pair-Id']);
    for (const line of lines) expect(line).toMatch(/; Domain=example\.com; Path=\/members; Secure; HttpOnly$/);
    const header = lines.map((line) => line.slice('Set-Cookie: '.length).split(';')[0]).join('; ');
    const ok = cfsign(['verify', 'https://d111111abcdef8.cloudfront.net/members/a/b.jpg', '--cookie', header, '--key-pair-id', keys.rsa.id, '--public-key', keys.rsa.public]);
    expect(ok.code).toBe(0);
    expectOneLineError(cfsign(['verify', 'https://d111111abcdef8.cloudfront.net/other.jpg', '--cookie', header, '--key-pair-id', keys.rsa.id, '--public-key', keys.rsa.public]),
      { code: 'RESOURCE_MISMATCH', exitCode: 1 });
  });

  test('canned cookies carry CloudFront-Expires', () => {
    const result = cfsign(['sign-cookies', '--url', URL, '--key-pair-id', keys.ec.id, '--private-key', keys.ec.private, '--date-less-than', '2030-01-01', '--json']);
    const out = JSON.parse(result.stdout);
    expect(out.cookies['CloudFront-Expires']).toBe('1893456000');
    expect(out.cookies['CloudFront-Hash-Algorithm']).toBe('SHA256');
    expect(out.policyType).toBe('canned');
    // In the order CloudFront's documentation lists them, as the custom-policy lines above.
    const order = ['CloudFront-Expires', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id', 'CloudFront-Hash-Algorithm'];
    expect(Object.keys(out.cookies)).toEqual(order);
    expect(out.setCookie.map((line) => line.split('=')[0])).toEqual(order);
  });
});

test('a * in --url is a literal character, so the policy is canned, as the AWS CLI signs it', () => {
  const starred = 'https://d111111abcdef8.cloudfront.net/private/*';
  const result = cfsign(['sign', '--url', starred, '--key-pair-id', keys.rsa.id, '--private-key', keys.rsa.private, '--date-less-than', '+1h', '--json']);
  expect(result.code).toBe(0);
  const out = JSON.parse(result.stdout);
  expect(out).toMatchObject({ policyType: 'canned', resource: starred });
  expect(out.url).toMatch(/^https:\/\/d111111abcdef8\.cloudfront\.net\/private\/\*\?Expires=\d+&Signature=[^&]+&Key-Pair-Id=/);
  // It grants that one URL and no other: the signature does not carry over.
  const other = out.url.replace('/private/*?', '/private/other.jpg?');
  expect(verify('rsa', out.url).code).toBe(0);
  expectOneLineError(verify('rsa', other), { code: 'BAD_SIGNATURE', exitCode: 1 });
  // --policy-resource always makes the policy custom, even when it equals --url.
  const same = cfsign(['sign', '--url', URL, '--policy-resource', URL, '--key-pair-id', keys.rsa.id, '--private-key', keys.rsa.private, '--date-less-than', '+1h']);
  expect(same.stdout).toMatch(/\?Policy=[^&]+&Signature=[^&]+&Key-Pair-Id=/);
});

test('a * followed by $ & , ; = : @ signs, encoded, with or without conditions', () => {
  const typed = 'https://d111111abcdef8.cloudfront.net/x*$&,;=:@';
  const encoded = 'https://d111111abcdef8.cloudfront.net/x*%24%26%2C%3B%3D%3A%40';
  for (const extra of [[], ['--ip-address', '192.0.2.1', '--date-greater-than', '2029-12-31']]) {
    const result = cfsign(['sign', '--url', typed, '--key-pair-id', keys.rsa.id, '--private-key', keys.rsa.private, '--date-less-than', '2030-01-01', ...extra, '--json']);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout);
    expect(out.resource).toBe(encoded);
    expect(out.url.startsWith(`${encoded}?`)).toBe(true);
    expect(verify('rsa', out.url, ['--source-ip', '192.0.2.1', '--now', '2029-12-31T12:00:00Z']).code).toBe(0);
  }
});

test('--policy-resource that does not match --url as sent names --policy-resource and the encoding', () => {
  expectOneLineError(cfsign(['sign', '--url', 'https://d111111abcdef8.cloudfront.net/a$b', '--policy-resource', 'https://d111111abcdef8.cloudfront.net/a$*',
    '--key-pair-id', keys.rsa.id, '--private-key', keys.rsa.private, '--date-less-than', '+1h']),
  { code: 'INVALID_POLICY', exitCode: 252, contains: ['--policy-resource', 'percent-encoded', '%24'] });
});
