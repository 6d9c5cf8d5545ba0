// Bundles the runtime entries, with the Emscripten glue inlined, into dist/.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
await rm(dist, { recursive: true, force: true });
await mkdir(dist);

// Minified (names kept, lines capped so a stack trace shows a readable line): the
// Emscripten glue is most of each entry.
const common = { bundle: true, platform: 'node', target: 'node18', legalComments: 'none', logLevel: 'warning', minify: true, keepNames: true, lineLimit: 120 };
await build({ ...common, entryPoints: [new URL('js/entries/node.mjs', root).pathname], format: 'esm', outfile: new URL('index.mjs', dist).pathname });
await build({ ...common, entryPoints: [new URL('js/entries/node.cjs', root).pathname], format: 'cjs', outfile: new URL('index.cjs', dist).pathname });
const web = { ...common, platform: 'neutral', target: 'es2022', format: 'esm' };
const entry = (name) => new URL(`js/entries/${name}`, root).pathname;
const out = (name) => new URL(name, dist).pathname;
await build({ ...web, entryPoints: [entry('browser.mjs')], outfile: out('browser.mjs') });
// These import the .wasm itself; their runtime's bundler resolves it next to them.
await build({ ...web, entryPoints: [entry('workerd.mjs')], outfile: out('workerd.mjs'), external: ['./cfsigner.wasm'] });
await build({ ...web, entryPoints: [entry('edge-light.mjs')], outfile: out('edge-light.mjs'), external: ['./cfsigner.wasm?module'] });
await build({ ...web, entryPoints: [entry('init.mjs')], outfile: out('init.mjs') });
await build({ ...common, entryPoints: [entry('init.mjs')], format: 'cjs', outfile: out('init.cjs') });
// The cfsign CLI uses the package through its own name, so it shares dist/index.mjs.
await build({
  ...common, entryPoints: [new URL('js/cli/main.mjs', root).pathname], format: 'esm', outfile: out('cli.mjs'),
  external: ['cloudfront-signer-wasm'], banner: { js: '#!/usr/bin/env node' },
});
await chmod(out('cli.mjs'), 0o755);

await copyFile(new URL('build/wasm/cfsigner.wasm', root), new URL('cfsigner.wasm', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.ts', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.cts', dist));
await copyFile(new URL('js/init.d.ts', root), new URL('init.d.ts', dist));
// A CommonJS declaration file must import the CommonJS one: './index.js' would be ESM.
await writeFile(out('init.d.cts'), readFileSync(new URL('js/init.d.ts', root), 'utf8').replace("from './index.js'", "from './index.cjs'"));

for (const name of ['cfsigner.wasm', 'index.mjs', 'index.cjs', 'browser.mjs', 'workerd.mjs', 'edge-light.mjs', 'init.mjs']) {
  const file = new URL(name, dist);
  const { size } = await stat(file);
  const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`dist/${name}: ${size} bytes, ${gzipped} gzipped`);
}
