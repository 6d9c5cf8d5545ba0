// One cold start in workerd, timed from outside: workerd's clocks stand still while a
// Worker computes (they move only on I/O), so the Worker cannot time itself. A fresh
// Miniflare starts a fresh workerd on the bundled Worker; prints, as one JSON line, the
// milliseconds to the first response's body from workerd's spawn and from `new Miniflare()`,
// and that body. The caller subtracts the same for a Worker that does nothing.
// Args: bundled script, compatibility flags (comma-separated); the key arrives in KEY_PEM.
import childProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { Miniflare } from 'miniflare';

const require = createRequire(import.meta.url);
const { miniflareOptions } = require('../tests/support/workerd.cjs');
const [scriptPath, flags = ''] = process.argv.slice(2);
const options = miniflareOptions(scriptPath, {
  bindings: { KEY_PEM: process.env.KEY_PEM }, compatibilityFlags: flags ? flags.split(',') : [],
});

// Before it starts workerd, Miniflare builds workerd's config in Node, parsing and copying
// every module: a cost that grows with the bundle and that a deployed Worker never pays.
// So the clock that counts starts when Miniflare spawns workerd.
const { spawn } = childProcess;
const spawnedAt = [];
childProcess.spawn = (...args) => {
  spawnedAt.push(performance.now());
  return spawn(...args);
};

const t0 = performance.now();
const mf = new Miniflare(options);
try {
  const response = await mf.dispatchFetch('http://worker.local/');
  const body = await response.text();
  const t1 = performance.now();
  if (response.status !== 200) throw new Error(`worker answered ${response.status}: ${body}`);
  if (spawnedAt.length !== 1) throw new Error(`expected Miniflare to spawn workerd once, saw ${spawnedAt.length} spawns`);
  console.log(JSON.stringify({ ms: t1 - spawnedAt[0], miniflareMs: t1 - t0, body }));
} finally {
  await mf.dispose();
}
