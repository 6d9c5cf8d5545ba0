// Every supported key form signs what node:crypto verifies; generated key pairs
// are standard PKCS#8/SPKI; verifySignedUrl/verifySignedCookies accept what we
// sign and refuse each kind of tampering with an exact code.
const crypto = require('node:crypto');
const { fromCloudFrontBase64, thrownBy } = require('../support/assertions.cjs');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  CloudFrontSigner, CloudFrontSignerError, buildPolicy, clearKeyCache, generateKeyPair, getSignedCookies, getSignedUrl,
  verifySignedCookies, verifySignedUrl,
} = require('../../dist/index.cjs');

const KEY_DIR = join(__dirname, '..', 'fixtures', 'keys');
const pem = (name) => readFileSync(join(KEY_DIR, name), 'utf8');
const derBuffer = () => readFileSync(join(KEY_DIR, 'rsa2048-pkcs1.der'));
const PASSPHRASE = 'correct-horse';
const RSA = pem('rsa2048-pkcs1.pem');
const EC = pem('ec-p256-sec1.pem');
const RSA_PUBLIC = pem('rsa2048-public.pem');
const EC_PUBLIC = pem('ec-p256-public.pem');

const URL = 'https://d111111abcdef8.cloudfront.net/videos/clip one.mp4?quality=hd';
const ENCODED_URL = 'https://d111111abcdef8.cloudfront.net/videos/clip%20one.mp4?quality=hd';
const EXPIRES = 1893456000; // 2030-01-01T00:00:00Z
const DATE_LESS_THAN = new Date(EXPIRES * 1000);
const NOW = new Date('2029-06-01T00:00:00Z');


// The signed policy bytes and the raw signature a signed URL carries.
function signedParts(signedUrl) {
  const query = new URLSearchParams(signedUrl.slice(signedUrl.indexOf('?') + 1));
  const signature = fromCloudFrontBase64(query.get('Signature'));
  if (query.has('Policy')) return { policy: fromCloudFrontBase64(query.get('Policy')), signature };
  const resource = signedUrl.slice(0, signedUrl.search(/[?&]Expires=/));
  const canned = `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${query.get('Expires')}}}}]}`;
  return { policy: Buffer.from(canned), signature };
}


function expectCode(thunk, code) {
  const error = thrownBy(thunk);
  expect(error).toBeInstanceOf(CloudFrontSignerError);
  expect(error.code).toBe(code);
}

