// Loads cloudfront-signer-wasm by its own name, on first use, so `--help` needs no wasm
// and a broken install is one clear line instead of a stack trace.
import { CliError, EXIT } from './errors.mjs';

let loaded;

export async function loadPackage() {
  if (!loaded) {
    try {
      loaded = await import('cloudfront-signer-wasm');
    } catch (error) {
      throw new CliError('INTERNAL', `cannot load cloudfront-signer-wasm: ${error.message}`, EXIT.ERROR);
    }
  }
  return loaded;
}
