// The RSA CRT pair kernel in wasm: its SIMD form against its portable form (the
// one the native suites, the fuzzer and the Valgrind check run) and both against
// BigInt, on 100,000+ random operand pairs and edge operands, through a test-only
// build (build/wasm/kernel_probe.wasm, tests/wasm/kernel_probe.cpp). Also checks
// that the shipped wasm multiplies with the real extmul instructions: clang 14
// otherwise emits i64x2.mul, which V8 emulates.
const { execFileSync } = require('node:child_process');
const { randomBytes, createPrivateKey } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const LIMBS = 37;
const LIMB_BITS = 28n;
const R = 1n << (LIMB_BITS * BigInt(LIMBS));
const SCALAR = 0;
const SIMD = 1;

let probe;
let pairBytes;

beforeAll(() => {
  const module = new WebAssembly.Module(readFileSync(join(root, 'build', 'wasm', 'kernel_probe.wasm')));
  const instance = new WebAssembly.Instance(module, { env: { emscripten_notify_memory_growth() {} } });
  probe = instance.exports;
  probe._initialize();
  pairBytes = probe.probe_pair_bytes();
});

const words = () => new Uint32Array(probe.memory.buffer);

function randomBelow(bound) {
  const bytes = Math.ceil(bound.toString(2).length / 8) + 8;
  return BigInt(`0x${randomBytes(bytes).toString('hex')}`) % bound;
}

function randomOdd1024() {
  return BigInt(`0x${randomBytes(128).toString('hex')}`) | (1n << 1023n) | 1n;
}

function writeWords(address, value, count) {
  const view = words();
  for (let i = 0; i < count; i += 1) view[address / 4 + i] = Number((value >> BigInt(32 * i)) & 0xffffffffn);
}

// A pair in the kernel's layout: limb j of lane L at word 2j + L.
function writePair(address, valueP, valueQ) {
  const view = words();
  for (let j = 0; j < pairBytes / 4; j += 1) view[address / 4 + j] = 0;
  [valueP, valueQ].forEach((value, lane) => {
    for (let j = 0; j < LIMBS; j += 1) view[address / 4 + 2 * j + lane] = Number((value >> (LIMB_BITS * BigInt(j))) & 0xfffffffn);
  });
}

function readPair(address) {
  const view = words();
  return [0, 1].map((lane) => {
    let value = 0n;
    for (let j = LIMBS - 1; j >= 0; j -= 1) value = (value << LIMB_BITS) | BigInt(view[address / 4 + 2 * j + lane]);
    return value;
  });
}

// The limbs as stored (the padding limb past them is never written).
function rawPair(address) {
  return Array.from(words().subarray(address / 4, address / 4 + 2 * LIMBS));
}

function setModuli(p, q) {
  const buffer = probe.malloc(256);
  writeWords(buffer, p, 32);
  writeWords(buffer + 128, q, 32);
  probe.probe_set_moduli(buffer, buffer + 128);
  probe.free(buffer);
}

function modPow(base, exponent, modulus) {
  let result = 1n;
  let power = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * power) % modulus;
    power = (power * power) % modulus;
  }
  return result;
}

const mod = (x, m) => ((x % m) + m) % m;

function modulusPairs() {
  const { p, q } = createPrivateKey(readFileSync(join(root, 'tests', 'fixtures', 'keys', 'rsa2048-pkcs1.pem'))).export({ format: 'jwk' });
  const fromBase64 = (text) => BigInt(`0x${Buffer.from(text, 'base64url').toString('hex')}`);
  return [
    ['2^1024-1 | 2^1023+1', (1n << 1024n) - 1n, (1n << 1023n) + 1n],
    ['2^1023+1 | 2^1024-1', (1n << 1023n) + 1n, (1n << 1024n) - 1n],
    ['fixture key primes', fromBase64(p), fromBase64(q)],
    ['random', randomOdd1024(), randomOdd1024()],
    ['random', randomOdd1024(), randomOdd1024()],
  ];
}

// Runs both forms over the operand lists and checks them against each other and BigInt.
function checkMultiplies(p, q, operands) {
  const count = operands.length;
  const a = probe.malloc(count * pairBytes);
  const b = probe.malloc(count * pairBytes);
  const outScalar = probe.malloc(count * pairBytes);
  const outSimd = probe.malloc(count * pairBytes);
  operands.forEach(([aP, bP, aQ, bQ], i) => {
    writePair(a + i * pairBytes, aP, aQ);
    writePair(b + i * pairBytes, bP, bQ);
  });
  probe.probe_multiply(SCALAR, outScalar, a, b, count);
  probe.probe_multiply(SIMD, outSimd, a, b, count);
  let mismatches = 0;
  operands.forEach(([aP, bP, aQ, bQ], i) => {
    const simd = rawPair(outSimd + i * pairBytes);
    if (simd.join() !== rawPair(outScalar + i * pairBytes).join()) mismatches += 1;
    const [rP, rQ] = readPair(outSimd + i * pairBytes);
    if (!(rP < 2n * p) || mod(rP * R - aP * bP, p) !== 0n) mismatches += 1;
    if (!(rQ < 2n * q) || mod(rQ * R - aQ * bQ, q) !== 0n) mismatches += 1;
  });
  [a, b, outScalar, outSimd].forEach((address) => probe.free(address));
  return mismatches;
}

