// Cloudflare Workers: the probe as a Worker; the input arrives as the request body.
import * as lib from 'cloudfront-signer-wasm';
import { runProbe } from './probe-core.mjs';

export default {
  async fetch(request) {
    return Response.json(runProbe(lib, await request.json()));
  },
};
