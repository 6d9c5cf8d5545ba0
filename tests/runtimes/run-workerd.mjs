// Bundles a Worker with `wrangler deploy --dry-run` (offline), then runs the
// bundle in real workerd through Miniflare and prints the response body.
// Args: project dir, worker file (in the project), request file
// ({ path, body, bindings }).
import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';
import { bundleWorker, miniflareOptions } from '../support/workerd.cjs';

const [project, workerFile, requestFile] = process.argv.slice(2);
const { path, body, bindings = {} } = JSON.parse(readFileSync(requestFile, 'utf8'));
const mf = new Miniflare(miniflareOptions(bundleWorker(project, workerFile), { bindings }));
try {
  const response = await mf.dispatchFetch(`http://worker.local${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`worker answered ${response.status}: ${text}`);
  console.log(text);
} finally {
  await mf.dispose();
}
