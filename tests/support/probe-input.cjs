// What tests/runtimes/probe-core.mjs is given wherever it runs (runtimes, browsers,
// bundled apps): the fixture keys, the URLs and the times, one definition for all.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT } = require('./consumer-project.cjs');

const key = (file) => readFileSync(join(ROOT, 'tests', 'fixtures', 'keys', file), 'utf8');
const KEYS = {
  rsaPrivate: key('rsa2048-pkcs8.pem'),
  rsaPublic: key('rsa2048-public.pem'),
  ecPrivate: key('ec-p256-pkcs8.pem'),
  ecPublic: key('ec-p256-public.pem'),
};
const URL_TO_SIGN = 'https://d111111abcdef8.cloudfront.net/uploads/report 2026 ü.pdf?versionId=a+b';
// Cookies get a URL that needs no encoding: for others aws-sdk signs the raw URL (README).
const COOKIE_URL = 'https://d111111abcdef8.cloudfront.net/uploads/*';
const DATE_LESS_THAN = '2030-01-01T00:00:00Z';
const NOW = Date.parse('2029-06-01T00:00:00Z');

module.exports = { KEYS, URL_TO_SIGN, COOKIE_URL, DATE_LESS_THAN, NOW };
