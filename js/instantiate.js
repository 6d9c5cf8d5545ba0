// Starts the Emscripten module from an already compiled WebAssembly.Module.
// Instantiation is synchronous, so the whole start-up is: every runtime only has
// to produce the WebAssembly.Module in the way it allows.
import createCfsignerModule from '../build/wasm/cfsigner.cjs';
import { createApi } from './api.js';
import { fail } from './errors.js';

// The smallest module that uses SIMD128: one function returning a v128.const.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b, // v128.const 0; end
]);

// The signing kernels need WebAssembly SIMD. Entries call this before compiling,
// so an engine without it gets a typed error instead of a CompileError.
export function requireSimd() {
  if (!WebAssembly.validate(SIMD_PROBE)) {
    fail('UNSUPPORTED_RUNTIME', 'cloudfront-signer-wasm needs WebAssembly SIMD, which this runtime lacks '
      + '(it is in Node.js 16.4+, Deno, Bun, workerd, Chrome 91+, Firefox 89+ and Safari 16.4+)');
  }
}

export function instantiate(wasmModule) {
  requireSimd();
  let startError;
  const moduleArg = {
    instantiateWasm(imports, receiveInstance) {
      try {
        const instance = new WebAssembly.Instance(wasmModule, imports);
        receiveInstance(instance, wasmModule);
        return instance.exports;
      } catch (error) {
        // Emscripten only prints this error (and we silence printing): keep it for the message below.
        startError = error;
        throw error;
      }
    },
    // Nothing in the core prints; keep stray runtime messages off the console.
    print() {},
    printErr() {},
  };
  // The factory also returns a promise; everything it resolves to is already on moduleArg.
  createCfsignerModule(moduleArg).catch?.(() => {});
  if (typeof moduleArg.SigningKey !== 'function') throw notStarted(startError);
  const api = createApi(moduleArg);
  wipeAtExit(api.clearKeyCache);
  return api;
}

// The real cause, with what to do about the usual one: V8 reserves about 10 GiB of
// address space for every wasm memory, which a `ulimit -v` below that refuses.
function notStarted(cause) {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause ?? 'unknown reason');
  const hint = /memory/i.test(reason)
    ? ' (WebAssembly reserves about 10 GiB of virtual address space per instance; a process limit'
      + ' such as `ulimit -v` below that makes this fail: raise or remove the limit)'
    : '';
  return new Error(`cloudfront-signer-wasm: the WebAssembly module did not start: ${reason}${hint}`, { cause });
}

// Server runtimes (Node, Deno, Bun) wipe every live instance's one-shot key cache
// before the process ends: one listener, and no instance kept alive by it.
const keyCacheClearers = new Set();
globalThis.process?.once?.('exit', () => {
  for (const clearer of keyCacheClearers) clearer.deref()?.();
});

function wipeAtExit(clearKeyCache) {
  if (typeof WeakRef !== 'function' || typeof globalThis.process?.once !== 'function') return;
  for (const clearer of keyCacheClearers) if (!clearer.deref()) keyCacheClearers.delete(clearer);
  keyCacheClearers.add(new WeakRef(clearKeyCache));
}
