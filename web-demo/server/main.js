// npm start: the local upload stack on loopback. The page and the CloudFront-like
// edge share one port; the embedded S3-compatible origin gets its own.
import { createServer } from 'node:http';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { ensureDevKeys } from './dev-keys.js';
import { createEdge } from './edge.js';
import { startOrigin } from './origin.js';

const config = loadConfig();
const keys = await ensureDevKeys(config.keysDir);
const origin = config.externalOrigin ?? (await startOrigin({ dataDir: config.dataDir }));
const edge = createEdge({
  keyGroup: Object.fromEntries(keys.map((key) => [key.keyPairId, key.publicKey])),
  origin,
  maxUploadBytes: config.maxUploadBytes,
});

const server = createServer();
const baseUrl = () => `http://${config.host}:${server.address().port}`;
server.on('request', createApp({ config, keys, edge, baseUrl }));
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(config.port, config.host, resolve);
});

console.log(`cloudfront-signer-wasm demo stack
  page and edge  ${baseUrl()}/
  origin         ${origin.endpoint} (bucket "${origin.bucket}")${config.externalOrigin ? '' : `, data in ${config.dataDir}`}
  key group      ${keys.map((key) => `${key.keyPairId} (${key.type})`).join(', ')}, keys in ${config.keysDir}
Press Ctrl-C to stop.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the demo stack`);
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
  if (!config.externalOrigin) await origin.close();
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
