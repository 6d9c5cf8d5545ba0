// decodeSignedUrl and decodeSignedCookies: reading a signed request without a key.
// On the oracle matrix (signed by @aws-sdk/cloudfront-signer), decoding must read
// exactly what verification reads, refuse exactly what verification refuses for
// the same reason, and agree with an independent reading of the URL.
const crypto = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const ours = require('../../dist/index.cjs');
const { fromCloudFrontBase64, thrownBy } = require('../support/assertions.cjs');
const { EC_KEYS, KEY_DIR, RSA_KEYS, allCases, optionsFor } = require('./oracle-cases.cjs');

const PUBLIC_KEYS = {
  rsa: readFileSync(join(KEY_DIR, 'rsa2048-public.pem'), 'utf8'),
  ec: readFileSync(join(KEY_DIR, 'ec-p256-public.pem'), 'utf8'),
};
// The public key of the key a case is signed with (the matrix rotates through several).
const publicKeys = new Map();
function publicKeyOf(testCase) {
  const { privateKey, passphrase } = optionsFor(testCase);
  const id = `${privateKey}\0${passphrase ?? ''}`;
  if (!publicKeys.has(id)) {
    publicKeys.set(id, crypto.createPublicKey({ key: privateKey, passphrase }).export({ type: 'spki', format: 'pem' }));
  }
  return publicKeys.get(id);
}

// What verification and decoding both report; decoding adds parameters, signature, resourceMatchesUrl.
const SHARED_FIELDS = ['keyPairId', 'policy', 'customPolicy', 'algorithm', 'url', 'resource', 'dateLessThan', 'dateGreaterThan', 'ipAddress'];
// Refusals that come from reading the request, not from checking it.
const READING_ERRORS = ['MALFORMED', 'MISSING_KEY_PAIR_ID', 'INVALID_ARGUMENT', 'INVALID_URL'];

function pickShared(result) {
  return Object.fromEntries(SHARED_FIELDS.filter((name) => result[name] !== undefined).map((name) => [name, result[name]]));
}

function outcome(thunk) {
  try {
    return { value: thunk() };
  } catch (error) {
    if (error?.name !== 'CloudFrontSignerError') throw error;
    return { code: error.code, message: error.message };
  }
}

// A moment, and a viewer, that the case's own conditions let through.
function verifyOptions(testCase, publicKey, decoded) {
  const now = decoded.dateGreaterThan ? decoded.dateGreaterThan.getTime() : decoded.dateLessThan.getTime() - 1000;
  const sourceIp = decoded.ipAddress?.split('/')[0];
  return { publicKeys: { [testCase.keyPairId]: publicKey }, now, ...(sourceIp && { sourceIp }) };
}

// The request's URL for cookies: the case's URL, or one its policy's Resource covers.
function cookieUrl(testCase) {
  return testCase.url ?? 'https://d111111abcdef8.cloudfront.net/uploads/a.txt';
}

// Decoding and verifying one request; returns a list of disagreements (empty when they agree).
function compare(testCase, publicKey, decode, verify) {
  const decoded = outcome(decode);
  if (decoded.code !== undefined) {
    // The verifier must refuse it for the same reason, with the same words.
    const verified = outcome(() => verify({ publicKeys: { [testCase.keyPairId]: publicKey } }));
    if (verified.code !== decoded.code || verified.message !== decoded.message) return [{ testCase, decoded, verified }];
    return [];
  }
  const verified = outcome(() => verify(verifyOptions(testCase, publicKey, decoded.value)));
  if (verified.code === 'RESOURCE_MISMATCH') {
    return decoded.value.resourceMatchesUrl === false ? [] : [{ testCase, decoded, verified }];
  }
  if (verified.code !== undefined || !decoded.value.resourceMatchesUrl) return [{ testCase, decoded, verified }];
  const same = JSON.stringify(pickShared(decoded.value)) === JSON.stringify(pickShared(verified.value));
  return same ? [] : [{ testCase, decoded: pickShared(decoded.value), verified: pickShared(verified.value) }];
}

