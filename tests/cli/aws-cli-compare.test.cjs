// `cfsign sign` against the command it stands in for: Debian's awscli (AWS CLI v2), run
// offline. On URLs that need no percent-encoding, canned and custom, the output must be
// the same bytes. scripts/setup.sh installs awscli, so a missing one fails this suite
// rather than skipping it.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { AWS_FIXTURES, KEY_FIXTURES, cfsign, cloudFrontBase64Decode, queryParams } = require('./cli-helpers.cjs');

const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3'; // Debian's, which has the awscli modules
const BATCH = join(__dirname, 'aws-cli-batch.py');

const KEYS = [join(AWS_FIXTURES, 'test-sign-key.pem'), join(KEY_FIXTURES, 'rsa2048-pkcs8.pem')];
const KEY_PAIR_ID = 'K2JCJMDEHXQW5F';
const D = 'https://d111111abcdef8.cloudfront.net';

// URLs that percent-encoding leaves as they are. A * is a literal character to both tools.
const URLS = [
  `${D}/image.jpg`,
  `${D}/`,
  'http://example.com/hi',
  `${D}/a/b/c/file-name_v2.tar.gz`,
  `${D}/videos/*`,
  `${D}/x/*/y*.mp4`,
  `${D}/image.jpg?size=large`,
  `${D}/p?a=1&b=two&c=`,
  `${D}/%E2%82%AC/caf%C3%A9.txt`,
  `${D}/!~'()*.txt`,
  `${D}:8443/port`,
  `${D}/a%20b.txt`,
  'https://D111111ABCDEF8.cloudfront.net/Upper/Case.JPG',
  `${D}/q?x=a+b&list=a%2Cb`,
  `${D}/dl?response-content-disposition=attachment`,
];

// Every date form both tools read the same way, and every custom-policy shape.
const CUSTOM = [
  ['--ip-address', '192.0.2.0/24'],
  ['--date-greater-than', '2035-01-01T12:00:00Z'],
  ['--ip-address', '203.0.113.7', '--date-greater-than', '2035-01-01T14:30:00+02:00'],
  ['--date-greater-than', '2051222400', '--ip-address', '10.0.0.0/8'],
  ['--ip-address', '0.0.0.0/0'],
];
const EXPIRY = ['2035-06-01', '2035-06-01T08:15:30Z', '2064000000', '2035-06-01T10:00:00-04:00'];

const CASES = URLS.flatMap((url, i) => {
  const base = ['--url', url, '--key-pair-id', KEY_PAIR_ID, '--private-key', `file://${KEYS[i % KEYS.length]}`,
    '--date-less-than', EXPIRY[i % EXPIRY.length]];
  return [
    { name: `canned ${url}`, args: base, custom: false },
    { name: `custom ${CUSTOM[i % CUSTOM.length].join(' ')} ${url}`, args: [...base, ...CUSTOM[i % CUSTOM.length]], custom: true },
  ];
});

