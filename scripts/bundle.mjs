// Bundles the runtime entries, with the Emscripten glue inlined, into dist/.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
await rm(dist, { recursive: true, force: true });
await mkdir(dist);

const common = { bundle: true, platform: 'node', target: 'node18', legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: [new URL('js/entries/node.mjs', root).pathname], format: 'esm', outfile: new URL('index.mjs', dist).pathname });
await build({ ...common, entryPoints: [new URL('js/entries/node.cjs', root).pathname], format: 'cjs', outfile: new URL('index.cjs', dist).pathname });
await build({ ...common, platform: 'browser', target: 'es2022', entryPoints: [new URL('js/entries/browser.mjs', root).pathname], format: 'esm', outfile: new URL('browser.mjs', dist).pathname });

await copyFile(new URL('build/wasm/cfsigner.wasm', root), new URL('cfsigner.wasm', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.ts', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.cts', dist));

for (const name of ['cfsigner.wasm', 'index.mjs', 'index.cjs', 'browser.mjs']) {
  const file = new URL(name, dist);
  const { size } = await stat(file);
  const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`dist/${name}: ${size} bytes, ${gzipped} gzipped`);
}
