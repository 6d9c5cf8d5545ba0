// The package's types, as a TypeScript user gets them from the packed tarball: tsc --strict
// with skipLibCheck: false and exactOptionalPropertyTypes, under module resolution node16,
// nodenext and bundler, each file compiled as ESM and as CommonJS. It compiles the README's
// examples (every ```js block, extracted here), a program that uses the whole API, a corpus
// of misuse that must not compile, and a check that each entry's .d.ts declares exactly
// the names the entry exports at run time.
const { execFileSync } = require('node:child_process');
const { copyFileSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { build } = require('esbuild');
const { ROOT, createConsumerProject } = require('../support/consumer-project.cjs');

const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const PACKAGE = 'cloudfront-signer-wasm';

// A Node project (Node's types, no DOM) for node16 and nodenext; a browser project (DOM, no
// Node types, so nothing brings `esnext.disposable` in) for a bundler.
const PROJECTS = {
  node: { lib: ['es2022'], types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
  browser: { lib: ['es2022', 'dom'], types: [] },
};
const CONFIGS = {
  node16: { module: 'node16', moduleResolution: 'node16', ...PROJECTS.node },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', ...PROJECTS.node },
  bundler: { module: 'preserve', moduleResolution: 'bundler', ...PROJECTS.browser },
};
const STRICT = {
  strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, target: 'es2022',
  allowJs: true, checkJs: true, noFallthroughCasesInSwitch: true, noImplicitOverride: true,
};

// The README's ```js blocks. A block that uses Node's APIs compiles where Node's types are;
// one that uses WebAssembly's compiles where the DOM's are; the others compile everywhere.
function readmeExamples() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```(js|javascript|ts|typescript)\n([\s\S]*?)^```/gm)].map(([, language, code], index) => ({
    name: `readme-${index + 1}`,
    code,
    typescript: language.startsWith('t'),
    needs: /from 'node:|\bprocess\./.test(code) ? 'node' : /\bWebAssembly\./.test(code) ? 'browser' : 'any',
    // The same example as CommonJS ("CommonJS works the same way"), where CommonJS can say it.
    commonJs: /^export |import\.meta|^\S.*\bawait\b/m.test(code)
      ? null
      : code.replace(/^import (\{[^}]*\}) from ('[^']+');$/gm, 'const $1 = require($2);'),
  }));
}

// Every JS file of each public subpath, by module format, from the package's exports map.
function entryFiles(exportsMap) {
  const entries = {};
  const walk = (target, subpath, conditions) => {
    if (typeof target === 'string') {
      if (conditions.includes('types') || !/\.(mjs|cjs|js)$/.test(target)) return;
      const format = target.endsWith('.cjs') ? 'cjs' : 'esm';
      const files = (entries[subpath] ??= { esm: [], cjs: [] })[format];
      if (!files.includes(target)) files.push(target);
      return;
    }
    for (const [condition, value] of Object.entries(target)) walk(value, subpath, [...conditions, condition]);
  };
  for (const [subpath, target] of Object.entries(exportsMap)) walk(target, subpath, []);
  return entries;
}

let project;
let examples;
let entries;
const runtimeNames = {};
const misuseCases = readFileSync(join(__dirname, 'misuse.ts'), 'utf8').match(/@ts-expect-error/g).length;

