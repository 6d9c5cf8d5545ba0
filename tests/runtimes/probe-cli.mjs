// Node (ESM), Deno and Bun: import the installed package by name, as a user would.
import { readFileSync } from 'node:fs';
import * as lib from 'cloudfront-signer-wasm';
import { runProbe } from './probe-core.mjs';

const { body: input } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(runProbe(lib, input)));
