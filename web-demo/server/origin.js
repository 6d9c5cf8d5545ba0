// The embedded S3-compatible origin: s3rver on loopback, one bucket, objects on disk.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const S3rver = require('s3rver');
// s3rver knows only the S3RVER/S3RVER key pair; other credentials must be registered with
// its (internal) account registry or every signed request is refused as InvalidAccessKeyId.
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

export async function startOrigin({
  dataDir,
  port = 0,
  bucket = 'uploads',
  accessKeyId = 'S3RVER',
  secretAccessKey = 'S3RVER',
}) {
  if (!dataDir) throw new Error('startOrigin needs a dataDir for the stored objects');
  await mkdir(dataDir, { recursive: true });
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);

  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: dataDir,
    // Path-style only: the edge always addresses `<endpoint>/<bucket>/<key>`.
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const address = await server.run();

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId,
    secretAccessKey,
    async close() {
      const closed = server.close();
      // Keep-alive sockets from the edge would otherwise hold close() open.
      server.httpServer.closeAllConnections();
      await closed;
    },
  };
}
