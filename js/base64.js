// Standard base64 to bytes, with the fastest decoder the runtime has.
export function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  // Node, Bun and Deno; bundlers leave a global they do not polyfill alone.
  if (typeof globalThis.Buffer?.from === 'function') return globalThis.Buffer.from(text, 'base64');
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
