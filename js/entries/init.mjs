// Explicit initialization, for bundlers and runtimes that hand over the wasm
// themselves: a WebAssembly.Module, its bytes, a URL, or a fetch Response.
// Each call starts a module instance of its own.
import { instantiate, requireSimd } from '../instantiate.js';

function isBytes(value) {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

// Own property only: an inherited (polluted) Object.prototype.wasm must not pick the code we run.
function wasmOption(options) {
  return options !== null && typeof options === 'object' && Object.prototype.hasOwnProperty.call(options, 'wasm')
    ? options.wasm : undefined;
}

async function compile(wasm) {
  requireSimd();
  let source = await wasm;
  if (source instanceof WebAssembly.Module) return source;
  if (isBytes(source)) return WebAssembly.compile(source);
  if (typeof source === 'string' || source instanceof URL) source = await fetch(source);
  if (typeof Response !== 'undefined' && source instanceof Response) {
    if (!source.ok) throw new TypeError(`cloudfront-signer-wasm: fetching the wasm failed (HTTP ${source.status})`);
    return WebAssembly.compile(await source.arrayBuffer());
  }
  throw new TypeError('init({ wasm }): pass a WebAssembly.Module, bytes, a URL or a Response');
}

/** Compiles (if needed) and starts the module; resolves to the package's API. */
export async function init(options = {}) {
  return instantiate(await compile(wasmOption(options)));
}

/** The same, synchronously, from a WebAssembly.Module or bytes. */
export function initSync(options = {}) {
  const wasm = wasmOption(options);
  if (wasm instanceof WebAssembly.Module) return instantiate(wasm);
  if (isBytes(wasm)) {
    requireSimd();
    return instantiate(new WebAssembly.Module(wasm));
  }
  throw new TypeError('initSync({ wasm }): pass a WebAssembly.Module or bytes');
}
