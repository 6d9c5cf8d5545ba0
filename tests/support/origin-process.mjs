// Runs the embedded S3-compatible origin in a process of its own, so a test can
// kill it mid-upload. Args: data dir, port (0 for any). Prints its endpoint.
import { startOrigin } from '../../web-demo/server/origin.js';

const [dataDir, port = '0'] = process.argv.slice(2);
const origin = await startOrigin({ dataDir, port: Number(port) });
console.log(JSON.stringify({ endpoint: origin.endpoint }));