beforeAll(async () => {
  project = createConsumerProject({ type: 'module' }).dir;
  const installed = join(project, 'node_modules', PACKAGE);
  entries = entryFiles(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).exports);

  // What each entry exports at run time: ESM files read statically (the browser and
  // worker entries cannot start in Node), CommonJS ones required in a Node process.
  for (const [subpath, files] of Object.entries(entries)) {
    runtimeNames[subpath] = { esm: [], cjs: [] };
    for (const file of files.esm) {
      const result = await build({ entryPoints: [join(installed, file)], metafile: true, write: false, bundle: false, format: 'esm', outdir: project, logLevel: 'silent' });
      runtimeNames[subpath].esm.push({ file, names: [...Object.values(result.metafile.outputs)[0].exports].sort() });
    }
    for (const file of files.cjs) {
      const names = execFileSync(process.execPath, ['-p', `JSON.stringify(Object.keys(require(${JSON.stringify(join(installed, file))})).sort())`], { encoding: 'utf8' });
      runtimeNames[subpath].cjs.push({ file, names: JSON.parse(names) });
    }
  }

  // The declarations must list exactly the run-time names: a missing one fails as a missing
  // property, an extra one as an excess property.
  const exportsCheck = Object.keys(entries).map((subpath, index) => {
    const specifier = subpath === '.' ? PACKAGE : `${PACKAGE}/${subpath.slice(2)}`;
    return (format) => [
      `import * as entry${index} from '${specifier}';`,
      `export const names${index}: { [name in keyof typeof entry${index}]: true } = {`,
      ...runtimeNames[subpath][format][0].names.map((name) => `  ${name}: true,`),
      '};',
    ].join('\n');
  });
  for (const format of ['esm', 'cjs']) {
    writeFileSync(join(project, `exports.${format === 'esm' ? 'mts' : 'cts'}`), `${exportsCheck.map((lines) => lines(format)).join('\n')}\n`);
  }
  for (const name of ['usage', 'misuse']) {
    copyFileSync(join(__dirname, `${name}.ts`), join(project, `${name}.mts`));
    copyFileSync(join(__dirname, `${name}.ts`), join(project, `${name}.cts`));
  }
  examples = readmeExamples().map((example) => {
    const [esm, cjs] = example.typescript ? ['mts', 'cts'] : ['mjs', 'cjs'];
    return { ...example, files: [`${example.name}.${esm}`, ...(example.commonJs ? [`${example.name}.${cjs}`] : [])] };
  });
  for (const example of examples) {
    writeFileSync(join(project, example.files[0]), example.code);
    if (example.commonJs) writeFileSync(join(project, example.files[1]), example.commonJs);
  }
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the README has examples to compile, and the misuse corpus has cases', () => {
  // The quick start and the many-URLs example come first, and say CommonJS too.
  expect(examples.length).toBeGreaterThanOrEqual(5);
  expect(examples.slice(0, 2).map((example) => [example.needs, example.files.length])).toEqual([['node', 2], ['node', 2]]);
  expect(misuseCases).toBe(44);
  console.log(`types: ${examples.length} README examples (${examples.filter((example) => example.commonJs).length} also as CommonJS), ${misuseCases} misuse cases`);
});

test('every ESM entry of a subpath exports the same names, and so does its CommonJS entry', () => {
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(['.', './init']));
  for (const { esm, cjs } of Object.values(runtimeNames)) {
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs.length).toBeGreaterThan(0);
    for (const { names } of [...esm, ...cjs]) expect(names).toEqual(esm[0].names);
  }
  expect(runtimeNames['.'].esm.map(({ file }) => file)).toEqual(expect.arrayContaining(['./dist/browser.mjs', './dist/index.mjs']));
  expect(runtimeNames['.'].esm[0].names).toContain('getSignedUrl');
  expect(runtimeNames['./init'].esm[0].names).toEqual(['init', 'initSync']);
});

describe.each(Object.keys(CONFIGS))('tsc --strict, moduleResolution %s', (configName) => {
  test('the README examples, the whole API and the exports list compile; every misuse fails', () => {
    const { typeRoots, ...options } = CONFIGS[configName];
    const project_ = configName === 'bundler' ? 'browser' : 'node';
    const readme = examples.filter((example) => example.needs === 'any' || example.needs === project_)
      .flatMap((example) => example.files);
    const files = ['usage.mts', 'usage.cts', 'misuse.mts', 'misuse.cts', 'exports.mts', 'exports.cts', ...readme];
    const tsconfig = join(project, `tsconfig.${configName}.json`);
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...STRICT, ...options, ...(typeRoots && { typeRoots }) }, files }, null, 2));
    let output = '';
    try {
      execFileSync(TSC, ['-p', tsconfig, '--pretty', 'false'], { cwd: project, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
    } catch (error) {
      output = `${error.stdout}${error.stderr}`;
    }
    expect(output).toBe('');
    console.log(`types, ${configName}: ${files.length} files (${readme.length} from the README), ${misuseCases} misuses each as ESM and CommonJS`);
  });
});
