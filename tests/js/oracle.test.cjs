// Our output against @aws-sdk/cloudfront-signer's, from the built package (dist/).
const crypto = require('node:crypto');
const { fromCloudFrontBase64 } = require('../support/assertions.cjs');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const ours = require('../../dist/index.cjs');
const { EC_KEYS, KEY_DIR, RSA_KEYS, allCases, optionsFor } = require('./oracle-cases.cjs');

function sign(library, testCase) {
  const options = optionsFor(testCase);
  return testCase.kind === 'url' ? library.getSignedUrl(options) : library.getSignedCookies(options);
}


// What a signed URL or cookie set claims: the signed policy bytes and the signature.
function signedParts(output) {
  if (typeof output === 'string') {
    const query = output.slice(output.lastIndexOf('?') + 1);
    const params = new URLSearchParams(query.replace(/\+/g, '%2B'));
    const signature = fromCloudFrontBase64(params.get('Signature'));
    if (params.has('Policy')) return { policy: fromCloudFrontBase64(params.get('Policy')), signature };
    const base = output.slice(0, output.search(/[?&]Expires=/));
    const canned = `{"Statement":[{"Resource":${JSON.stringify(base)},"Condition":{"DateLessThan":{"AWS:EpochTime":${params.get('Expires')}}}}]}`;
    return { policy: Buffer.from(canned), signature };
  }
  const signature = fromCloudFrontBase64(output['CloudFront-Signature']);
  if (output['CloudFront-Policy']) return { policy: fromCloudFrontBase64(output['CloudFront-Policy']), signature };
  return { policy: null, signature };
}

function withoutSignature(output) {
  if (typeof output === 'string') return output.replace(/Signature=[^&]*/, 'Signature=…');
  return { ...output, 'CloudFront-Signature': '…' };
}

function digestOf(testCase) {
  return testCase.algorithm === 'SHA256' ? 'sha256' : 'sha1';
}

const rsaCases = allCases(RSA_KEYS);
const ecCases = allCases(EC_KEYS);
// RSA signing in wasm takes ~15 ms: sign each case once and check it several ways.
const ourRsaOutputs = new Map();

describe('RSA: byte-identical to @aws-sdk/cloudfront-signer', () => {
  test(`${rsaCases.length} cases (URLs, cookies, custom policies; PKCS#1, PKCS#8, encrypted)`, () => {
    const mismatches = [];
    for (const testCase of rsaCases) {
      const expected = sign(aws, testCase);
      const actual = sign(ours, testCase);
      ourRsaOutputs.set(testCase, actual);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ testCase, expected, actual });
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  test('signatures verify with node:crypto', () => {
    let checked = 0;
    for (const testCase of rsaCases.filter((c) => c.kind === 'url')) {
      const { policy, signature } = signedParts(ourRsaOutputs.get(testCase) ?? sign(ours, testCase));
      const { privateKey, passphrase } = optionsFor(testCase);
      const publicKey = crypto.createPublicKey({ key: privateKey, passphrase });
      expect(crypto.verify(digestOf(testCase), policy, publicKey, signature)).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('ECDSA P-256: same bytes but the signature, which verifies both ways', () => {
  const publicKey = readFileSync(join(KEY_DIR, 'ec-p256-public.pem'), 'utf8');

  test(`${ecCases.length} cases: everything but the (randomized) signature matches`, () => {
    const mismatches = [];
    for (const testCase of ecCases) {
      const expected = withoutSignature(sign(aws, testCase));
      const actual = withoutSignature(sign(ours, testCase));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ testCase, expected, actual });
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  test('our ECDSA signatures verify with node:crypto (DER, over SHA-1 or SHA-256)', () => {
    for (const testCase of ecCases.filter((c) => c.kind === 'url')) {
      const { policy, signature } = signedParts(sign(ours, testCase));
      expect(signature[0]).toBe(0x30); // a DER SEQUENCE, as CloudFront expects
      expect(crypto.verify(digestOf(testCase), policy, publicKey, signature)).toBe(true);
    }
  });

  test("aws-sdk's ECDSA URLs pass our verifySignedUrl", () => {
    for (const testCase of ecCases.filter((c) => c.kind === 'url' && !c.policy)) {
      const url = sign(aws, testCase);
      const expires = Math.round(new Date(testCase.dateLessThan).getTime() / 1000);
      const result = ours.verifySignedUrl(url, {
        publicKeys: { [testCase.keyPairId]: publicKey },
        now: (expires - 1) * 1000,
        sourceIp: testCase.ipAddress && testCase.ipAddress.split('/')[0],
      });
      expect(result.keyPairId).toBe(testCase.keyPairId);
      expect(result.dateLessThan.getTime()).toBe(expires * 1000);
    }
  });
});

describe('where we differ on purpose (README, "Where we differ")', () => {
  const privateKey = readFileSync(join(KEY_DIR, 'rsa2048-pkcs1.pem'), 'utf8');
  const base = { keyPairId: 'K1', privateKey, dateLessThan: '2027-01-01T00:00:00Z' };

  test('cookie policies use the encoded URL, as signed URLs do', () => {
    const url = 'https://d111111abcdef8.cloudfront.net/my file.txt';
    const cookies = ours.getSignedCookies({ ...base, url, ipAddress: '10.0.0.1' });
    const policy = fromCloudFrontBase64(cookies['CloudFront-Policy']).toString();
    expect(JSON.parse(policy).Statement[0].Resource).toBe('https://d111111abcdef8.cloudfront.net/my%20file.txt');
    const theirs = aws.getSignedCookies({ ...base, url, ipAddress: '10.0.0.1' });
    expect(JSON.parse(fromCloudFrontBase64(theirs['CloudFront-Policy']).toString()).Statement[0].Resource).toBe(url);
  });

  test.each([
    ['a URL that already carries signing parameters', { url: 'https://d.net/a?Expires=1' }, 'INVALID_URL'],
    ['an rtmp URL', { url: 'rtmp://s.cloudfront.net/cfx/st/video.mp4' }, 'INVALID_URL'],
    ['an unparseable dateGreaterThan', { url: 'https://d.net/a', dateGreaterThan: 'soon' }, 'INVALID_DATE'],
    ['a lowercase algorithm', { url: 'https://d.net/a', algorithm: 'sha256' }, 'INVALID_ARGUMENT'],
    ['a policy together with dateLessThan', { url: 'https://d.net/a', policy: '{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":1}}}]}' }, 'INVALID_ARGUMENT'],
    ['an IP written with a leading zero', { url: 'https://d.net/a', ipAddress: '010.0.0.1' }, 'INVALID_IP'],
  ])('%s is refused where aws-sdk signs it', (_, change, code) => {
    const options = { ...base, ...change };
    expect(() => aws.getSignedUrl(options)).not.toThrow();
    expect(() => ours.getSignedUrl(options)).toThrow(expect.objectContaining({ code }));
  });
});
