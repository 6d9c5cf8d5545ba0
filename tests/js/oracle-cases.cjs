// The oracle matrix: inputs for which our output must equal @aws-sdk/cloudfront-signer's
// byte for byte. Plain JSON-able data, so the packed-package test can hand it to
// child processes.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const KEY_DIR = join(__dirname, '..', 'fixtures', 'keys');
const PASSPHRASE = 'correct-horse';

const RSA_KEYS = [
  { file: 'rsa2048-pkcs1.pem' },
  { file: 'rsa2048-pkcs8.pem' },
  { file: 'rsa2048-pkcs1-aes256.pem', passphrase: PASSPHRASE },
  { file: 'rsa2048-pkcs1-des3.pem', passphrase: PASSPHRASE },
  { file: 'rsa2048-pkcs8-aes256.pem', passphrase: PASSPHRASE },
  { file: 'rsa2048-pkcs8-des3.pem', passphrase: PASSPHRASE },
  // Keys from each generator, e = 3 and e = 65537, and one whose primes are not both
  // 1024 bits (signed by Mbed TLS instead of the CRT kernel).
  { file: 'rsa2048-e3-openssl.pem' },
  { file: 'rsa2048-node.pem' },
  { file: 'rsa2048-mbedtls.pem' },
  { file: 'rsa2048-unbalanced-primes.pem' },
];
const EC_KEYS = [
  { file: 'ec-p256-sec1.pem' },
  { file: 'ec-p256-pkcs8.pem' },
  { file: 'ec-p256-pkcs8-aes128.pem', passphrase: PASSPHRASE },
];

// URLs that exercise CloudFront's encoding rules: per-segment encoding, %XX kept
// or re-encoded, '+' and "'" in path and query, unicode, odd queries.
const URLS = [
  'https://d111111abcdef8.cloudfront.net/image.jpg',
  'https://d111111abcdef8.cloudfront.net/',
  'https://d111111abcdef8.cloudfront.net',
  'http://example.com/hi',
  'https://cdn.example.com:8443/uploads/report.pdf',
  'https://d111111abcdef8.cloudfront.net/uploads/my file.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/my%20file.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/a+b.txt',
  "https://d111111abcdef8.cloudfront.net/uploads/it's.txt",
  'https://d111111abcdef8.cloudfront.net/uploads/(1)!*~.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/%2Fslash%2f.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/100%.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/%zz%4.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/%C0%AF%ED%A0%80.bin',
  'https://d111111abcdef8.cloudfront.net/uploads/日本語/ファイル.png',
  'https://d111111abcdef8.cloudfront.net/uploads/émoji-😀.txt',
  'https://d111111abcdef8.cloudfront.net/uploads/%E2%82%AC.txt',
  'https://d111111abcdef8.cloudfront.net/a/./b/../c//d/',
  'https://d111111abcdef8.cloudfront.net/semi;colon,comma=equals@at$dollar&amp',
  'https://d111111abcdef8.cloudfront.net/video.mp4?quality=hd&lang=en',
  'https://d111111abcdef8.cloudfront.net/x?q=a b&r=c+d',
  "https://d111111abcdef8.cloudfront.net/x?name=o'brien&empty=&flag",
  'https://d111111abcdef8.cloudfront.net/x?a=%2F%2f&b=%zz&c=1=2',
  'https://d111111abcdef8.cloudfront.net/x?&&a=1&&',
  'https://d111111abcdef8.cloudfront.net/x?',
  'https://d111111abcdef8.cloudfront.net/x?k=日本&e=€',
  'https://d111111abcdef8.cloudfront.net/x?response-content-disposition=attachment; filename="a.txt"'.replace('"', '%22').replace('"', '%22'),
  'https://d111111abcdef8.cloudfront.net/' + 'deep/'.repeat(40) + 'file.txt',
  'https://d111111abcdef8.cloudfront.net?only=query',
  'https://sub.domain.example.org/path/to/object.tar.gz?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
];

