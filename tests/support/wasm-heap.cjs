// A package instance whose WebAssembly.Memory a test can watch: the heap tests
// (tests/js/memory, tests/soak/heap) start one of their own.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const wasmBytes = readFileSync(join(__dirname, '..', '..', 'dist', 'cfsigner.wasm'));

function instanceWithMemory() {
  let memory;
  const OriginalInstance = WebAssembly.Instance;
  WebAssembly.Instance = function capture(module, imports) {
    const instance = new OriginalInstance(module, imports);
    // Export names are minified in release builds; find the memory by its type.
    memory = Object.values(instance.exports).find((value) => Object.prototype.toString.call(value) === '[object WebAssembly.Memory]');
    return instance;
  };
  let api;
  try {
    api = require('../../dist/init.cjs').initSync({ wasm: wasmBytes });
  } finally {
    WebAssembly.Instance = OriginalInstance;
  }
  return { api, memory };
}

const fixtureKey = (file) => readFileSync(join(__dirname, '..', 'fixtures', 'keys', file), 'utf8');

module.exports = { instanceWithMemory, fixtureKey };