// An independent reading of a signed URL's signing parameters.
function signingParameters(signedUrl) {
  const signing = ['Expires', 'Policy', 'Signature', 'Key-Pair-Id', 'Hash-Algorithm'];
  const pairs = signedUrl.slice(signedUrl.indexOf('?') + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq === -1 ? [pair, ''] : [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))];
  });
  return Object.fromEntries(pairs.filter(([name]) => signing.includes(name)));
}

// Every case with RSA; a quarter of them with ECDSA, whose verification in wasm costs
// more and reads the request the same way (every key form still takes its turn).
describe.each([
  ['RSA', RSA_KEYS, 1], ['ECDSA', EC_KEYS, 4],
])('%s: decoding reads what verification reads', (_, keys, every) => {
  const cases = allCases(keys).filter((testCase, i) => i % every === 0);
  const outputs = cases.map((testCase) => {
    const options = optionsFor(testCase);
    return testCase.kind === 'url' ? aws.getSignedUrl(options) : aws.getSignedCookies(options);
  });

  test(`${cases.length} signed URLs and cookie sets from aws-sdk`, () => {
    const disagreements = [];
    cases.forEach((testCase, i) => {
      const output = outputs[i];
      if (testCase.kind === 'url') {
        disagreements.push(...compare(testCase, publicKeyOf(testCase), () => ours.decodeSignedUrl(output), (o) => ours.verifySignedUrl(output, o)));
      } else {
        const url = cookieUrl(testCase);
        disagreements.push(...compare(testCase, publicKeyOf(testCase), () => ours.decodeSignedCookies(url, output), (o) => ours.verifySignedCookies(url, output, o)));
      }
    });
    expect(disagreements.slice(0, 3)).toEqual([]);
  });

  test('the parameters, policy bytes and signature bytes are the ones in the URL', () => {
    let checked = 0;
    cases.forEach((testCase, i) => {
      if (testCase.kind !== 'url' || testCase.policy) return;
      const decoded = ours.decodeSignedUrl(outputs[i]);
      const parameters = signingParameters(outputs[i]);
      expect(decoded.parameters).toEqual(parameters);
      expect(Buffer.from(decoded.signature)).toEqual(fromCloudFrontBase64(parameters.Signature));
      if (parameters.Policy) {
        expect(decoded.policy).toBe(fromCloudFrontBase64(parameters.Policy).toString('utf8'));
      } else {
        // CloudFront rebuilds a canned policy from the URL it was asked for.
        const canned = { Statement: [{ Resource: decoded.url, Condition: { DateLessThan: { 'AWS:EpochTime': Number(parameters.Expires) } } }] };
        expect(decoded.policy).toBe(JSON.stringify(canned));
        expect(`${decoded.url}${decoded.url.includes('?') ? '&' : '?'}Expires=`).toBe(outputs[i].slice(0, outputs[i].indexOf('Expires=') + 'Expires='.length));
      }
      expect(decoded.algorithm).toBe(parameters['Hash-Algorithm'] ?? 'SHA1');
      checked += 1;
    });
    expect(checked).toBeGreaterThan(600 / every);
  });

  test('cookie sets come back keyed by their cookie names', () => {
    let checked = 0;
    cases.forEach((testCase, i) => {
      if (testCase.kind !== 'cookies') return;
      const cookies = outputs[i];
      const decoded = ours.decodeSignedCookies(cookieUrl(testCase), cookies);
      expect(decoded.parameters).toEqual(Object.fromEntries(Object.entries(cookies).map(([name, value]) => [name, String(value)])));
      expect(Buffer.from(decoded.signature)).toEqual(fromCloudFrontBase64(cookies['CloudFront-Signature']));
      // The same cookies as a Cookie header read the same.
      const header = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
      expect(ours.decodeSignedCookies(cookieUrl(testCase), header)).toEqual(decoded);
      checked += 1;
    });
    expect(checked).toBeGreaterThan(100 / every);
  });
});

