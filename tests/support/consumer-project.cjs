// A scratch project with the package installed from its `npm pack` tarball, the
// way a user gets it. Shared by the packed-package and runtime suites.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

function createConsumerProject(manifest = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cfsigner-consumer-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, ...manifest }));
  const tarball = join(dir, packed.filename);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: dir, stdio: 'pipe' });
  return { dir, tarball, packedFiles: packed.files.map((file) => file.path).sort() };
}

module.exports = { ROOT, createConsumerProject };
