// A test-only wasm build of the RSA kernels (never shipped): exports that run the
// scalar or the SIMD form of the CRT pair kernel over batches of operands in the
// kernels' own layout, for tests/js/kernel.test.cjs to check against each other
// and against BigInt.
#include <emscripten/emscripten.h>

#include <cstdint>

#include "crt_pair.h"
#include "rsa2048_crt.h"

namespace {

using cfsigner::crt_pair::Pair;

cfsigner::rsa2048::CrtKey key;

// 0: the portable form, 1: the SIMD form.
void multiply(int form, Pair& r, const Pair& a, const Pair& b) {
  if (form == 1) {
    cfsigner::crt_pair::simd::montgomeryMultiply(key.moduli, r, a, b);
  } else {
    cfsigner::crt_pair::scalar::montgomeryMultiply(key.moduli, r, a, b);
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int probe_pair_bytes() { return sizeof(Pair); }

// p, q: 32 little-endian words each. Returns the set-up moduli (a Pair).
EMSCRIPTEN_KEEPALIVE const Pair* probe_set_moduli(const uint32_t* p, const uint32_t* q) {
  const uint32_t zero[32] = {};
  cfsigner::rsa2048::setUpCrtKey(key, p, q, zero);
  return &key.moduli.modulus;
}

EMSCRIPTEN_KEEPALIVE const Pair* probe_r_squared() { return &key.rSquared; }

// out[i] = a[i] * b[i] / R for i < count.
EMSCRIPTEN_KEEPALIVE void probe_multiply(int form, Pair* out, const Pair* a, const Pair* b, int count) {
  for (int i = 0; i < count; ++i) multiply(form, out[i], a[i], b[i]);
}

// out = base^expP | base^expQ (Montgomery form in and out); exponents in words.
EMSCRIPTEN_KEEPALIVE void probe_power(int form, Pair* out, const Pair* base, const uint32_t* expP,
                                      const uint32_t* expQ, int bits) {
  if (form == 1) {
    cfsigner::crt_pair::simd::power(key.moduli, *out, *base, expP, expQ, bits);
  } else {
    cfsigner::crt_pair::scalar::power(key.moduli, *out, *base, expP, expQ, bits);
  }
}

EMSCRIPTEN_KEEPALIVE void probe_select(int form, Pair* out, const Pair* table, uint32_t indexP,
                                       uint32_t indexQ) {
  if (form == 1) {
    cfsigner::crt_pair::simd::tableSelect(*out, table, indexP, indexQ);
  } else {
    cfsigner::crt_pair::scalar::tableSelect(*out, table, indexP, indexQ);
  }
}

}  // extern "C"
