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
  return createApi(moduleArg);
}
