// Runs the probe in the `edge-runtime` package, the runtime behind Vercel Edge.
// esbuild stands in for Vercel's bundler: it resolves the package with the
// `edge-light` condition and binds the `.wasm?module` import to a compiled
// module the runtime provides, as Vercel does. Prints the response body.
// Args: project dir, entry file (a fetch-event handler, in the project),
// request file ({ path, body, env }).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EdgeRuntime } from 'edge-runtime';

const [project, entryFile, requestFile] = process.argv.slice(2);
const { path, body, env = {} } = JSON.parse(readFileSync(requestFile, 'utf8'));
let wasmFile;
const bindWasmModules = {
  name: 'wasm-module-binding',
  setup(plugin) {
    plugin.onResolve({ filter: /\.wasm\?module$/ }, (args) => {
      wasmFile = join(args.resolveDir, args.path.replace(/\?module$/, ''));
      return { path: 'wasm-binding', namespace: 'wasm-binding' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'wasm-binding' }, () => ({ contents: 'export default globalThis.__cfsignerWasm;' }));
  },
};
const bundle = await build({
  entryPoints: [join(project, entryFile)],
  absWorkingDir: project,
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['edge-light', 'worker', 'browser'],
  plugins: [bindWasmModules],
  logLevel: 'error',
});
const wasmModule = new WebAssembly.Module(readFileSync(wasmFile));
const runtime = new EdgeRuntime({
  initialCode: bundle.outputFiles[0].text,
  extend: (context) => Object.assign(context, { __cfsignerWasm: wasmModule, process: { env } }),
});
const response = await runtime.dispatchFetch(`http://edge.local${path}`, { method: 'POST', body: JSON.stringify(body) });
await response.waitUntil();
const text = await response.text();
if (response.status !== 200) throw new Error(`edge handler answered ${response.status}: ${text}`);
console.log(text);
