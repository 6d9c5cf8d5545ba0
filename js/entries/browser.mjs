// Browser entry: fetches the .wasm next to this module, compiling while it downloads.
import { instantiate, requireSimd } from '../instantiate.js';

async function compileWasm(url) {
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // Servers that send the .wasm without `application/wasm` make streaming fail.
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cloudfront-signer-wasm: could not load ${url} (HTTP ${response.status})`);
  return WebAssembly.compile(await response.arrayBuffer());
}

requireSimd();
const wasmModule = await compileWasm(new URL('./cfsigner.wasm', import.meta.url));

export const {
  getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
  verifySignedCookies, decodeSignedUrl, decodeSignedCookies, generateKeyPair, clearKeyCache,
  CloudFrontSignerError, SIGNING_PARAMETERS,
} = instantiate(wasmModule);
