// Node.js CommonJS entry: compiles the .wasm beside this file synchronously.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { instantiate, requireSimd } = require('../instantiate.js');

requireSimd();
module.exports = instantiate(new WebAssembly.Module(readFileSync(join(__dirname, 'cfsigner.wasm'))));