const KEY_FIXTURES = [
  ['RSA PKCS#1 PEM', 'rsa', () => ({ privateKey: RSA })],
  ['RSA PKCS#8 PEM', 'rsa', () => ({ privateKey: pem('rsa2048-pkcs8.pem') })],
  ['RSA PKCS#1 DER as Buffer', 'rsa', () => ({ privateKey: derBuffer() })],
  ['RSA PKCS#1 DER as Uint8Array', 'rsa', () => ({ privateKey: new Uint8Array(derBuffer()) })],
  ['RSA PKCS#1 DER as ArrayBuffer', 'rsa', () => {
    const bytes = derBuffer();
    return { privateKey: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
  }],
  ['RSA PKCS#1 AES-256', 'rsa', () => ({ privateKey: pem('rsa2048-pkcs1-aes256.pem'), passphrase: PASSPHRASE })],
  ['RSA PKCS#1 DES3', 'rsa', () => ({ privateKey: pem('rsa2048-pkcs1-des3.pem'), passphrase: PASSPHRASE })],
  ['RSA PKCS#8 AES-256', 'rsa', () => ({ privateKey: pem('rsa2048-pkcs8-aes256.pem'), passphrase: PASSPHRASE })],
  ['RSA PKCS#8 DES3 (passphrase as bytes)', 'rsa',
    () => ({ privateKey: pem('rsa2048-pkcs8-des3.pem'), passphrase: new TextEncoder().encode(PASSPHRASE) })],
  ['EC SEC1 PEM', 'ec', () => ({ privateKey: EC })],
  ['EC PKCS#8 PEM', 'ec', () => ({ privateKey: pem('ec-p256-pkcs8.pem') })],
  ['EC PKCS#8 AES-128', 'ec', () => ({ privateKey: pem('ec-p256-pkcs8-aes128.pem'), passphrase: PASSPHRASE })],
];
const PUBLIC_PEM = { rsa: RSA_PUBLIC, ec: EC_PUBLIC };

describe('signatures from every key form verify with node:crypto', () => {
  const cases = KEY_FIXTURES.flatMap(([label, type, keyOptions]) => ['SHA1', 'SHA256'].flatMap((algorithm) =>
    ['canned', 'custom'].map((policy) => [`${label}, ${algorithm}, ${policy}`, type, keyOptions, algorithm, policy])));

  test.each(cases)('%s', (_title, type, keyOptions, algorithm, policy) => {
    const signedUrl = getSignedUrl({
      ...keyOptions(), keyPairId: 'K1', url: URL, dateLessThan: DATE_LESS_THAN, algorithm,
      ...(policy === 'custom' ? { ipAddress: '203.0.113.0/24' } : {}),
    });
    expect(signedUrl.startsWith(`${ENCODED_URL}&${policy === 'custom' ? 'Policy' : 'Expires'}=`)).toBe(true);
    expect(signedUrl.endsWith('&Hash-Algorithm=SHA256')).toBe(algorithm === 'SHA256');

    const { policy: policyBytes, signature } = signedParts(signedUrl);
    const conditions = JSON.parse(policyBytes.toString()).Statement[0].Condition;
    expect(conditions.DateLessThan['AWS:EpochTime']).toBe(EXPIRES);
    expect(conditions.IpAddress).toEqual(policy === 'custom' ? { 'AWS:SourceIp': '203.0.113.0/24' } : undefined);

    const digest = algorithm === 'SHA256' ? 'sha256' : 'sha1';
    const otherDigest = algorithm === 'SHA256' ? 'sha1' : 'sha256';
    if (type === 'rsa') {
      expect(signature).toHaveLength(256);
      const pkcs1 = { key: RSA_PUBLIC, padding: crypto.constants.RSA_PKCS1_PADDING };
      expect(crypto.verify(digest, policyBytes, pkcs1, signature)).toBe(true);
      expect(crypto.verify(digest, policyBytes, { key: RSA_PUBLIC, padding: crypto.constants.RSA_PKCS1_PSS_PADDING },
        signature)).toBe(false);
    } else {
      expect(signature[0]).toBe(0x30); // DER SEQUENCE of r and s
      expect(signature[1]).toBe(signature.length - 2);
      expect(crypto.verify(digest, policyBytes, { key: EC_PUBLIC, dsaEncoding: 'der' }, signature)).toBe(true);
    }
    expect(crypto.verify(otherDigest, policyBytes, PUBLIC_PEM[type], signature)).toBe(false);
    expect(crypto.verify(digest, Buffer.concat([policyBytes, Buffer.from(' ')]), PUBLIC_PEM[type], signature))
      .toBe(false);
  });

  test('RSA signatures are deterministic, ECDSA ones use fresh nonces', () => {
    const options = { keyPairId: 'K1', url: URL, dateLessThan: DATE_LESS_THAN };
    expect(getSignedUrl({ ...options, privateKey: RSA })).toBe(getSignedUrl({ ...options, privateKey: RSA }));
    const first = getSignedUrl({ ...options, privateKey: EC });
    const second = getSignedUrl({ ...options, privateKey: EC });
    expect(first).not.toBe(second);
    for (const signedUrl of [first, second]) {
      const { policy, signature } = signedParts(signedUrl);
      expect(crypto.verify('sha1', policy, EC_PUBLIC, signature)).toBe(true);
    }
  });

  test('signed cookies carry the same signature over the same policy', () => {
    const cookies = getSignedCookies({ privateKey: RSA, keyPairId: 'K1', url: URL, dateLessThan: DATE_LESS_THAN,
      dateGreaterThan: '2029-01-01T00:00:00Z', algorithm: 'SHA256' });
    expect(cookies['CloudFront-Hash-Algorithm']).toBe('SHA256');
    const policy = fromCloudFrontBase64(cookies['CloudFront-Policy']);
    expect(JSON.parse(policy.toString()).Statement[0].Resource).toBe(ENCODED_URL);
    expect(crypto.verify('sha256', policy, RSA_PUBLIC, fromCloudFrontBase64(cookies['CloudFront-Signature'])))
      .toBe(true);
  });
});

describe('generateKeyPair', () => {
  const pemBody = (text) => Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

  test.each([
    ['rsa', { asymmetricKeyType: 'rsa', details: { modulusLength: 2048, publicExponent: 65537n } }],
    ['ec', { asymmetricKeyType: 'ec', details: { namedCurve: 'prime256v1' } }],
  ])('type %s gives a PKCS#8 private key and its SPKI public key', (type, expected) => {
    const { privateKey, publicKey } = generateKeyPair({ type });
    expect(privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n?$/);
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/);

    const parsed = crypto.createPrivateKey({ key: pemBody(privateKey), format: 'der', type: 'pkcs8' });
    expect(parsed.asymmetricKeyType).toBe(expected.asymmetricKeyType);
    expect(parsed.asymmetricKeyDetails).toEqual(expected.details);
    const spki = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' });
    expect(publicKey.trim()).toBe(spki.trim());

    const signedUrl = getSignedUrl({ privateKey, keyPairId: 'NEWKEY', url: URL, dateLessThan: DATE_LESS_THAN });
    const { policy, signature } = signedParts(signedUrl);
    expect(crypto.verify('sha1', policy, publicKey, signature)).toBe(true);
    const result = verifySignedUrl(signedUrl, { publicKeys: { NEWKEY: publicKey }, now: NOW });
    expect(result.keyPairId).toBe('NEWKEY');
    expect(new CloudFrontSigner({ privateKey, keyPairId: 'NEWKEY' }).keyType).toBe(type);

    const another = generateKeyPair({ type });
    expect(another.privateKey).not.toBe(privateKey);
    expectCode(() => verifySignedUrl(signedUrl, { publicKeys: { NEWKEY: another.publicKey }, now: NOW }),
      'BAD_SIGNATURE');
  });

  test('defaults to RSA; other types are INVALID_ARGUMENT', () => {
    const { privateKey } = generateKeyPair();
    expect(crypto.createPrivateKey(privateKey).asymmetricKeyType).toBe('rsa');
    expectCode(() => generateKeyPair({ type: 'dsa' }), 'INVALID_ARGUMENT');
    expectCode(() => generateKeyPair({ type: 'ed25519' }), 'INVALID_ARGUMENT');
    expectCode(() => generateKeyPair({ kind: 'ec' }), 'INVALID_ARGUMENT');
  });

  test('format pkcs1 writes an RSA key as PKCS#1 ("RSA PRIVATE KEY"); ECDSA and unknown formats are refused', () => {
    const { privateKey, publicKey } = generateKeyPair({ format: 'pkcs1' });
    expect(privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n?$/);
    const parsed = crypto.createPrivateKey({ key: pemBody(privateKey), format: 'der', type: 'pkcs1' });
    expect(parsed.asymmetricKeyDetails).toEqual({ modulusLength: 2048, publicExponent: 65537n });
    expect(crypto.createPublicKey(parsed).export({ type: 'spki', format: 'pem' }).trim()).toBe(publicKey.trim());
    const signedUrl = getSignedUrl({ privateKey, keyPairId: 'NEWKEY', url: URL, dateLessThan: DATE_LESS_THAN });
    expect(verifySignedUrl(signedUrl, { publicKeys: { NEWKEY: publicKey }, now: NOW }).keyPairId).toBe('NEWKEY');
    expect(generateKeyPair({ type: 'ec', format: 'pkcs8' }).privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expectCode(() => generateKeyPair({ type: 'ec', format: 'pkcs1' }), 'INVALID_ARGUMENT');
    expectCode(() => generateKeyPair({ format: 'PKCS1' }), 'INVALID_ARGUMENT');
    expectCode(() => generateKeyPair({ format: 'der' }), 'INVALID_ARGUMENT');
  });
});

describe('order: the AWS CLI\'s byte order', () => {
  const options = { url: URL, dateLessThan: DATE_LESS_THAN, dateGreaterThan: new Date('2029-01-01T00:00:00Z'), ipAddress: '192.0.2.0/24' };
  const conditions = (order) => (order === 'aws-cli'
    ? '"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"},"DateGreaterThan":{"AWS:EpochTime":1861920000}'
    : '"DateGreaterThan":{"AWS:EpochTime":1861920000},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}');

  test.each(['aws-sdk', 'aws-cli'])('%s: buildPolicy({ url }) is the policy getSignedUrl signs, conditions and parameters in that order', (order) => {
    const policy = buildPolicy({ ...options, order });
    expect(policy).toBe(`{"Statement":[{"Resource":"${ENCODED_URL}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}},${conditions(order)}}}]}`);
    const signedUrl = getSignedUrl({ ...options, privateKey: RSA, keyPairId: 'K1', order });
    expect(signedParts(signedUrl).policy.toString()).toBe(policy);
    const names = signedUrl.slice(ENCODED_URL.length + 1).split('&').map((p) => p.split('=')[0]);
    expect(names).toEqual(order === 'aws-cli' ? ['Policy', 'Signature', 'Key-Pair-Id'] : ['Policy', 'Key-Pair-Id', 'Signature']);
    // The same policy, passed back in, signs the same URL (RSA PKCS#1 v1.5 is deterministic).
    expect(getSignedUrl({ url: URL, policy, privateKey: RSA, keyPairId: 'K1', order })).toBe(signedUrl);
    expect(verifySignedUrl(signedUrl, { publicKeys: { K1: RSA_PUBLIC }, now: NOW, sourceIp: '192.0.2.9' }).policy).toBe(policy);
  });

  test('the default is aws-sdk\'s order; unknown orders and resource with url are refused', () => {
    expect(buildPolicy({ ...options })).toBe(buildPolicy({ ...options, order: 'aws-sdk' }));
    expect(getSignedUrl({ ...options, privateKey: RSA, keyPairId: 'K1' })).toBe(getSignedUrl({ ...options, privateKey: RSA, keyPairId: 'K1', order: 'aws-sdk' }));
    expectCode(() => buildPolicy({ ...options, order: 'botocore' }), 'INVALID_ARGUMENT');
    expectCode(() => getSignedUrl({ ...options, privateKey: RSA, keyPairId: 'K1', order: 'AWS-CLI' }), 'INVALID_ARGUMENT');
    expectCode(() => getSignedCookies({ ...options, privateKey: RSA, keyPairId: 'K1', order: 1 }), 'INVALID_ARGUMENT');
    expectCode(() => buildPolicy({ ...options, resource: URL }), 'INVALID_ARGUMENT');
    expectCode(() => buildPolicy({ ...options, url: 'ftp://d111111abcdef8.cloudfront.net/a' }), 'INVALID_URL');
    expectCode(() => buildPolicy({ dateLessThan: DATE_LESS_THAN }), 'INVALID_ARGUMENT');
  });
});

describe('verifySignedUrl and verifySignedCookies', () => {
  const rsaDer = crypto.createPublicKey(RSA_PUBLIC).export({ type: 'spki', format: 'der' });
  const ecDer = crypto.createPublicKey(EC_PUBLIC).export({ type: 'spki', format: 'der' });
  // A key group with several IDs, as PEM and as DER bytes.
  const publicKeys = {
    RSA1: RSA_PUBLIC,
    EC1: EC_PUBLIC,
    RSADER: new Uint8Array(rsaDer),
    ECDER: ecDer.buffer.slice(ecDer.byteOffset, ecDer.byteOffset + ecDer.length),
  };
  const verify = (signedUrl, extra = {}) => verifySignedUrl(signedUrl, { publicKeys, now: NOW, ...extra });
  const sign = (keyPairId, privateKey, options) =>
    getSignedUrl({ keyPairId, privateKey, url: URL, dateLessThan: DATE_LESS_THAN, ...options });

  test.each([
    ['RSA1', 'SHA1'], ['EC1', 'SHA256'], ['RSADER', 'SHA256'], ['ECDER', 'SHA1'],
  ])('canned policy round trip with key %s, %s', (keyPairId, algorithm) => {
    const signedUrl = sign(keyPairId, keyPairId.startsWith('RSA') ? RSA : EC, { algorithm });
    const resource = ENCODED_URL;
    expect(verify(signedUrl)).toEqual({
      keyPairId, url: resource, resource, dateLessThan: DATE_LESS_THAN, customPolicy: false, algorithm,
      policy: `{"Statement":[{"Resource":"${resource}","Condition":{"DateLessThan":{"AWS:EpochTime":${EXPIRES}}}}]}`,
    });
    // A Map works as the key group too.
    expect(verifySignedUrl(signedUrl, { publicKeys: new Map(Object.entries(publicKeys)), now: NOW }).keyPairId)
      .toBe(keyPairId);
  });

  test('custom policy round trip reports every condition', () => {
    const signedUrl = sign('EC1', EC, { dateGreaterThan: '2029-01-01T00:00:00Z', ipAddress: '203.0.113.7' });
    const result = verify(signedUrl, { sourceIp: '203.0.113.7' });
    expect(result).toEqual(expect.objectContaining({
      keyPairId: 'EC1', url: ENCODED_URL, resource: ENCODED_URL, customPolicy: true, algorithm: 'SHA1',
      dateLessThan: DATE_LESS_THAN, dateGreaterThan: new Date('2029-01-01T00:00:00Z'), ipAddress: '203.0.113.7/32',
    }));
    expect(result.dateLessThan).toBeInstanceOf(Date);
    expect(Buffer.from(result.policy)).toEqual(signedParts(signedUrl).policy);
  });

  test('the expiry instant is exclusive', () => {
    const signedUrl = sign('RSA1', RSA);
    expect(verify(signedUrl, { now: EXPIRES * 1000 - 1000 }).keyPairId).toBe('RSA1');
    expectCode(() => verify(signedUrl, { now: EXPIRES * 1000 }), 'EXPIRED');
  });

  const rsaUrl = () => sign('RSA1', RSA);
  const ipUrl = () => sign('EC1', EC, { ipAddress: '203.0.113.0/24', dateGreaterThan: '2029-01-01T00:00:00Z' });
  const flipSignatureChar = (url) => url.replace(/(Signature=.{20})(.)/, (_m, head, c) => head + (c === 'A' ? 'B' : 'A'));
  test.each([
    ['tampered signature', () => verify(flipSignatureChar(rsaUrl())), 'BAD_SIGNATURE'],
    ['tampered EC signature', () => verify(flipSignatureChar(sign('EC1', EC))), 'BAD_SIGNATURE'],
    ['tampered Expires', () => verify(rsaUrl().replace(`Expires=${EXPIRES}`, `Expires=${EXPIRES + 3600}`)),
      'BAD_SIGNATURE'],
    ['changed path', () => verify(rsaUrl().replace('/videos/', '/private/')), 'BAD_SIGNATURE'],
    ['added query parameter', () => verify(rsaUrl().replace('quality=hd', 'quality=hd&admin=1')), 'BAD_SIGNATURE'],
    ['appended query parameter', () => verify(`${rsaUrl()}&admin=1`), 'BAD_SIGNATURE'],
    ['SHA256 signature with Hash-Algorithm removed',
      () => verify(sign('RSA1', RSA, { algorithm: 'SHA256' }).replace('&Hash-Algorithm=SHA256', '')), 'BAD_SIGNATURE'],
    ['RSA signature under the EC key id', () => verify(rsaUrl().replace('Key-Pair-Id=RSA1', 'Key-Pair-Id=EC1')),
      'BAD_SIGNATURE'],
    ['expired', () => verify(rsaUrl(), { now: new Date('2030-06-01T00:00:00Z') }), 'EXPIRED'],
    ['not yet valid', () => verify(ipUrl(), { now: new Date('2028-06-01T00:00:00Z'), sourceIp: '203.0.113.9' }),
      'NOT_YET_VALID'],
    ['IP outside the CIDR', () => verify(ipUrl(), { sourceIp: '203.0.114.9' }), 'IP_MISMATCH'],
    ['no sourceIp for an IP policy', () => verify(ipUrl()), 'IP_MISMATCH'],
    ['unknown key id', () => verify(rsaUrl().replace('Key-Pair-Id=RSA1', 'Key-Pair-Id=NOPE')), 'UNKNOWN_KEY'],
    ['missing Key-Pair-Id', () => verify(rsaUrl().replace('&Key-Pair-Id=RSA1', '')), 'MISSING_KEY_PAIR_ID'],
    ['empty Key-Pair-Id', () => verify(rsaUrl().replace('Key-Pair-Id=RSA1', 'Key-Pair-Id=')), 'MISSING_KEY_PAIR_ID'],
    ['duplicated Signature', () => verify(rsaUrl().replace(/&Signature=[^&]*/, (s) => s + s)), 'MALFORMED'],
    ['Hash-Algorithm=MD5', () => verify(`${rsaUrl()}&Hash-Algorithm=MD5`), 'MALFORMED'],
    ['no Signature', () => verify(rsaUrl().replace(/&Signature=[^&]*/, '')), 'MALFORMED'],
    ['both Expires and Policy', () => verify(ipUrl().replace('&Key-Pair-Id', `&Expires=${EXPIRES}&Key-Pair-Id`)),
      'MALFORMED'],
    ['fragment', () => verify(`${rsaUrl()}#t=10`), 'MALFORMED'],
  ])('refuses: %s', (_title, thunk, code) => {
    expectCode(thunk, code);
  });

  test('a wildcard policy covers /uploads/* and nothing else', () => {
    const policy = JSON.stringify({ Statement: [{
      Resource: 'https://d111111abcdef8.cloudfront.net/uploads/*',
      Condition: { DateLessThan: { 'AWS:EpochTime': EXPIRES } },
    }] });
    const signedUrl = getSignedUrl({ keyPairId: 'RSA1', privateKey: RSA, policy,
      url: 'https://d111111abcdef8.cloudfront.net/uploads/a' });
    expect(verify(signedUrl)).toEqual(expect.objectContaining({
      url: 'https://d111111abcdef8.cloudfront.net/uploads/a',
      resource: 'https://d111111abcdef8.cloudfront.net/uploads/*', customPolicy: true,
    }));
    expect(verify(signedUrl.replace('/uploads/a', '/uploads/b/c.txt')).url)
      .toBe('https://d111111abcdef8.cloudfront.net/uploads/b/c.txt');
    expectCode(() => verify(signedUrl.replace('/uploads/a', '/private/a')), 'RESOURCE_MISMATCH');

    const cookies = getSignedCookies({ keyPairId: 'EC1', privateKey: EC, policy });
    const check = (url) => verifySignedCookies(url, cookies, { publicKeys, now: NOW });
    expect(check('https://d111111abcdef8.cloudfront.net/uploads/a').resource)
      .toBe('https://d111111abcdef8.cloudfront.net/uploads/*');
    expectCode(() => check('https://d111111abcdef8.cloudfront.net/private/a'), 'RESOURCE_MISMATCH');
  });

  test('cookies as an object and as a Cookie header', () => {
    const cookies = getSignedCookies({ keyPairId: 'RSADER', privateKey: RSA, url: URL, dateLessThan: DATE_LESS_THAN });
    expect(cookies['CloudFront-Expires']).toBe(EXPIRES);
    const expected = { keyPairId: 'RSADER', url: ENCODED_URL, resource: ENCODED_URL, customPolicy: false,
      algorithm: 'SHA1', dateLessThan: DATE_LESS_THAN };
    const options = { publicKeys, now: NOW };
    expect(verifySignedCookies(ENCODED_URL, cookies, options)).toEqual(expect.objectContaining(expected));

    const header = `session=abc; ${Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ')}; theme=dark`;
    expect(verifySignedCookies(ENCODED_URL, header, options)).toEqual(expect.objectContaining(expected));

    expectCode(() => verifySignedCookies(`${ENCODED_URL}&x=1`, header, options), 'BAD_SIGNATURE');
    expectCode(() => verifySignedCookies(ENCODED_URL, { ...cookies, 'CloudFront-Expires': EXPIRES + 1 }, options),
      'BAD_SIGNATURE');
    expectCode(() => verifySignedCookies(ENCODED_URL, `${header}; CloudFront-Expires=${EXPIRES}`, options), 'MALFORMED');
    const { 'CloudFront-Key-Pair-Id': _dropped, ...withoutId } = cookies;
    expectCode(() => verifySignedCookies(ENCODED_URL, withoutId, options), 'MISSING_KEY_PAIR_ID');
    expectCode(() => verifySignedCookies(ENCODED_URL, cookies, { ...options, now: new Date('2031-01-01') }),
      'EXPIRED');
  });

  test('custom-policy cookies with an IP condition', () => {
    const cookies = getSignedCookies({ keyPairId: 'EC1', privateKey: EC, url: URL, dateLessThan: DATE_LESS_THAN,
      ipAddress: '198.51.100.0/24', algorithm: 'SHA256' });
    const options = { publicKeys, now: NOW };
    expect(verifySignedCookies(ENCODED_URL, cookies, { ...options, sourceIp: '198.51.100.200' }))
      .toEqual(expect.objectContaining({ algorithm: 'SHA256', ipAddress: '198.51.100.0/24', customPolicy: true }));
    expectCode(() => verifySignedCookies(ENCODED_URL, cookies, { ...options, sourceIp: '198.51.101.1' }),
      'IP_MISMATCH');
    expectCode(() => verifySignedCookies(ENCODED_URL, cookies, options), 'IP_MISMATCH');
  });
});

describe('the one-shot key cache', () => {
  const ENCRYPTED = pem('rsa2048-pkcs8-aes256.pem');
  const oneShot = (keyOptions) => getSignedUrl({ url: URL, keyPairId: 'K1', dateLessThan: DATE_LESS_THAN, ...keyOptions });

  beforeEach(() => clearKeyCache());

  test('a cached key still needs its passphrase: wrong, missing or extra passphrases are refused', () => {
    const signed = oneShot({ privateKey: ENCRYPTED, passphrase: PASSPHRASE });
    expectCode(() => oneShot({ privateKey: ENCRYPTED, passphrase: 'wrong' }), 'WRONG_PASSPHRASE');
    expectCode(() => oneShot({ privateKey: ENCRYPTED }), 'WRONG_PASSPHRASE');
    expectCode(() => oneShot({ privateKey: ENCRYPTED, passphrase: '' }), 'WRONG_PASSPHRASE');
    // The same key file and passphrase as bytes sign the same (RSA PKCS#1 v1.5 is deterministic).
    expect(oneShot({ privateKey: Buffer.from(ENCRYPTED), passphrase: new TextEncoder().encode(PASSPHRASE) })).toBe(signed);
  });

  test('a key that fails to load fails the same way on every call', () => {
    const broken = RSA.replace('MII', 'MIJ');
    const first = thrownBy(() => oneShot({ privateKey: broken }));
    expect(first).toBeInstanceOf(CloudFrontSignerError);
    const second = thrownBy(() => oneShot({ privateKey: broken }));
    expect([second.code, second.message]).toEqual([first.code, first.message]);
  });

  test('RSA and EC keys share the cache and sign as before after clearKeyCache()', () => {
    const rsa = oneShot({ privateKey: RSA });
    const ec = oneShot({ privateKey: EC });
    expect(oneShot({ privateKey: RSA })).toBe(rsa);
    expect(clearKeyCache()).toBeUndefined();
    expect(oneShot({ privateKey: RSA })).toBe(rsa);
    const ecAgain = oneShot({ privateKey: EC });
    for (const signed of [ec, ecAgain]) {
      expect(verifySignedUrl(signed, { publicKeys: { K1: EC_PUBLIC }, now: NOW }).keyPairId).toBe('K1');
    }
    // A CloudFrontSigner's key is its own: clearing the cache does not touch it.
    const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA });
    clearKeyCache();
    expect(signer.getSignedUrl({ url: URL, dateLessThan: DATE_LESS_THAN })).toBe(rsa);
    signer.dispose();
  });
});

