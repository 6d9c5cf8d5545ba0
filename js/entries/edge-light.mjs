// Vercel Edge / Next.js edge entry. Their bundler turns a `.wasm?module` import into
// a compiled WebAssembly.Module, the only way wasm may be loaded there (compiling
// from bytes at run time is refused).
import wasmModule from './cfsigner.wasm?module';
import { instantiate } from '../instantiate.js';

export const {
  getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
  verifySignedCookies, decodeSignedUrl, decodeSignedCookies, generateKeyPair, clearKeyCache,
  CloudFrontSignerError, SIGNING_PARAMETERS,
} = instantiate(wasmModule);
