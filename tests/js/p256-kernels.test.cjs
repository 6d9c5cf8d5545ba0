// The P-256 kernels as they run in wasm (tests/wasm/p256_kernels.cpp exports them
// from a test-only module): field and scalar arithmetic against BigInt on 100,000
// random operands each plus edge operands, k*G against node:crypto, and the SIMD128
// table read against the portable one for every window and digit.
const crypto = require('node:crypto');
const { join } = require('node:path');

const createP256Kernels = require(join(__dirname, '..', '..', 'build', 'wasm', 'p256_kernels.cjs'));

const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const RANDOM_OPERANDS = 100_000;
// The table's shape (src/core/p256/base_table.h): 8-bit windows.
const WINDOWS = 32;
const ENTRIES = 128;

const kernels = createP256Kernels();
const scratch = kernels._malloc(4 * 32 * 3);
const [OUT, A, B] = [scratch, scratch + 64, scratch + 128];

function write(address, value) {
  for (let i = 0; i < 8; i += 1) kernels.HEAPU32[address / 4 + i] = Number((value >> BigInt(32 * i)) & 0xffffffffn);
}
function read(address, limbs = 8) {
  let value = 0n;
  for (let i = limbs - 1; i >= 0; i -= 1) value = (value << 32n) | BigInt(kernels.HEAPU32[address / 4 + i]);
  return value;
}
const mod = (a, m) => ((a % m) + m) % m;

// Random values below m, with runs of all-zero and all-one limbs now and then.
function randomBelow(m) {
  for (;;) {
    const bytes = crypto.randomBytes(32);
    const shape = bytes[0] % 8;
    if (shape === 0) bytes.fill(0, 0, 8);
    if (shape === 1) bytes.fill(0xff, 8, 16);
    const value = BigInt(`0x${bytes.toString('hex')}`);
    if (value < m) return value;
  }
}
const edges = (m) => [0n, 1n, 2n, m - 1n, m - 2n, 2n ** 255n, 2n ** 255n - 1n, 2n ** 224n, 0xffffffffn, m >> 1n];

function operandPairs(m) {
  const pairs = [];
  for (const a of edges(m)) for (const b of edges(m)) pairs.push([a, b]);
  for (let i = 0; i < RANDOM_OPERANDS; i += 1) pairs.push([randomBelow(m), randomBelow(m)]);
  return pairs;
}

function run(fn, op, a, b) {
  write(A, a);
  write(B, b);
  fn(op, OUT, A, B);
  return read(OUT);
}

test('field mul, square, add, sub, negate and invert mod p match BigInt', () => {
  const field = kernels._p256_field_op;
  let mismatches = 0;
  for (const [a, b] of operandPairs(P)) {
    mismatches += run(field, 0, a, b) !== (a * b) % P;
    mismatches += run(field, 1, a, b) !== (a * a) % P;
    mismatches += run(field, 2, a, b) !== (a + b) % P;
    mismatches += run(field, 3, a, b) !== mod(a - b, P);
    mismatches += run(field, 4, a, b) !== mod(-a, P);
    const inverse = run(field, 5, a, b);
    mismatches += a === 0n ? inverse !== 0n : (a * inverse) % P !== 1n || inverse >= P;
  }
  expect(mismatches).toBe(0);
});

test('scalar mul, add, negate and invert mod n match BigInt', () => {
  const scalar = kernels._p256_scalar_op;
  let mismatches = 0;
  for (const [a, b] of operandPairs(N)) {
    mismatches += run(scalar, 0, a, b) !== (a * b) % N;
    mismatches += run(scalar, 1, a, b) !== (a + b) % N;
    mismatches += run(scalar, 2, a, b) !== mod(-a, N);
    const inverse = run(scalar, 3, a, b);
    mismatches += a === 0n ? inverse !== 0n : (a * inverse) % N !== 1n || inverse >= N;
  }
  expect(mismatches).toBe(0);
});

test('x(kG) matches node:crypto for edge and 2,000 random scalars', () => {
  const scalars = [1n, 2n, 3n, 64n, 65n, 128n, N - 1n, N - 2n, 2n ** 255n, 2n ** 255n - 1n, 2n ** 255n + 1n, N - 2n ** 255n];
  for (let i = 0; i < 2000; i += 1) scalars.push(randomBelow(N - 1n) + 1n);
  const ecdh = crypto.createECDH('prime256v1');
  let mismatches = 0;
  for (const k of scalars) {
    write(A, k);
    kernels._p256_base_multiply_x(OUT, A);
    ecdh.setPrivateKey(Buffer.from(k.toString(16).padStart(64, '0'), 'hex'));
    const expectedX = BigInt(`0x${ecdh.getPublicKey().subarray(1, 33).toString('hex')}`);
    mismatches += read(OUT) !== expectedX;
  }
  expect(mismatches).toBe(0);
});

test('the SIMD128 table read returns what the portable read does, for every window and digit', () => {
  const select = kernels._p256_select_entry;
  let mismatches = 0;
  let nonZero = 0;
  for (let window = 0; window < WINDOWS; window += 1) {
    for (let digit = 0; digit <= ENTRIES; digit += 1) {
      select(1, A, window, digit);
      const simd = read(A, 16);
      select(0, B, window, digit);
      mismatches += simd !== read(B, 16);
      nonZero += simd !== 0n;
    }
  }
  expect(mismatches).toBe(0);
  expect(nonZero).toBe(WINDOWS * ENTRIES); // digit 0 reads zeros, every other digit an entry
});
