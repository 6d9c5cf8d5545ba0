// Bundles a Worker with `wrangler deploy --dry-run` (offline), then runs the
// bundle in real workerd through Miniflare and prints the response body.
// Args: project dir, worker file (in the project), request file
// ({ path, body, bindings }).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';

const [project, workerFile, requestFile] = process.argv.slice(2);
const { path, body, bindings = {} } = JSON.parse(readFileSync(requestFile, 'utf8'));
const wrangler = fileURLToPath(new URL('../../node_modules/.bin/wrangler', import.meta.url));
const outdir = join(project, `workerd-out-${workerFile.replace(/\W+/g, '-')}`);
execFileSync(wrangler, ['deploy', workerFile, '--dry-run', '--outdir', outdir, '--name', 'cfsigner-probe',
  '--compatibility-date', '2025-01-01'], { cwd: project, stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } });
const script = readdirSync(outdir).find((file) => file.endsWith('.js'));
const mf = new Miniflare({
  modules: true,
  scriptPath: join(outdir, script),
  compatibilityDate: '2025-01-01',
  modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  bindings,
});
try {
  const response = await mf.dispatchFetch(`http://worker.local${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`worker answered ${response.status}: ${text}`);
  console.log(text);
} finally {
  await mf.dispose();
}