let scratch;
let awsEnv;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'cfsign-awscli-'));
  // Offline: dummy credentials and region, no config files, no instance metadata.
  awsEnv = {
    PATH: '/usr/bin:/bin', HOME: scratch, LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(scratch, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function awsBinary(args) {
  const result = spawnSync(AWS, args, { encoding: 'utf8', env: awsEnv });
  if (result.error) throw new Error(`${AWS} did not run (${result.error.code}); scripts/setup.sh installs Debian's awscli`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Many `aws` command lines in one process (see aws-cli-batch.py).
function awsBatch(commands) {
  const result = spawnSync(PYTHON, [BATCH], { input: JSON.stringify(commands), encoding: 'utf8', env: awsEnv, maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`aws-cli-batch.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('the reference: Debian\'s awscli', () => {
  test('is installed and is AWS CLI v2', () => {
    const { code, stdout } = awsBinary(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^aws-cli\/2\.\d+\.\d+ Python\/3\S* .*debian/);
  });

  test('the batch runner prints exactly what /usr/bin/aws prints', () => {
    const commands = [CASES[0], CASES[5]].map(({ args }) => ['cloudfront', 'sign', ...args]);
    const batch = awsBatch(commands);
    commands.forEach((command, i) => {
      const direct = awsBinary(command);
      expect(direct).toEqual({ code: 0, stdout: batch[i].stdout, stderr: '' });
      expect(batch[i].code).toBe(0);
    });
  });
});

describe('cfsign sign = aws cloudfront sign, byte for byte', () => {
  let expected;
  beforeAll(() => {
    expected = awsBatch(CASES.map(({ args }) => ['cloudfront', 'sign', ...args]));
  });

  test.each(CASES.map((c, i) => [c.name, i]))('%s', (_, i) => {
    const { args, custom } = CASES[i];
    const aws = expected[i];
    expect(aws).toMatchObject({ code: 0, stderr: '' });
    expect(Object.keys(queryParams(aws.stdout))).toContain(custom ? 'Policy' : 'Expires');
    const ours = cfsign(['sign', ...args]);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    // The AWS CLI writes no newline after the URL; cfsign ends its line (README lists it).
    expect(ours.stdout).toBe(`${aws.stdout}\n`);
  });

  test('the corpus has both kinds, and custom policies with both conditions in the AWS CLI\'s order', () => {
    expect(CASES.filter((c) => !c.custom)).toHaveLength(URLS.length);
    expect(CASES.filter((c) => c.custom)).toHaveLength(URLS.length);
    const both = expected.map((r) => queryParams(r.stdout).Policy).filter(Boolean)
      .map((p) => cloudFrontBase64Decode(p).toString()).filter((p) => p.includes('DateGreaterThan') && p.includes('IpAddress'));
    expect(both.length).toBeGreaterThanOrEqual(4);
    for (const policy of both) expect(policy.indexOf('IpAddress')).toBeLessThan(policy.indexOf('DateGreaterThan'));
  });
});

describe('where the two differ on purpose (README: cfsign and the AWS CLI)', () => {
  const common = ['--key-pair-id', KEY_PAIR_ID, '--private-key', `file://${KEYS[0]}`];

  test('an expired --date-less-than: the same URL, and a warning on stderr', () => {
    const args = ['--url', `${D}/old.txt`, ...common, '--date-less-than', '2016-01-01'];
    const [aws] = awsBatch([['cloudfront', 'sign', ...args]]);
    expect(aws).toMatchObject({ code: 0, stderr: '' });
    const ours = cfsign(['sign', ...args]);
    expect(ours.code).toBe(0);
    expect(ours.stdout).toBe(`${aws.stdout}\n`);
    expect(ours.stderr).toMatch(/^cfsign sign: warning: --date-less-than is 2016-01-01 00:00:00 UTC, .* ago: CloudFront will refuse this signature\n$/);
  });

  test.each([
    ['canned', []],
    ['custom', ['--ip-address', '192.0.2.1']],
  ])('%s: a URL that needs encoding is signed encoded, where the AWS CLI signs it as typed', (_, extra) => {
    const typed = `${D}/x*$&,;=:@/my file.txt`;
    const encoded = `${D}/x*%24%26%2C%3B%3D%3A%40/my%20file.txt`;
    const args = ['--url', typed, ...common, '--date-less-than', '2035-06-01', ...extra];
    const [aws] = awsBatch([['cloudfront', 'sign', ...args]]);
    expect(aws.stdout.startsWith(`${typed}?`)).toBe(true);
    const ours = cfsign(['sign', ...args]);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    expect(ours.stdout.startsWith(`${encoded}?`)).toBe(true);
    const params = queryParams(ours.stdout.trim());
    if (params.Policy) expect(JSON.parse(cloudFrontBase64Decode(params.Policy)).Statement[0].Resource).toBe(encoded);
    // Apart from the URL (and so the policy and signature), the layout is the AWS CLI's.
    expect(Object.keys(params)).toEqual(Object.keys(queryParams(aws.stdout)));
  });
});

describe('keys from cfsign keygen', () => {
  test('the default RSA key is PKCS#1: AWS CLI v1\'s reader (python3-rsa) loads it and signs the same bytes', () => {
    const dir = join(scratch, 'keygen');
    const made = cfsign(['keygen', '--out-dir', dir]);
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('PKCS#1 PEM');
    const keyFile = join(dir, 'private_key.pem');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);

    const args = ['--url', `${D}/v1.txt`, '--key-pair-id', KEY_PAIR_ID, '--private-key', `file://${keyFile}`, '--date-less-than', '2035-06-01'];
    const { url, policy } = JSON.parse(cfsign(['sign', ...args, '--json']).stdout);
    const [aws] = awsBatch([['cloudfront', 'sign', ...args]]);
    expect(aws.stdout).toBe(url);
    // AWS CLI v1's RSASigner: rsa.PrivateKey.load_pkcs1, then rsa.sign(policy, key, 'SHA-1').
    const v1 = spawnSync(PYTHON, ['-c', [
      'import base64, sys, rsa',
      'key = rsa.PrivateKey.load_pkcs1(open(sys.argv[1], "rb").read())',
      'sys.stdout.write(base64.b64encode(rsa.sign(sys.argv[2].encode(), key, "SHA-1")).decode())',
    ].join('\n'), keyFile, policy], { encoding: 'utf8' });
    expect(v1.stderr).toBe('');
    expect(Buffer.from(v1.stdout, 'base64')).toEqual(cloudFrontBase64Decode(queryParams(url).Signature));
  });

  test('a PKCS#8 key, which AWS CLI v1\'s reader refuses, on request', () => {
    const dir = join(scratch, 'keygen-pkcs8');
    expect(cfsign(['keygen', '--format', 'pkcs8', '--out-dir', dir]).code).toBe(0);
    const keyFile = join(dir, 'private_key.pem');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const v1 = spawnSync(PYTHON, ['-c', 'import sys, rsa; rsa.PrivateKey.load_pkcs1(open(sys.argv[1], "rb").read())', keyFile], { encoding: 'utf8' });
    expect(v1.status).not.toBe(0);
    expect(v1.stderr).toMatch(/No PEM start marker "b'-----BEGIN RSA PRIVATE KEY-----'" found/);
  });
});
