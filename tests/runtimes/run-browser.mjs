// Runs the probe in a browser (Chromium or Firefox): a page imports the installed package by
// name through an import map, so the `browser` build loads its .wasm next to it.
// Args: browser name (as in tests/support/browsers.cjs), project dir, input file.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const { launchBrowser } = createRequire(import.meta.url)('../support/browsers.cjs');
const [browserName, project, inputFile] = process.argv.slice(2);
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
const browser = await launchBrowser(browserName);
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const result = await page.evaluate(async (input) => {
    const lib = await import('cloudfront-signer-wasm');
    const { runProbe } = await import('/probe-core.mjs');
    // The README's explicit start-up: init() with the .wasm's URL.
    const { init } = await import('/node_modules/cloudfront-signer-wasm/dist/init.mjs');
    const started = await init({ wasm: new URL('/node_modules/cloudfront-signer-wasm/dist/cfsigner.wasm', location.href) });
    return { ...runProbe(lib, input), rsaUrlViaInit: runProbe(started, input).rsaUrl, userAgent: navigator.userAgent };
  }, JSON.parse(readFileSync(inputFile, 'utf8')).body);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
