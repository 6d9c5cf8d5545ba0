// Types for cloudfront-signer-wasm/init: explicit initialization.
import type * as api from './index.js';

export type CloudFrontSignerApi = typeof api;

/** What `init` accepts: a compiled module, its bytes, a URL, or a fetch Response (or a promise of one). */
export type WasmSource = WebAssembly.Module | ArrayBuffer | ArrayBufferView | URL | string | Response | PromiseLike<Response>;

/** Compiles (if needed) and starts a module instance of its own; resolves to the package's API. */
export declare function init(options: { wasm: WasmSource }): Promise<CloudFrontSignerApi>;
/** The same, synchronously, from a WebAssembly.Module or bytes. */
export declare function initSync(options: { wasm: WebAssembly.Module | ArrayBuffer | ArrayBufferView }): CloudFrontSignerApi;
