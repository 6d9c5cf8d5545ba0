// Runs the probe in Debian's Chromium: a page imports the installed package by
// name through an import map, so the `browser` build loads its .wasm next to it.
// Args: project dir, input file.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const [project, inputFile] = process.argv.slice(2);
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (scripts/setup.sh --with-browser)`);
const TYPES = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const PAGE = `<!doctype html><script type="importmap">{"imports":{"cloudfront-signer-wasm":"/node_modules/cloudfront-signer-wasm/dist/browser.mjs"}}</script>`;

const server = createServer((req, res) => {
  if (req.url === '/') return res.end(PAGE);
  const file = normalize(join(project, decodeURIComponent(req.url)));
  if (!file.startsWith(project) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  return createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(async (input) => {
    const lib = await import('cloudfront-signer-wasm');
    const { runProbe } = await import('/probe-core.mjs');
    // The README's explicit start-up: init() with the .wasm's URL.
    const { init } = await import('/node_modules/cloudfront-signer-wasm/dist/init.mjs');
    const started = await init({ wasm: new URL('/node_modules/cloudfront-signer-wasm/dist/cfsigner.wasm', location.href) });
    return { ...runProbe(lib, input), rsaUrlViaInit: runProbe(started, input).rsaUrl };
  }, JSON.parse(readFileSync(inputFile, 'utf8')).body);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
