// Starts the Emscripten module from an already compiled WebAssembly.Module.
// Instantiation is synchronous, so the whole start-up is: every runtime only has
// to produce the WebAssembly.Module in the way it allows.
import createCfsignerModule from '../build/wasm/cfsigner.cjs';
import { createApi } from './api.js';

export function instantiate(wasmModule) {
  const moduleArg = {
    instantiateWasm(imports, receiveInstance) {
      const instance = new WebAssembly.Instance(wasmModule, imports);
      receiveInstance(instance, wasmModule);
      return instance.exports;
    },
    // Nothing in the core prints; keep stray runtime messages off the console.
    print() {},
    printErr() {},
  };
  // The factory also returns a promise; everything it resolves to is already on moduleArg.
  createCfsignerModule(moduleArg).catch?.(() => {});
  if (typeof moduleArg.SigningKey !== 'function') {
    throw new Error('cloudfront-signer-wasm: the WebAssembly module did not start');
  }
  const api = createApi(moduleArg);
  wipeAtExit(api.clearKeyCache);
  return api;
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
