// Starts the Emscripten module from an already compiled WebAssembly.Module.
// Instantiation is synchronous, so the whole start-up is: every runtime only has
// to produce the WebAssembly.Module in the way it allows.
import createCfsignerModule from '../build/wasm/cfsigner.cjs';
import { createApi } from './api.js';

export function instantiate(wasmModule) {
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
