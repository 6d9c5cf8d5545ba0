// A static file server on 127.0.0.1 (ephemeral port) for built browser apps:
// each request is looked up in the given folders in turn.
const { createReadStream, existsSync, statSync } = require('node:fs');
const { createServer } = require('node:http');
const { extname, join, normalize, sep } = require('node:path');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

function findFile(folders, urlPath) {
  for (const folder of folders) {
    const file = normalize(join(folder, urlPath === '/' ? 'index.html' : urlPath));
    if (file.startsWith(folder + sep) && existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

async function startStaticServer(folders) {
  const server = createServer((req, res) => {
    const file = findFile(folders, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    return createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

module.exports = { startStaticServer };
