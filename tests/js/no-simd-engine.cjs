// Preloaded (node --require) to make this process's WebAssembly behave like an
// engine without SIMD128: every module containing the SIMD opcode prefix byte 0xfd
// is invalid, and compiling it throws a CompileError as such an engine would. (Some
// modules without SIMD contain that byte too; none of those is compiled here.)
const original = {
  validate: WebAssembly.validate,
  compile: WebAssembly.compile,
  Module: WebAssembly.Module,
};

function usesSimd(bytes) {
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes)
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.includes(0xfd);
}

const refusal = () => new WebAssembly.CompileError('WebAssembly.Module(): Invalid opcode 0xfd (simulated engine without SIMD)');

WebAssembly.validate = (bytes) => !usesSimd(bytes) && original.validate(bytes);
WebAssembly.compile = async (bytes) => {
  if (usesSimd(bytes)) throw refusal();
  return original.compile(bytes);
};
WebAssembly.Module = function Module(bytes) {
  if (usesSimd(bytes)) throw refusal();
  return new original.Module(bytes);
};
WebAssembly.Module.prototype = original.Module.prototype;
