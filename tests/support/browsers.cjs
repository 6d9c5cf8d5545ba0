// The browsers the browser tests run in: Debian's Chromium and Firefox ESR, both driven by
// puppeteer-core (Chromium over CDP, Firefox over WebDriver BiDi). No browser is downloaded;
// scripts/setup.sh --with-browser installs both packages.
const { existsSync } = require('node:fs');

const BROWSERS = {
  Chromium: {
    browser: 'chrome',
    executablePath: '/usr/bin/chromium',
    package: 'chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  },
  Firefox: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', package: 'firefox-esr', args: [] },
};

async function launchBrowser(name) {
  const { package: debianPackage, ...options } = BROWSERS[name];
  if (!existsSync(options.executablePath)) {
    throw new Error(`${options.executablePath} is missing: the browser tests do not skip. apt-get install ${debianPackage} (scripts/setup.sh --with-browser does)`);
  }
  // puppeteer-core is ESM only.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ ...options, headless: true });
}

module.exports = { BROWSERS: Object.keys(BROWSERS), launchBrowser };