describe('CloudFrontSigner', () => {
  test('keyType and keyPairId', () => {
    const rsa = new CloudFrontSigner({ keyPairId: 'KRSA', privateKey: pem('rsa2048-pkcs8.pem') });
    const ec = new CloudFrontSigner({ keyPairId: 'KEC', privateKey: pem('ec-p256-pkcs8.pem') });
    expect([rsa.keyType, rsa.keyPairId, ec.keyType, ec.keyPairId]).toEqual(['rsa', 'KRSA', 'ec', 'KEC']);
    rsa.dispose();
    ec.dispose();
  });

  test('an RSA signer signs exactly what the one-shot getSignedUrl/getSignedCookies sign', () => {
    const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA, algorithm: 'SHA256' });
    const key = { keyPairId: 'K1', privateKey: RSA, algorithm: 'SHA256' };
    const requests = [];
    for (let i = 0; i < 12; i += 1) {
      requests.push({ url: `https://d111111abcdef8.cloudfront.net/file-${i}.bin?v=${i}`, dateLessThan: EXPIRES * 1000 - i });
    }
    requests.push({ url: URL, dateLessThan: DATE_LESS_THAN, ipAddress: '10.0.0.0/8' });
    requests.push({ url: URL, dateLessThan: DATE_LESS_THAN, dateGreaterThan: NOW, algorithm: 'SHA1' });
    const urls = new Set();
    for (const request of requests) {
      const signedUrl = signer.getSignedUrl(request);
      expect(signedUrl).toBe(getSignedUrl({ ...key, ...request }));
      expect(signer.getSignedCookies(request)).toEqual(getSignedCookies({ ...key, ...request }));
      urls.add(signedUrl);
    }
    expect(urls.size).toBe(requests.length);
    signer.dispose();
  });

  test('an EC signer signs URLs that verify', () => {
    const signer = new CloudFrontSigner({ keyPairId: 'EC1', privateKey: EC });
    for (let i = 0; i < 5; i += 1) {
      const signedUrl = signer.getSignedUrl({ url: `${URL}&n=${i}`, dateLessThan: DATE_LESS_THAN });
      expect(verifySignedUrl(signedUrl, { publicKeys: { EC1: EC_PUBLIC }, now: NOW }).url).toBe(`${ENCODED_URL}&n=${i}`);
    }
    signer.dispose();
  });

  test('[Symbol.dispose] frees the key; later calls throw; disposing again is harmless', () => {
    expect(typeof Symbol.dispose).toBe('symbol');
    const signer = new CloudFrontSigner({ keyPairId: 'K1', privateKey: RSA });
    expect(signer.getSignedUrl({ url: URL, dateLessThan: DATE_LESS_THAN })).toContain('Signature=');
    signer[Symbol.dispose]();
    expectCode(() => signer.getSignedUrl({ url: URL, dateLessThan: DATE_LESS_THAN }), 'INVALID_ARGUMENT');
    expectCode(() => signer.getSignedCookies({ url: URL, dateLessThan: DATE_LESS_THAN }), 'INVALID_ARGUMENT');
    expect(() => signer[Symbol.dispose]()).not.toThrow();
    expect(() => signer.dispose()).not.toThrow();
  });

  test('2,000 create/sign/dispose cycles', () => {
    const keys = [EC, pem('ec-p256-pkcs8.pem')];
    let last;
    for (let i = 0; i < 2000; i += 1) {
      const signer = new CloudFrontSigner({ keyPairId: `K${i}`, privateKey: keys[i % 2] });
      last = signer.getSignedUrl({ url: `https://d111111abcdef8.cloudfront.net/${i}`, dateLessThan: DATE_LESS_THAN });
      signer.dispose();
    }
    expect(verifySignedUrl(last, { publicKeys: { K1999: EC_PUBLIC }, now: NOW }).url)
      .toBe('https://d111111abcdef8.cloudfront.net/1999');
    // RSA keys too, without the (slow) RSA signing in every cycle.
    for (let i = 0; i < 200; i += 1) new CloudFrontSigner({ keyPairId: 'K', privateKey: RSA }).dispose();
    expect(getSignedUrl({ keyPairId: 'K1', privateKey: RSA, url: URL, dateLessThan: DATE_LESS_THAN }))
      .toBe(getSignedUrl({ keyPairId: 'K1', privateKey: RSA, url: URL, dateLessThan: DATE_LESS_THAN }));
  });
});
