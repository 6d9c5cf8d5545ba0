// The error codes have one source, the C++ list (src/core/errors.h, named in
// errors.cpp); every other list of them is checked against it here.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const read = (...parts) => readFileSync(join(ROOT, ...parts), 'utf8');

// InvalidArgument -> INVALID_ARGUMENT
const screaming = (name) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

function between(text, start, end) {
  const from = text.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return text.slice(from + start.length, text.indexOf(end, from + start.length));
}

// The enum's names, in order, without comments.
const ENUM_NAMES = between(read('src', 'core', 'errors.h'), 'enum class ErrorCode {', '};')
  .replace(/\/\/.*$/gm, '').split(',').map((name) => name.trim()).filter(Boolean);
const CODES = ENUM_NAMES.map(screaming);

test('the C++ list: every enum value has the string name errors.cpp gives it, once', () => {
  expect(ENUM_NAMES.length).toBeGreaterThan(15);
  const named = [...read('src', 'core', 'errors.cpp').matchAll(/case ErrorCode::(\w+): return "([A-Z_]+)";/g)];
  expect(named.map(([, name, code]) => [name, code])).toEqual(ENUM_NAMES.map((name) => [name, screaming(name)]));
});

test('the .d.ts ErrorCode union is the same list', () => {
  const union = between(read('js', 'index.d.ts'), 'export type ErrorCode =', ';');
  expect([...union.matchAll(/'([A-Z_]+)'/g)].map(([, code]) => code)).toEqual(CODES);
});

test('cfsign gives every code an exit status', () => {
  const table = between(read('js', 'cli', 'errors.mjs'), 'const PACKAGE_EXIT = {', '};');
  expect([...table.matchAll(/\b([A-Z_]+):/g)].map(([, code]) => code).sort()).toEqual([...CODES].sort());
});

test("the demo edge maps only codes that exist (the rest fail closed as AccessDenied)", () => {
  const table = between(read('web-demo', 'server', 'cloudfront-errors.js'), 'const RESPONSE_BY_SIGNER_CODE = {', '};')
    .replace(/\/\/.*$/gm, '');
  const mapped = [...table.matchAll(/\b([A-Z_]+):/g)].map(([, code]) => code);
  expect(mapped.length).toBeGreaterThan(0);
  for (const code of mapped) expect(CODES).toContain(code);
});

test('the README documents every code', () => {
  const section = between(read('README.md'), '## Errors', '\n## ');
  for (const code of CODES) expect(section).toContain(`\`${code}\``);
});
