// The names a signature travels under have one source, the C++ list
// (src/core/signing_parameters.h/.cpp). The package exports it as SIGNING_PARAMETERS;
// here it is checked against the C++ source, against what the signer and the decoder
// actually write and read, against its .d.ts type and the README, and no JS source of
// the package, the CLI or the demo spells the names itself.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const {
  SIGNING_PARAMETERS, decodeSignedCookies, decodeSignedUrl, getSignedCookies, getSignedUrl,
} = require('../../dist/index.cjs');

const ROOT = join(__dirname, '..', '..');
const read = (...parts) => readFileSync(join(ROOT, ...parts), 'utf8');
const KEY = { keyPairId: 'K2JCJMDEHXQW5F', privateKey: read('tests', 'fixtures', 'keys', 'rsa2048-pkcs1.pem') };
const RESOURCE_URL = 'https://d111111abcdef8.cloudfront.net/images/photo.jpg';
const EXPIRES = 1893456000; // 2030-01-01

function between(text, start, end) {
  const from = text.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return text.slice(from + start.length, text.indexOf(end, from + start.length));
}

// The C++ list: kSigningParameters' order, each enumerator's query name, and cookieName's prefix.
const ENUMERATORS = [...between(read('src', 'core', 'signing_parameters.h'), 'kSigningParameters = {', '};')
  .matchAll(/SigningParameter::(\w+)/g)].map(([, name]) => name);
const QUERY_NAMES = Object.fromEntries([...read('src', 'core', 'signing_parameters.cpp')
  .matchAll(/case SigningParameter::(\w+): return "([^"]+)";/g)].map(([, name, query]) => [name, query]));
const COOKIE_PREFIX = read('src', 'core', 'signing_parameters.cpp').match(/return "([^"]+)" \+ std::string\(queryParameterName/)[1];
const entries = () => Object.values(SIGNING_PARAMETERS);
const queryNames = () => entries().map(({ query }) => query);
const cookieNames = () => entries().map(({ cookie }) => cookie);

test('SIGNING_PARAMETERS is the C++ list: its order, its enumerators as keys, its query and cookie names', () => {
  expect(ENUMERATORS).toHaveLength(5);
  expect(Object.keys(QUERY_NAMES).sort()).toEqual([...ENUMERATORS].sort());
  expect(Object.entries(SIGNING_PARAMETERS)).toEqual(ENUMERATORS.map((name) => [
    name[0].toLowerCase() + name.slice(1),
    { query: QUERY_NAMES[name], cookie: `${COOKIE_PREFIX}${QUERY_NAMES[name]}` },
  ]));
});

test('it is frozen through and through: the package reads it to pick the signing cookies', () => {
  expect(Object.isFrozen(SIGNING_PARAMETERS)).toBe(true);
  for (const names of entries()) expect(Object.isFrozen(names)).toBe(true);
  expect(Reflect.set(SIGNING_PARAMETERS.keyPairId, 'cookie', 'session')).toBe(false);
  expect(Reflect.deleteProperty(SIGNING_PARAMETERS, 'hashAlgorithm')).toBe(false);
  expect(SIGNING_PARAMETERS.keyPairId.cookie).toBe(`${COOKIE_PREFIX}${QUERY_NAMES.KeyPairId}`);
});

test("signed URLs carry exactly these query parameters, which order: 'aws-cli' writes in the list's order", () => {
  const names = (url) => [...new URL(url).searchParams.keys()];
  const canned = names(getSignedUrl({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000 }));
  const custom = names(getSignedUrl({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000, ipAddress: '192.0.2.0/24', algorithm: 'SHA256' }));
  const awsCli = names(getSignedUrl({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000, algorithm: 'SHA256', order: 'aws-cli' }));
  expect([...new Set([...canned, ...custom])].sort()).toEqual(queryNames().sort());
  expect(queryNames().filter((name) => awsCli.includes(name))).toEqual(awsCli);
});

test('signed cookies are exactly these cookies, and decoding reads them under these names', () => {
  const canned = getSignedCookies({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000, algorithm: 'SHA256' });
  const custom = getSignedCookies({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000, ipAddress: '192.0.2.0/24' });
  expect([...new Set([...Object.keys(canned), ...Object.keys(custom)])].sort()).toEqual(cookieNames().sort());
  expect(Object.keys(decodeSignedCookies(RESOURCE_URL, canned).parameters).sort()).toEqual(Object.keys(canned).sort());
  const signedUrl = getSignedUrl({ ...KEY, url: RESOURCE_URL, dateLessThan: EXPIRES * 1000, algorithm: 'SHA256' });
  expect(Object.keys(decodeSignedUrl(signedUrl).parameters).sort())
    .toEqual([...new URL(signedUrl).searchParams.keys()].sort());
});

test('the .d.ts declares the same names, in the same order', () => {
  const declaration = between(read('js', 'index.d.ts'), 'export declare const SIGNING_PARAMETERS: {', '\n};');
  const declared = [...declaration.matchAll(/readonly (\w+): \{ readonly query: '([^']+)'; readonly cookie: '([^']+)' \}/g)]
    .map(([, key, query, cookie]) => [key, { query, cookie }]);
  expect(declared).toEqual(Object.entries(SIGNING_PARAMETERS));
  // CloudFrontCookies has one property per cookie (tests/types/usage.ts checks that the two types agree).
  const cookieType = between(read('js', 'index.d.ts'), 'export interface CloudFrontCookies {', '}');
  expect([...cookieType.matchAll(/'([\w-]+)'\??:/g)].map(([, name]) => name).sort()).toEqual(cookieNames().sort());
});

test('the README documents every name', () => {
  const section = between(read('README.md'), '### `SIGNING_PARAMETERS`', '\n## ');
  for (const [key, { query, cookie }] of Object.entries(SIGNING_PARAMETERS)) {
    expect(section).toContain(`| \`${key}\` | \`${query}\` | \`${cookie}\` |`);
  }
});

// The one-word query names are also plain labels (cfsign inspect's, the demo page's) and,
// for Signature, a parameter of S3's own query authentication; the other names are not.
test('the package, cfsign and the demo spell no cookie name, Key-Pair-Id or Hash-Algorithm: they read SIGNING_PARAMETERS', () => {
  const sources = (dir) => readdirSync(join(ROOT, dir), { recursive: true })
    .filter((file) => /\.(js|mjs|cjs)$/.test(file)).map((file) => join(dir, file));
  const files = [...sources('js'), ...sources('web-demo')];
  expect(files).toEqual(expect.arrayContaining([join('js', 'options.js'), join('js', 'cli', 'commands', 'sign-cookies.mjs'),
    join('web-demo', 'server', 'edge.js')]));
  const spelled = [];
  for (const file of files) {
    const text = read(file);
    for (const name of [...queryNames().filter((query) => query.includes('-')), ...cookieNames()]) {
      if (['\'', '"', '`'].some((quote) => text.includes(`${quote}${name}${quote}`))) spelled.push(`${file}: ${name}`);
    }
  }
  expect(spelled).toEqual([]);
});