describe('broken URLs: decoding refuses what verification refuses, with the same code and message', () => {
  const cases = allCases(RSA_KEYS).filter((c) => c.kind === 'url');
  const urls = cases.map((testCase) => aws.getSignedUrl(optionsFor(testCase)));
  const BREAKS = [
    ['without Key-Pair-Id', (url) => url.replace(/&Key-Pair-Id=[^&]*/, ''), 'MISSING_KEY_PAIR_ID'],
    ['without Signature', (url) => url.replace(/&Signature=[^&]*/, ''), 'MALFORMED'],
    ['with Signature twice', (url) => `${url}&Signature=AAAA`, 'MALFORMED'],
    ['with Expires and Policy', (url) => `${url}&${url.includes('Policy=') ? 'Expires=1' : 'Policy=e30_'}`, 'MALFORMED'],
    ['with an unknown Hash-Algorithm', (url) => `${url.replace(/&Hash-Algorithm=[^&]*/, '')}&Hash-Algorithm=MD5`, 'MALFORMED'],
    ['with a policy cut short, or an Expires that is not a number', (url) => url.replace(/(Policy=[^&]{8})[^&]*/, '$1').replace(/Expires=\d+/, 'Expires=soon'), 'MALFORMED'],
    ['with a fragment', (url) => `${url}#top`, 'MALFORMED'],
    ['with a Signature outside the alphabet', (url) => url.replace(/Signature=[^&]*/, 'Signature=%21%21%21%21'), 'BAD_SIGNATURE'],
  ];

  test.each(BREAKS)('%s', (_, breakUrl, code) => {
    const disagreements = [];
    for (const [i, url] of urls.entries()) {
      const broken = breakUrl(url);
      const decoded = outcome(() => ours.decodeSignedUrl(broken));
      const verified = outcome(() => ours.verifySignedUrl(broken, { publicKeys: { [cases[i].keyPairId]: PUBLIC_KEYS.rsa } }));
      if (decoded.code !== code || verified.code !== code || (code !== 'BAD_SIGNATURE' && decoded.message !== verified.message)) {
        disagreements.push({ broken, decoded, verified });
      }
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
  });

  test('types: a URL that is not a string, cookies that are neither object nor header', () => {
    expect(thrownBy(() => ours.decodeSignedUrl(42)).code).toBe('INVALID_ARGUMENT');
    expect(thrownBy(() => ours.decodeSignedUrl(undefined)).code).toBe('INVALID_URL');
    expect(thrownBy(() => ours.decodeSignedCookies('https://d.net/a', 42)).code).toBe('INVALID_ARGUMENT');
    expect(thrownBy(() => ours.decodeSignedCookies('https://d.net/a', '')).code).toBe('MISSING_KEY_PAIR_ID');
    expect(thrownBy(() => ours.decodeSignedUrl('ftp://d.net/a?Expires=1&Signature=AAAA&Key-Pair-Id=K')).code).toBe('MALFORMED');
  });
});

describe('wildcard matching comes from the core', () => {
  // The CLI's own matcher once said no here: '?' is one character, and 😀 is one
  // character (one code point) to CloudFront, though two UTF-16 units to JS.
  const privateKey = readFileSync(join(KEY_DIR, 'ec-p256-sec1.pem'), 'utf8');
  const policy = '{"Statement":[{"Resource":"https://a/x?","Condition":{"DateLessThan":{"AWS:EpochTime":1893456000}}}]}';
  const signed = ours.getSignedUrl({ url: 'https://a/xy', policy, keyPairId: 'K1', privateKey });
  const onEmojiUrl = `https://a/x😀${signed.slice(signed.indexOf('?'))}`;

  test("resource 'https://a/x?' covers 'https://a/x😀', as verification agrees", () => {
    const decoded = ours.decodeSignedUrl(onEmojiUrl);
    expect(decoded).toMatchObject({ url: 'https://a/x😀', resource: 'https://a/x?', resourceMatchesUrl: true });
    const verified = ours.verifySignedUrl(onEmojiUrl, { publicKeys: { K1: PUBLIC_KEYS.ec }, now: new Date('2029-01-01') });
    expect(verified.url).toBe('https://a/x😀');
  });

  test('and does not cover two characters, nor none', () => {
    for (const url of ['https://a/x😀😀', 'https://a/x']) {
      const other = `${url}${signed.slice(signed.indexOf('?'))}`;
      expect(ours.decodeSignedUrl(other).resourceMatchesUrl).toBe(false);
      expect(thrownBy(() => ours.verifySignedUrl(other, { publicKeys: { K1: PUBLIC_KEYS.ec }, now: new Date('2029-01-01') })).code)
        .toBe('RESOURCE_MISMATCH');
    }
  });
});