test('the SIMD multiply equals the portable one and BigInt on 100,000 random operand pairs', () => {
  const pairs = modulusPairs();
  const batch = 1000;
  const batches = Math.ceil(100_000 / (batch * pairs.length));
  let checked = 0;
  for (const [, p, q] of pairs) {
    setModuli(p, q);
    for (let k = 0; k < batches; k += 1) {
      const operands = Array.from({ length: batch }, () => [randomBelow(2n * p), randomBelow(2n * p), randomBelow(2n * q), randomBelow(2n * q)]);
      expect(checkMultiplies(p, q, operands)).toBe(0);
      checked += batch;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(100_000);
});

test('edge operands: 0, 1, 2, m-1, m, m+1, 2m-1 in every combination', () => {
  for (const [, p, q] of modulusPairs()) {
    setModuli(p, q);
    const edges = (m) => [0n, 1n, 2n, m - 1n, m, m + 1n, 2n * m - 1n];
    const operands = [];
    edges(p).forEach((aP, i) => edges(p).forEach((bP, j) => operands.push([aP, bP, edges(q)[j], edges(q)[i]])));
    expect(checkMultiplies(p, q, operands)).toBe(0);
  }
});

test('the SIMD exponentiation equals the portable one and BigInt', () => {
  const out = probe.malloc(2 * pairBytes);
  const base = probe.malloc(pairBytes);
  const exponents = probe.malloc(2 * 36 * 4);
  for (const [, p, q] of modulusPairs()) {
    setModuli(p, q);
    const cases = [
      ...Array.from({ length: 4 }, () => [randomBelow(p), randomBelow(q), randomBelow(1n << 1057n), randomBelow(1n << 1057n), 1057]),
      [0n, q - 1n, 1n, 2n, 1057],
      [p - 1n, 1n, p - 2n, q - 2n, 1024],
      [2n, 3n, 0n, 31n, 5],
    ];
    for (const [xP, xQ, eP, eQ, bits] of cases) {
      writePair(base, mod(xP * R, p), mod(xQ * R, q));
      writeWords(exponents, eP, 36);
      writeWords(exponents + 144, eQ, 36);
      probe.probe_power(SCALAR, out, base, exponents, exponents + 144, bits);
      probe.probe_power(SIMD, out + pairBytes, base, exponents, exponents + 144, bits);
      expect(rawPair(out + pairBytes)).toEqual(rawPair(out));
      const [rP, rQ] = readPair(out + pairBytes);
      expect(mod(rP, p)).toBe(mod(modPow(xP, eP, p) * R, p));
      expect(mod(rQ, q)).toBe(mod(modPow(xQ, eQ, q) * R, q));
    }
  }
  [out, base, exponents].forEach((address) => probe.free(address));
});

test('both table selects pick lane 0 from entry indexP and lane 1 from entry indexQ', () => {
  const table = probe.malloc(32 * pairBytes);
  const out = probe.malloc(2 * pairBytes);
  const view = words();
  for (let i = 0; i < 32 * pairBytes / 4; i += 1) view[table / 4 + i] = (i * 2654435761) >>> 0;
  // (The selects copy whole entries, padding included; only the limbs are compared.)
  for (let indexP = 0; indexP < 32; indexP += 1) {
    for (let indexQ = 0; indexQ < 32; indexQ += 1) {
      probe.probe_select(SCALAR, out, table, indexP, indexQ);
      probe.probe_select(SIMD, out + pairBytes, table, indexP, indexQ);
      const expected = rawPair(table + indexP * pairBytes).map((word, i) => (i % 2 === 0 ? word : rawPair(table + indexQ * pairBytes)[i]));
      expect(rawPair(out)).toEqual(expected);
      expect(rawPair(out + pairBytes)).toEqual(expected);
    }
  }
  [table, out].forEach((address) => probe.free(address));
});

test('the shipped wasm multiplies with i64x2.extmul and never with the emulated i64x2.mul', () => {
  const text = execFileSync('wasm-dis', [join(root, 'dist', 'cfsigner.wasm')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const count = (instruction) => text.split(instruction).length - 1;
  // Two-row and one-row passes, fully unrolled: 222 widening multiplies in all.
  expect(count('i64x2.extmul_low_i32x4_u')).toBeGreaterThanOrEqual(100);
  expect(count('i64x2.extmul_high_i32x4_u')).toBeGreaterThanOrEqual(100);
  expect(count('i64x2.mul')).toBe(0);
});
