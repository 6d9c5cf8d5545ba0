// Runs the CloudFront-like edge in a process of its own, trusting the fixture
// keys as KRSA and KEC. Args: origin endpoint, the origin's access key id and
// secret. Prints its base URL.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createEdge } from '../../web-demo/server/edge.js';

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const key = (file) => readFileSync(new URL(`../fixtures/keys/${file}`, import.meta.url), 'utf8');
const edge = createEdge({
  keyGroup: { KRSA: key('rsa2048-public.pem'), KEC: key('ec-p256-public.pem') },
  origin: { endpoint, bucket: 'uploads', region: 'us-east-1', accessKeyId, secretAccessKey },
});
const server = createServer((req, res) => edge.handle(req, res));
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ base: `http://127.0.0.1:${server.address().port}` })));
