// Bundles the runtime entries, with the Emscripten glue inlined, into dist/.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
await rm(dist, { recursive: true, force: true });
await mkdir(dist);

// Minified (names kept, lines capped so a stack trace shows a readable line): the
// Emscripten glue is most of each entry.
const common = { bundle: true, legalComments: 'none', logLevel: 'warning', minify: true, keepNames: true, lineLimit: 120 };
const web = { ...common, platform: 'neutral', target: 'es2022', format: 'esm' };
const entry = (name) => new URL(`js/entries/${name}`, root).pathname;
const out = (name) => new URL(name, dist).pathname;
// Node, Deno, Bun and bundlers: the wasm inlined as base64, one source for both formats.
// Uncapped lines: a capped line splits the base64 every 120 characters, which costs gzip 6 KB.
const embedded = { ...web, lineLimit: undefined, entryPoints: [entry('embedded.mjs')], loader: { '.wasm': 'base64' } };
await build({ ...embedded, outfile: out('index.mjs') });
await build({ ...embedded, format: 'cjs', outfile: out('index.cjs') });
// Bundlers find the .wasm through `new URL('./cfsigner.wasm', import.meta.url)` only
// when it stays on one line, so this entry's lines are not capped.
await build({ ...web, lineLimit: undefined, entryPoints: [entry('browser.mjs')], outfile: out('browser.mjs') });
if (!readFileSync(out('browser.mjs'), 'utf8').includes('new URL("./cfsigner.wasm",import.meta.url)')) {
  throw new Error('dist/browser.mjs: the .wasm URL expression was rewritten; bundlers would miss the asset');
}
// These import the .wasm itself; their runtime's bundler resolves it next to them.
await build({ ...web, entryPoints: [entry('workerd.mjs')], outfile: out('workerd.mjs'), external: ['./cfsigner.wasm'] });
await build({ ...web, entryPoints: [entry('edge-light.mjs')], outfile: out('edge-light.mjs'), external: ['./cfsigner.wasm?module'] });
await build({ ...web, entryPoints: [entry('init.mjs')], outfile: out('init.mjs') });
await build({ ...web, entryPoints: [entry('init.mjs')], format: 'cjs', outfile: out('init.cjs') });
// The cfsign CLI uses the package through its own name, so it shares dist/index.mjs.
await build({
  ...common, platform: 'node', target: 'node18', entryPoints: [new URL('js/cli/main.mjs', root).pathname], format: 'esm', outfile: out('cli.mjs'),
  external: ['cloudfront-signer-wasm'], banner: { js: '#!/usr/bin/env node' },
});
await chmod(out('cli.mjs'), 0o755);

await copyFile(new URL('build/wasm/cfsigner.wasm', root), new URL('cfsigner.wasm', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.ts', dist));
await copyFile(new URL('js/index.d.ts', root), new URL('index.d.cts', dist));
await copyFile(new URL('js/init.d.ts', root), new URL('init.d.ts', dist));
// The CommonJS types of ./init refer to the CommonJS types of the package.
writeFileSync(out('init.d.cts'), readFileSync(new URL('js/init.d.ts', root), 'utf8').replaceAll("'./index.js'", "'./index.cjs'"));

for (const name of ['cfsigner.wasm', 'index.mjs', 'index.cjs', 'browser.mjs', 'workerd.mjs', 'edge-light.mjs', 'init.mjs', 'init.cjs']) {
  const file = new URL(name, dist);
  const { size } = await stat(file);
  const gzipped = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`dist/${name}: ${size} bytes, ${gzipped} gzipped`);
}
