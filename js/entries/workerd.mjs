// Cloudflare Workers (workerd) entry. workerd refuses to compile WebAssembly from
// bytes at run time, so the .wasm is imported as a module, which wrangler and
// workerd turn into a compiled WebAssembly.Module. Instantiating it at global
// scope is allowed; the random generator is seeded later, on first use.
import wasmModule from './cfsigner.wasm';
import { instantiate } from '../instantiate.js';

export const {
  getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
  verifySignedCookies, decodeSignedUrl, decodeSignedCookies, generateKeyPair, clearKeyCache,
  CloudFrontSignerError, SIGNING_PARAMETERS,
} = instantiate(wasmModule);
