// The embedded S3-compatible origin: s3rver keeps one bucket's objects on disk and
// listens on a Unix socket in a private folder; the gateway in front of it is the only
// TCP door, on loopback, and lets in only requests signed with this origin's key pair,
// which is made fresh at every start (as OAC's credentials are CloudFront's alone).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOriginGateway } from './origin-gateway.js';
import { AtomicFilesystemStore } from './origin-store.js';

const require = createRequire(import.meta.url);
const S3rver = require('s3rver');

export async function startOrigin({
  dataDir,
  port = 0,
  bucket = 'uploads',
  region = 'us-east-1',
  accessKeyId = `EDGE${randomBytes(8).toString('hex').toUpperCase()}`,
  secretAccessKey = randomBytes(30).toString('base64'),
}) {
  if (!dataDir) throw new Error('startOrigin needs a dataDir for the stored objects');
  await mkdir(dataDir, { recursive: true });
  // Only this user can reach the socket and the spooled bodies (mkdtemp makes it 0700).
  const privateDir = await mkdtemp(join(tmpdir(), 'cfsigner-origin-'));
  const backend = join(privateDir, 's3rver.sock');
  const spoolDir = join(privateDir, 'spool');
  await mkdir(spoolDir, { mode: 0o700 });
  // Also when the process exits without close() (process.exit, an uncaught error).
  const removePrivateDir = () => rmSync(privateDir, { recursive: true, force: true });
  process.once('exit', removePrivateDir);

  const s3rver = new S3rver({ silent: true, directory: dataDir, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  s3rver.store = s3rver.context.store = new AtomicFilesystemStore(dataDir);
  await s3rver.configureBuckets();
  s3rver.httpServer = await s3rver.listen(backend);

  const gateway = createOriginGateway({ bucket, region, accessKeyId, secretAccessKey, backend, store: s3rver.store, spoolDir });
  const server = createServer((req, res) => {
    gateway.handle(req, res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    // For tests: where s3rver itself listens.
    backendSocket: backend,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      // Keep-alive sockets from the edge would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
      gateway.close();
      const backendClosed = s3rver.close();
      s3rver.httpServer.closeAllConnections();
      await backendClosed;
      await rm(privateDir, { recursive: true, force: true });
      process.off('exit', removePrivateDir);
    },
  };
}
