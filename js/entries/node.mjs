// Node.js ESM entry: reads the .wasm beside this file, ready after import.
import { readFile } from 'node:fs/promises';
import { instantiate, requireSimd } from '../instantiate.js';

requireSimd();
const wasmModule = await WebAssembly.compile(await readFile(new URL('./cfsigner.wasm', import.meta.url)));

export const {
  getSignedUrl, getSignedCookies, CloudFrontSigner, buildPolicy, verifySignedUrl,
  verifySignedCookies, generateKeyPair, clearKeyCache, CloudFrontSignerError,
} = instantiate(wasmModule);
