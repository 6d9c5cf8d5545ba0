'use strict';
// scripts/test.sh's tiers: unit, cli and slow together run every Jest suite that `npm test`
// (tier all) runs, each exactly once, and the cpp/slow split of the GoogleTest suites names
// suites that exist (the cpp tier runs the complement, so no case falls between the two).

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const TEST_SH = path.join(ROOT, 'scripts', 'test.sh');

// The suites a tier runs, as `scripts/test.sh --list` reports them (relative paths).
function suitesOf(tier) {
  const out = execFileSync('bash', [TEST_SH, '--list', tier], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((file) => path.relative(ROOT, file)).sort();
}

const tiers = {};
beforeAll(() => {
  for (const tier of ['all', 'unit', 'cli', 'slow']) tiers[tier] = suitesOf(tier);
});

test('unit, cli and slow run every suite of `all`, each in exactly one tier', () => {
  expect(tiers.all.length).toBeGreaterThan(30);
  const together = [...tiers.unit, ...tiers.cli, ...tiers.slow].sort();
  expect(together.filter((file, i) => together[i - 1] === file)).toEqual([]);
  expect(together).toEqual(tiers.all);
});

test('the unit tier leaves the randomized kernel and signature runs and the packed tarball to the slow tier', () => {
  const moved = ['differential-verify', 'ecdsa', 'kernel', 'p256-kernels', 'packed'].map((name) => path.join('tests', 'js', `${name}.test.cjs`));
  expect(tiers.slow).toEqual(expect.arrayContaining(moved));
  expect(tiers.unit.filter((file) => moved.includes(file))).toEqual([]);
  expect(tiers.unit.length).toBeGreaterThan(10);
});

test("the C++ suites the slow tier takes from the cpp tier exist", () => {
  const filter = fs.readFileSync(TEST_SH, 'utf8').match(/^CPP_SLOW_CASES='([^']+)'$/m)[1];
  const slowSuites = filter.split(':').map((pattern) => pattern.replace(/\.\*$/, ''));
  const cppDir = path.join(ROOT, 'tests', 'cpp');
  const defined = new Set(fs.readdirSync(cppDir).filter((file) => file.endsWith('_test.cpp'))
    .flatMap((file) => [...fs.readFileSync(path.join(cppDir, file), 'utf8').matchAll(/^TEST(?:_F|_P)?\((\w+),/gm)])
    .map(([, suite]) => suite));
  expect(slowSuites.length).toBeGreaterThan(0);
  expect(slowSuites.filter((suite) => !defined.has(suite))).toEqual([]);
  // Some suites stay in the cpp tier.
  expect([...defined].filter((suite) => !slowSuites.includes(suite)).length).toBeGreaterThan(20);
});
