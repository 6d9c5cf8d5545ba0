// Settings of the local upload stack, from the environment. Defaults give a
// self-contained stack on loopback; ORIGIN_* put the edge in front of MinIO or S3.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDemoDir = fileURLToPath(new URL('..', import.meta.url));

function portFrom(text, fallback) {
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, not "${text}"`);
  }
  return port;
}

export function loadConfig(env = process.env) {
  const externalOrigin = env.ORIGIN_ENDPOINT
    ? {
        endpoint: env.ORIGIN_ENDPOINT.replace(/\/+$/, ''),
        bucket: env.ORIGIN_BUCKET ?? 'uploads',
        region: env.ORIGIN_REGION ?? 'us-east-1',
        accessKeyId: env.ORIGIN_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.ORIGIN_SECRET_ACCESS_KEY ?? '',
      }
    : null;
  return {
    host: '127.0.0.1',
    port: portFrom(env.PORT, 8080),
    // The embedded S3-compatible origin keeps its objects here.
    dataDir: env.CFSIGNER_DATA_DIR ?? join(webDemoDir, '.data'),
    // The dev key pairs (git-ignored).
    keysDir: env.CFSIGNER_KEYS_DIR ?? join(webDemoDir, '.dev-keys'),
    publicDir: join(webDemoDir, 'public'),
    packageDir: fileURLToPath(new URL('../../dist/', import.meta.url)),
    externalOrigin,
    maxUploadBytes: env.MAX_UPLOAD_BYTES ? Number(env.MAX_UPLOAD_BYTES) : 100 * 1024 * 1024,
    // Written by infra/deploy; shown on the page when present.
    deploymentFile: env.CFSIGNER_CONFIG ?? join(webDemoDir, '..', 'infra', 'cloudfront.json'),
  };
}
