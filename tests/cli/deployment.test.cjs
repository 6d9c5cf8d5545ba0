// cfsign reads the deployment infra/deploy writes: its key pair ID and domain
// fill in flags left out.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { verifySignedUrl } = require('../../dist/index.cjs');

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.mjs');
const KEYS = join(ROOT, 'tests', 'fixtures', 'keys');
let dir;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfsign-deployment-'));
  writeFileSync(join(dir, 'cloudfront.json'), JSON.stringify({ domain: 'd111111abcdef8.cloudfront.net', keyPairId: 'KDEPLOYED', bucket: 'b', distributionId: 'E1', region: 'us-east-1', stackName: 's' }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cfsign(args, env = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd: dir });
}

test('a path and no --key-pair-id sign for the deployed distribution', () => {
  const result = cfsign(['sign', '--url', '/uploads/a.txt', '--private-key', `file://${join(KEYS, 'rsa2048-pkcs1.pem')}`, '--date-less-than', '+5m'],
    { CFSIGNER_CONFIG: join(dir, 'cloudfront.json') });
  expect(result.stderr).toBe('');
  const url = result.stdout.trim();
  expect(url.startsWith('https://d111111abcdef8.cloudfront.net/uploads/a.txt?Expires=')).toBe(true);
  expect(verifySignedUrl(url, { publicKeys: { KDEPLOYED: readFileSync(join(KEYS, 'rsa2048-public.pem'), 'utf8') } }).keyPairId).toBe('KDEPLOYED');
});

test('flags given on the command line win over the deployment', () => {
  const result = cfsign(['sign', '--url', 'https://other.example/x', '--key-pair-id', 'KFLAG', '--private-key', join(KEYS, 'rsa2048-pkcs1.pem'), '--date-less-than', '+5m'],
    { CFSIGNER_CONFIG: join(dir, 'cloudfront.json') });
  expect(result.stdout).toMatch(/^https:\/\/other\.example\/x\?Expires=\d+&Signature=[^&]+&Key-Pair-Id=KFLAG\n$/);
});

test('infra/cloudfront.json in the working directory is read without CFSIGNER_CONFIG', () => {
  const project = mkdtempSync(join(tmpdir(), 'cfsign-project-'));
  try {
    require('node:fs').mkdirSync(join(project, 'infra'));
    writeFileSync(join(project, 'infra', 'cloudfront.json'), readFileSync(join(dir, 'cloudfront.json')));
    const result = spawnSync(process.execPath, [CLI, 'sign-cookies', '--resource', '/uploads/*', '--private-key', join(KEYS, 'ec-p256-sec1.pem'), '--date-less-than', '+5m', '--json'], { encoding: 'utf8', cwd: project });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('KDEPLOYED');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a broken or missing named config is one clear line', () => {
  writeFileSync(join(dir, 'broken.json'), '{ not json');
  const broken = cfsign(['sign', '--url', '/a', '--private-key', join(KEYS, 'rsa2048-pkcs1.pem'), '--date-less-than', '+5m'], { CFSIGNER_CONFIG: join(dir, 'broken.json') });
  expect(broken.status).not.toBe(0);
  expect(broken.stderr.trim().split('\n')).toHaveLength(1);
  expect(broken.stderr).toContain('is not JSON');
  const missing = cfsign(['sign', '--url', '/a', '--private-key', join(KEYS, 'rsa2048-pkcs1.pem'), '--date-less-than', '+5m'], { CFSIGNER_CONFIG: join(dir, 'nope.json') });
  expect(missing.status).not.toBe(0);
  expect(missing.stderr).toContain('cannot read the deployment config');
});
