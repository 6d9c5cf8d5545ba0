// Node (CommonJS): require the installed package by name.
const { readFileSync } = require('node:fs');
const lib = require('cloudfront-signer-wasm');

import('./probe-core.mjs').then(({ runProbe }) => {
  const { body: input } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  console.log(JSON.stringify(runProbe(lib, input)));
});
