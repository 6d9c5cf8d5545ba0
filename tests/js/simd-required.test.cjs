// The signing kernels need WebAssembly SIMD. On an engine without it, every entry
// throws a CloudFrontSignerError with code UNSUPPORTED_RUNTIME before it compiles
// the wasm, instead of a bare CompileError. Node 20 has no flag to turn SIMD off,
// so a preload (no-simd-engine.cjs) makes WebAssembly refuse SIMD modules.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', 'dist');
const noSimd = ['--require', join(__dirname, 'no-simd-engine.cjs')];

// Runs `body` (an async function body) in a fresh Node and returns what it prints as JSON.
function run(preload, body) {
  const script = `(async () => { ${body} })().then((r) => console.log(JSON.stringify(r)), `
    + '(e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })));';
  const output = execFileSync(process.execPath, [...preload, '--input-type=module', '-e', script], { cwd: dist, encoding: 'utf8' });
  return JSON.parse(output);
}

const loaders = {
  'ESM entry': "await import('./index.mjs'); return { loaded: true };",
  'CJS entry': "const { createRequire } = await import('node:module'); createRequire(import.meta.url)('./index.cjs'); return { loaded: true };",
  'init()': "const { readFileSync } = await import('node:fs'); const { init } = await import('./init.mjs'); await init({ wasm: readFileSync('cfsigner.wasm') }); return { loaded: true };",
  'initSync()': "const { readFileSync } = await import('node:fs'); const { initSync } = await import('./init.mjs'); initSync({ wasm: readFileSync('cfsigner.wasm') }); return { loaded: true };",
};

test('the simulated engine refuses the package wasm with a bare CompileError', () => {
  const body = "const { readFileSync } = await import('node:fs'); await WebAssembly.compile(readFileSync('cfsigner.wasm')); return { loaded: true };";
  expect(run(noSimd, body)).toMatchObject({ name: 'CompileError' });
  expect(run([], body)).toEqual({ loaded: true });
});

test.each(Object.keys(loaders))('%s: without SIMD it throws UNSUPPORTED_RUNTIME; with SIMD it loads', (name) => {
  const refused = run(noSimd, loaders[name]);
  expect(refused).toEqual({
    name: 'CloudFrontSignerError',
    code: 'UNSUPPORTED_RUNTIME',
    message: expect.stringContaining('needs WebAssembly SIMD'),
  });
  expect(run([], loaders[name])).toEqual({ loaded: true });
});
