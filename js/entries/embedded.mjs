// Node, Deno, Bun and every bundler: the wasm travels inside this file (base64,
// inlined at build time), so no bundler or Lambda package has to find or copy a
// .wasm file. It compiles synchronously and has no top-level await, so CommonJS,
// iife and require() builds of it work too.
import wasmBase64 from '../../build/wasm/cfsigner.wasm';
import { decodeBase64 } from '../base64.js';
import { instantiate, requireSimd } from '../instantiate.js';

requireSimd();
export const {
  getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
  verifySignedCookies, decodeSignedUrl, decodeSignedCookies, generateKeyPair, clearKeyCache,
  CloudFrontSignerError, SIGNING_PARAMETERS,
} = instantiate(new WebAssembly.Module(decodeBase64(wasmBase64)));
