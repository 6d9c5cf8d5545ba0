// One cold start in Chromium: a fresh browser context (no cache) imports an entry
// of the installed package through an import map and signs one URL. Prints the
// milliseconds from import to the signed URL, measured in the page.
// Args: project dir (with the package installed), entry file in dist/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { launchChromium } = require('../tests/support/chromium.cjs');
const { startStaticServer } = require('../tests/support/static-server.cjs');
const [project, entry] = process.argv.slice(2);
const page = `<!doctype html><script type="importmap">{"imports":{"cloudfront-signer-wasm":"/node_modules/cloudfront-signer-wasm/dist/${entry}"}}</script>`;
const pageDir = join(project, `browser-${entry}`);
mkdirSync(pageDir, { recursive: true });
writeFileSync(join(pageDir, 'index.html'), page);

const server = await startStaticServer([pageDir, project]);
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(server.url);
  const ms = await tab.evaluate(async (privateKey) => {
    const t0 = performance.now();
    const { getSignedUrl } = await import('cloudfront-signer-wasm');
    const url = getSignedUrl({ url: 'https://d111111abcdef8.cloudfront.net/a.txt', keyPairId: 'K1', privateKey, dateLessThan: '2030-01-01' });
    if (!url.includes('Signature=')) throw new Error('no signature');
    return performance.now() - t0;
  }, process.env.KEY_PEM);
  console.log(ms);
} finally {
  await browser.close();
  await server.close();
}