// URLs that need no encoding: aws-sdk signs the raw URL into cookie policies,
// we sign the encoded one (README, "Where we differ"), so only these can match.
const COOKIE_URLS = URLS.filter((url) => !/[ '%\u0080-\uffff()!*~;,=@$&+?]/.test(url.replace(/^https?:\/\/[^/]*/, '')));

// Dates in each form aws-sdk accepts; some fall on half seconds to check rounding.
const DATES_LESS = [
  '2026-12-01T00:00:00Z', 1798761600000, '2027-03-15T12:30:45.500Z', 'Tue, 01 Jun 2027 08:00:00 GMT',
  '2030-01-01', 1893456000499, '2037-12-31T23:59:59Z',
];
const DATES_GREATER = ['2026-11-01T00:00:00Z', 1761955200000, '2026-06-15T06:07:08.999Z'];
const IPS = ['10.0.0.1', '192.168.0.0/16', '0.0.0.0/0', '203.0.113.7/32', '198.51.100.0/24'];
const ALGORITHMS = [undefined, 'SHA1', 'SHA256'];

function pick(list, i) {
  return list[i % list.length];
}

// Keys rotate through the cases, so every key form meets every kind of URL
// without multiplying the matrix (RSA signing in wasm costs ~15 ms).
function urlCases() {
  const cases = [];
  let n = 0;
  for (const url of URLS) {
    for (const algorithm of ALGORITHMS) {
      for (let round = 0; round < 2; round += 1) {
        n += 1;
        const base = { kind: 'url', url, keyPairId: pick(['K2JCJMDEHXQW5F', 'APKAEIBAERJR2EXAMPLE', 'E2QWRUHAPOMQZL'], n), algorithm };
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n) });
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n + 1), dateGreaterThan: pick(DATES_GREATER, n) });
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n + 2), ipAddress: pick(IPS, n) });
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n + 3), dateGreaterThan: pick(DATES_GREATER, n + 1), ipAddress: pick(IPS, n + 1) });
      }
    }
  }
  return cases;
}

function cookieCases() {
  const cases = [];
  let n = 0;
  for (const url of COOKIE_URLS) {
    for (const algorithm of ALGORITHMS) {
      for (let round = 0; round < 3; round += 1) {
        n += 1;
        const base = { kind: 'cookies', url, keyPairId: 'K2JCJMDEHXQW5F', algorithm };
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n) });
        cases.push({ ...base, dateLessThan: pick(DATES_LESS, n), dateGreaterThan: pick(DATES_GREATER, n), ipAddress: pick(IPS, n) });
      }
    }
  }
  return cases;
}

// Callers' own policies, signed byte for byte as given (whitespace included).
const POLICIES = [
  '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/uploads/*","Condition":{"DateLessThan":{"AWS:EpochTime":1798761600}}}]}',
  '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/*","Condition":{"DateLessThan":{"AWS:EpochTime":1798761600},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}}}]}',
  '{ "Statement": [ { "Resource": "*://d111111abcdef8.cloudfront.net/video-?.mp4", "Condition": { "DateGreaterThan": { "AWS:EpochTime": 1761955200 }, "DateLessThan": { "AWS:EpochTime": 1798761600 } } } ] }',
  '{"Statement":[{"Condition":{"DateLessThan":{"AWS:EpochTime":2147483647}}}]}',
];
const POLICY_URLS = [
  'https://d111111abcdef8.cloudfront.net/uploads/photo 1.jpg',
  'https://d111111abcdef8.cloudfront.net/uploads/a.txt?x=1',
  'https://d111111abcdef8.cloudfront.net/video-7.mp4',
];

function policyCases() {
  const cases = [];
  for (const algorithm of ALGORITHMS) {
    for (const policy of POLICIES) {
      const base = { policy, keyPairId: 'K2JCJMDEHXQW5F', algorithm };
      const { Resource: resource } = JSON.parse(policy).Statement[0];
      // We refuse a url its policy does not cover (aws-sdk signs it anyway), so pair only covering ones.
      const pattern = resource && new RegExp(`^${resource.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      for (const url of POLICY_URLS) {
        if (!pattern || pattern.test(url.replace(/ /g, '%20'))) cases.push({ kind: 'url', url, ...base });
      }
      if (resource) cases.push({ kind: 'url', ...base });
      cases.push({ kind: 'cookies', ...base });
    }
  }
  return cases;
}

function allCases(keys) {
  const cases = [...urlCases(), ...cookieCases(), ...policyCases()];
  return cases.map((testCase, i) => ({ ...testCase, key: keys[i % keys.length] }));
}

// Turns a case into the options object both libraries take.
function optionsFor(testCase) {
  const { kind, key, ...rest } = testCase;
  const options = { ...rest, privateKey: readFileSync(join(KEY_DIR, key.file), 'utf8') };
  if (key.passphrase) options.passphrase = key.passphrase;
  for (const name of Object.keys(options)) if (options[name] === undefined) delete options[name];
  return options;
}

module.exports = { RSA_KEYS, EC_KEYS, KEY_DIR, allCases, optionsFor };
