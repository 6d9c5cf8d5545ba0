// The package as a user gets it: `npm pack`, installed into a fresh project,
// imported through ESM and required through CJS in separate Node processes.
const { execFileSync } = require('node:child_process');
const { readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const aws = require('@aws-sdk/cloudfront-signer');
const { createConsumerProject } = require('../support/consumer-project.cjs');
const { EC_KEYS, RSA_KEYS, allCases, optionsFor } = require('./oracle-cases.cjs');
const EXPORTS = ['CloudFrontSigner', 'CloudFrontSignerError', 'SIGNING_PARAMETERS', 'buildPolicy', 'clearKeyCache',
  'decodeSignedCookies', 'decodeSignedUrl', 'generateKeyPair', 'getSignedCookies', 'getSignedUrl', 'verifySignedCookies',
  'verifySignedUrl'];

// Runs in the consumer project: signs every case, and reports the export names.
const RUNNER = `
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const outputs = cases.map((c) => {
  try { return c.kind === 'url' ? lib.getSignedUrl(c.options) : lib.getSignedCookies(c.options); }
  catch (error) { return { error: error.code, name: error.name, message: error.message }; }
});
const signer = new lib.CloudFrontSigner({ keyPairId: 'K1', privateKey: cases[0].options.privateKey, passphrase: cases[0].options.passphrase });
signer.dispose();
process.stdout.write(JSON.stringify({ exports: Object.keys(lib).filter((k) => k !== 'default' && k !== '__esModule').sort(), outputs }));
`;

let project;
let packedFiles;
let tarball;

beforeAll(() => {
  ({ dir: project, packedFiles, tarball } = createConsumerProject());
  writeFileSync(join(project, 'run.mjs'), `import * as lib from 'cloudfront-signer-wasm';\nimport { readFileSync } from 'node:fs';\n${RUNNER}`);
  writeFileSync(join(project, 'run.cjs'), `const lib = require('cloudfront-signer-wasm');\nconst { readFileSync } = require('node:fs');\n${RUNNER}`);
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball ships dist/, the license and package metadata only', () => {
  expect(packedFiles.filter((f) => !f.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  expect(packedFiles).toEqual(expect.arrayContaining(['dist/cfsigner.wasm', 'dist/index.cjs', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.cts']));
  const installed = join(project, 'node_modules', 'cloudfront-signer-wasm');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(manifest.dependencies).toBeUndefined();
  expect(manifest.license).toBe('Apache-2.0');
  const license = readFileSync(join(installed, 'LICENSE'), 'utf8');
  expect(license).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
  expect(license).toContain('END OF TERMS AND CONDITIONS');
  const home = 'https://github.com/cloudfront-signer-wasm/cloudfront-signer-wasm';
  expect([manifest.homepage, manifest.repository, manifest.bugs]).toEqual([`${home}#readme`, { type: 'git', url: `git+${home}.git` }, { url: `${home}/issues` }]);
});

// Both tools exit non-zero on any finding; their report is the failure message.
const tool = (name, args) => execFileSync(join(__dirname, '..', '..', 'node_modules', '.bin', name), args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

test('publint --strict finds nothing in the tarball', () => {
  expect(tool('publint', ['--strict', tarball])).toContain('All good!');
});

test('@arethetypeswrong/cli finds no problem in any entry point but the .wasm asset', () => {
  // JSON, not the table: the table's layout follows the terminal's width.
  const report = JSON.parse(tool('attw', [tarball, '--exclude-entrypoints', './cfsigner.wasm', '--format', 'json']));
  expect(report.problems).toEqual({});
  expect(Object.keys(report.analysis.entrypoints)).toEqual(['.', './init', './package.json']);
});

// The whole oracle matrix, as in oracle.test.cjs, through the installed tarball.
const rsaCases = allCases(RSA_KEYS);
const ecCases = allCases(EC_KEYS);

describe.each(['run.mjs', 'run.cjs'])('installed package through %s', (runner) => {
  let result;
  beforeAll(() => {
    const input = join(project, `cases-${runner}.json`);
    const cases = [...rsaCases, ...ecCases].map((c) => ({ kind: c.kind, options: optionsFor(c) }));
    writeFileSync(input, JSON.stringify(cases));
    result = JSON.parse(execFileSync(process.execPath, [runner, input], { cwd: project, encoding: 'utf8', maxBuffer: 64 << 20 }));
  });

  test('exports the whole API', () => {
    expect(result.exports).toEqual(EXPORTS);
  });

  test(`${rsaCases.length} RSA cases are byte-identical to aws-sdk`, () => {
    const expected = rsaCases.map((c) => (c.kind === 'url' ? aws.getSignedUrl(optionsFor(c)) : aws.getSignedCookies(optionsFor(c))));
    expect(result.outputs.slice(0, rsaCases.length)).toEqual(expected);
  });

  test(`${ecCases.length} ECDSA cases match aws-sdk except the randomized signature`, () => {
    const hide = (o) => (typeof o === 'string' ? o.replace(/Signature=[^&]*/, 'Signature=…') : { ...o, 'CloudFront-Signature': '…' });
    const expected = ecCases.map((c) => hide(c.kind === 'url' ? aws.getSignedUrl(optionsFor(c)) : aws.getSignedCookies(optionsFor(c))));
    expect(result.outputs.slice(rsaCases.length).map(hide)).toEqual(expected);
  });
});
