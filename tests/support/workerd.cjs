// A Worker as Cloudflare runs it, offline: `wrangler deploy --dry-run` bundles it (the
// package's `workerd` export condition, the .wasm kept as a module of its own), and
// Miniflare runs the bundle in real workerd. Shared by the runtime suites and the
// cold-start benchmark, so both run the same bundle the same way.
const { execFileSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const COMPATIBILITY_DATE = '2025-01-01';

// Bundles workerFile (in project) and returns the bundled script's path.
function bundleWorker(project, workerFile, compatibilityFlags = []) {
  const outdir = join(project, `workerd-out-${[workerFile, ...compatibilityFlags].join('-').replace(/\W+/g, '-')}`);
  const flags = compatibilityFlags.flatMap((flag) => ['--compatibility-flags', flag]);
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wrangler'), ['deploy', workerFile, '--dry-run', '--outdir', outdir,
    '--name', 'cfsigner-probe', '--compatibility-date', COMPATIBILITY_DATE, ...flags],
  { cwd: project, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } });
  return join(outdir, readdirSync(outdir).find((file) => file.endsWith('.js')));
}

// Options for `new Miniflare()`: the bundle's .wasm imports become compiled modules, as on Cloudflare.
function miniflareOptions(scriptPath, { bindings = {}, compatibilityFlags = [] } = {}) {
  return {
    modules: true,
    scriptPath,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    bindings,
  };
}

module.exports = { bundleWorker, miniflareOptions };
