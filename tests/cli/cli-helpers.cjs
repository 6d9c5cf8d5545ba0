// Runs the built CLI the way a user does: `node dist/cli.mjs ...` in a child process.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.mjs');
const AWS_FIXTURES = join(ROOT, 'tests', 'fixtures', 'aws-cli');
const KEY_FIXTURES = join(ROOT, 'tests', 'fixtures', 'keys');

function cfsign(args, options = {}) {
  const result = spawnSync(process.execPath, [options.bin ?? CLI, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, CFSIGN_DEBUG: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// For commands that talk to a server in this same process: spawnSync would block it.
function cfsignAsync(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(options.bin ?? process.execPath, options.bin ? args : [CLI, ...args], {
      cwd: options.cwd ?? ROOT, env: { ...process.env, CFSIGN_DEBUG: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// A failure must be exactly one line on stderr, with no stack trace.
function expectOneLineError(result, { code, exitCode, contains = [] }) {
  expect(result.code).toBe(exitCode);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at |Error: |Traceback/);
  if (code) expect(lines[0]).toMatch(new RegExp(`^cfsign( [a-z-]+)?: ${code}: `));
  for (const term of contains) expect(lines[0].toLowerCase()).toContain(term.toLowerCase());
  return lines[0];
}

// CloudFront's base64: + = / become - _ ~.
function cloudFrontBase64Decode(text) {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');
}

// The query exactly as sent, undecoded, as the AWS CLI's own tests read it.
function queryParams(url) {
  const query = url.slice(url.indexOf('?') + 1);
  const pairs = query.split('&').map((part) => part.split(/=(.*)/s, 2));
  const names = pairs.map(([name]) => name);
  expect(new Set(names).size).toBe(names.length);
  return Object.fromEntries(pairs);
}

module.exports = {
  ROOT, CLI, AWS_FIXTURES, KEY_FIXTURES, cfsign, cfsignAsync, expectOneLineError, cloudFrontBase64Decode, queryParams,
};
