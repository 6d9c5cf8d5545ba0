// Types for cloudfront-signer-wasm/init: explicit initialization. The build writes
// init.d.cts from this file with './index.cjs' in place of './index.js'.
import type * as api from './index.js';

export type CloudFrontSignerApi = typeof api;

/** What `init` accepts: a compiled module, its bytes, a URL, or a fetch Response (or a promise of one). */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Response | PromiseLike<Response>;

/** Compiles (if needed) and starts a module instance of its own; resolves to the package's API. */
export declare function init(options: { wasm: WasmSource }): Promise<CloudFrontSignerApi>;
/** The same, synchronously, from a WebAssembly.Module or bytes. */
export declare function initSync(options: { wasm: WebAssembly.Module | ArrayBuffer | ArrayBufferView }): CloudFrontSignerApi;

// Node's types have no WebAssembly namespace; this merges with the DOM's where a project
// has it. The DOM declares WebAssembly.Module empty, so any object would pass for one;
// the tag every real module carries keeps a URL or a Response out of initSync().
declare global {
  namespace WebAssembly {
    interface Module {
      readonly [Symbol.toStringTag]: 'WebAssembly.Module';
    }
  }
}
