// Input forms a user may hand over: key files with CRLF or extra whitespace are
// accepted; NUL bytes, invalid UTF-8, huge strings and wrong types get their
// documented code, on the signing and the verifying paths alike.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const lib = require('../../dist/index.cjs');

const pem = readFileSync(join(__dirname, '..', 'fixtures', 'keys', 'rsa2048-pkcs1.pem'), 'utf8');
const publicPem = readFileSync(join(__dirname, '..', 'fixtures', 'keys', 'rsa2048-public.pem'), 'utf8');
const base = { url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', dateLessThan: '2030-01-01' };
const expected = lib.getSignedUrl({ ...base, privateKey: pem });
const codeOf = (call) => {
  try {
    call();
  } catch (error) {
    return error instanceof lib.CloudFrontSignerError ? error.code : `not typed: ${error}`;
  }
  return 'no error';
};

test.each([
  ['CRLF line endings', pem.replace(/\n/g, '\r\n')],
  ['blank lines and spaces around the PEM', `\n\n   ${pem}\n\n  `],
  ['trailing spaces on the base64 lines', pem.replace(/\n(?!-)/g, '  \n')],
  ['a Buffer of the PEM', Buffer.from(pem)],
])('a key file with %s signs like the plain one', (_, privateKey) => {
  expect(lib.getSignedUrl({ ...base, privateKey })).toBe(expected);
});

test.each([
  ['a NUL in the URL', () => lib.getSignedUrl({ ...base, privateKey: pem, url: 'https://d.net/a\u0000b' }), 'INVALID_URL'],
  ['a NUL in the key pair id', () => lib.getSignedUrl({ ...base, privateKey: pem, keyPairId: 'K\u00001' }), 'INVALID_ARGUMENT'],
  ['a NUL in the IP', () => lib.getSignedUrl({ ...base, privateKey: pem, ipAddress: '1.2.3.4\u0000' }), 'INVALID_IP'],
  ['invalid UTF-8 bytes as the key', () => lib.getSignedUrl({ ...base, privateKey: Uint8Array.from([0xff, 0xfe, 0xc3, 0x28, 0x80]) }), 'INVALID_KEY'],
  ['a 10 MB URL', () => lib.getSignedUrl({ ...base, privateKey: pem, url: `https://d.net/${'a'.repeat(10 * 1024 * 1024)}` }), 'TOO_LARGE'],
  ['a 10 MB key', () => lib.getSignedUrl({ ...base, privateKey: 'A'.repeat(10 * 1024 * 1024) }), 'TOO_LARGE'],
  ['a 10 MB policy', () => lib.getSignedUrl({ keyPairId: 'K1', privateKey: pem, policy: `{"x":"${'a'.repeat(10 * 1024 * 1024)}"}` }), 'TOO_LARGE'],
  ['verify: a URL that is a number', () => lib.verifySignedUrl(42, { publicKeys: { K1: publicPem } }), 'INVALID_ARGUMENT'],
  ['verify: no options', () => lib.verifySignedUrl(expected), 'INVALID_ARGUMENT'],
  ['verify: publicKeys of the wrong type', () => lib.verifySignedUrl(expected, { publicKeys: { K1: 42 } }), 'INVALID_ARGUMENT'],
  ['verify: a NUL in the URL', () => lib.verifySignedUrl(`${expected}\u0000`, { publicKeys: { K1: publicPem } }), 'MALFORMED'],
  ['verify: an unpaired surrogate', () => lib.verifySignedUrl(`${expected}\uD800`, { publicKeys: { K1: publicPem } }), 'INVALID_URL'],
  ['verify: a 10 MB URL', () => lib.verifySignedUrl(`${expected}&x=${'a'.repeat(10 * 1024 * 1024)}`, { publicKeys: { K1: publicPem } }), 'TOO_LARGE'],
  ['verify: a bad now', () => lib.verifySignedUrl(expected, { publicKeys: { K1: publicPem }, now: 'soon' }), 'INVALID_DATE'],
  ['verify cookies: neither object nor string', () => lib.verifySignedCookies(base.url, 42, { publicKeys: { K1: publicPem } }), 'INVALID_ARGUMENT'],
  ['verify cookies: none at all', () => lib.verifySignedCookies(base.url, '', { publicKeys: { K1: publicPem } }), 'MISSING_KEY_PAIR_ID'],
])('%s is %s', (_, call, code) => {
  expect(codeOf(call)).toBe(code);
  expect(lib.getSignedUrl({ ...base, privateKey: pem })).toBe(expected); // still working
});
