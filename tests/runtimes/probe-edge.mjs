// Vercel Edge (edge-runtime): the probe as an edge fetch handler.
import * as lib from 'cloudfront-signer-wasm';
import { runProbe } from './probe-core.mjs';

self.addEventListener('fetch', (event) => {
  event.respondWith(event.request.json().then((input) => Response.json(runProbe(lib, input))));
});
