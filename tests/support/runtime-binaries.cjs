// The runtimes the suites and the benchmark run the package in: this Node.js, and
// the Deno and Bun binaries their npm packages ship.
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

module.exports = {
  node: process.execPath,
  deno: join(ROOT, 'node_modules', '@deno', 'linux-x64-glibc', 'deno'),
  bun: join(ROOT, 'node_modules', '@oven', 'bun-linux-x64', 'bin', 'bun'),
};
