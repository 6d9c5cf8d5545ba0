// Runs the embedded S3-compatible origin in a process of its own, so a test can
// kill it mid-upload. Args: data dir, port (0 for any), and optionally the key pair
// to accept (to restart it for an edge that already has one; fresh ones otherwise).
// Prints its endpoint and key pair.
import { startOrigin } from '../../web-demo/server/origin.js';

const [dataDir, port = '0', accessKeyId, secretAccessKey] = process.argv.slice(2);
const credentials = accessKeyId ? { accessKeyId, secretAccessKey } : {};
const origin = await startOrigin({ dataDir, port: Number(port), ...credentials });
console.log(JSON.stringify({ endpoint: origin.endpoint, accessKeyId: origin.accessKeyId, secretAccessKey: origin.secretAccessKey }));
