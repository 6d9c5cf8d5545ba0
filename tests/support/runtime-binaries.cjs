// The runtimes the suites and the benchmark run the package in: this Node.js, the Node.js
// majors that `engines` claims, and Deno and Bun, each a binary that an npm package ships.
// The Node.js binaries live in a project of their own (tests/runtimes/node-binaries): each
// declares a `node` bin, which in the root project would shadow this Node in npm scripts.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const NODE_BINARIES = join(ROOT, 'tests', 'runtimes', 'node-binaries');

// { 22: '/…/node-22/bin/node', … }, one per major pinned in that project's package.json.
const nodeMajors = Object.fromEntries(
  Object.keys(JSON.parse(readFileSync(join(NODE_BINARIES, 'package.json'), 'utf8')).devDependencies)
    .map((name) => [Number(name.replace('node-', '')), join(NODE_BINARIES, 'node_modules', name, 'bin', 'node')]),
);

module.exports = {
  node: process.execPath,
  nodeMajors,
  deno: join(ROOT, 'node_modules', '@deno', 'linux-x64-glibc', 'deno'),
  bun: join(ROOT, 'node_modules', '@oven', 'bun-linux-x64', 'bin', 'bun'),
};
