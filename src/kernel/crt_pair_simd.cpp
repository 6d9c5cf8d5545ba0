// The wasm SIMD128 form of the CRT pair kernel: each i64x2 vector holds a column
// of the mod-p product in lane 0 and of the mod-q product in lane 1, so every
// instruction works on both halves of the signature.
//
// The multiply is operand scanning with lazy accumulation (see radix28.h), two rows
// per pass over the 37 column accumulators: V8 keeps few of them in registers, so
// halving the passes halves the spill traffic. Built at -O3: at -Os this code is
// several times slower.
#include <utility>

#include "crt_pair.h"
#include "fixed_window_power.h"
#include "wasm_extmul.h"

namespace cfsigner::crt_pair::simd {

namespace {

constexpr int kVectors = kPaddedLimbs / 2;  // a vector holds limbs 2u and 2u + 1 of both lanes

// x (the same 32-bit factor in lanes 0|2 and 1|3) times limb J of both lanes. J is
// a template argument so every column is unrolled at compile time, with the
// vectors in locals.
template <int J>
__attribute__((always_inline)) inline v128_t timesLimb(v128_t x, const v128_t* limbs) {
  if constexpr (J % 2 == 1) {
    return multiplyHighHalves(x, limbs[J / 2]);
  } else {
    return multiplyLowHalves(x, limbs[J / 2]);
  }
}

__attribute__((always_inline)) inline v128_t add(v128_t a, v128_t b) { return wasm_i64x2_add(a, b); }

// The row's Montgomery factor per lane, (column0 * -m^-1) mod 2^28, laid out as
// (q_p, q_q, q_p, q_q) for the widening multiplies.
__attribute__((always_inline)) inline v128_t rowFactor(v128_t column0, v128_t negInverse) {
  const v128_t low32 = wasm_i32x4_shuffle(column0, column0, 0, 2, 0, 2);
  return wasm_v128_and(wasm_i32x4_mul(low32, negInverse), wasm_i32x4_splat(radix28::kLimbMask));
}

// Column X of a pass over Rows rows with factors a[r] (multiplier limbs) and q[r]
// (Montgomery factors): t[X + Rows] + sum_r a_r b_{X+Rows-r} + q_r m_{X+Rows-r}.
template <int Rows, int X>
__attribute__((always_inline)) inline v128_t passColumn(const v128_t (&t)[kLimbs], const v128_t* a,
                                                        const v128_t* q, const v128_t* b,
                                                        const v128_t* m) {
  v128_t sum = wasm_i64x2_splat(0);
  if constexpr (X + Rows < kLimbs) sum = t[X + Rows];
  if constexpr (X + Rows < kLimbs) {
    sum = add(sum, add(timesLimb<X + Rows>(a[0], b), timesLimb<X + Rows>(q[0], m)));
  }
  if constexpr (Rows == 2 && X + 1 < kLimbs) {
    sum = add(sum, add(timesLimb<X + 1>(a[1], b), timesLimb<X + 1>(q[1], m)));
  }
  return sum;
}

template <int Rows, size_t... X>
__attribute__((always_inline)) inline void pass(v128_t (&t)[kLimbs], const v128_t* a, const v128_t* q,
                                                const v128_t* b, const v128_t* m,
                                                std::index_sequence<X...>) {
  const v128_t columns[kLimbs] = {passColumn<Rows, X>(t, a, q, b, m)...};
  for (int x = 0; x < kLimbs; ++x) t[x] = columns[x];
}

// Rows i and i + 1 (Rows = 2) or row i alone (Rows = 1) in one pass over the
// accumulators: t[x] <- t[x + Rows] + a_i b_{x+Rows} + q_i m_{x+Rows}
//                                   (+ a_{i+1} b_{x+1} + q_{i+1} m_{x+1}).
template <int Rows>
__attribute__((always_inline)) inline void rows(v128_t (&t)[kLimbs], const Pair& multiplier, int i,
                                                const v128_t* b, const v128_t* m,
                                                v128_t negInverse) {
  v128_t a[Rows];
  v128_t q[Rows];
  a[0] = wasm_v128_load64_splat(&multiplier.limb[kLanes * i]);
  v128_t column = add(t[0], timesLimb<0>(a[0], b));
  q[0] = rowFactor(column, negInverse);
  column = add(column, timesLimb<0>(q[0], m));
  if constexpr (Rows == 2) {
    // Row i's column 1 is row i + 1's column 0.
    a[1] = wasm_v128_load64_splat(&multiplier.limb[kLanes * (i + 1)]);
    column = add(add(t[1], wasm_u64x2_shr(column, radix28::kLimbBits)),
                 add(timesLimb<1>(a[0], b), timesLimb<1>(q[0], m)));
    column = add(column, timesLimb<0>(a[1], b));
    q[1] = rowFactor(column, negInverse);
    column = add(column, timesLimb<0>(q[1], m));
  }
  const v128_t carry = wasm_u64x2_shr(column, radix28::kLimbBits);
  pass<Rows>(t, a, q, b, m, std::make_index_sequence<kLimbs>());
  t[0] = add(t[0], carry);
}

}  // namespace

void montgomeryMultiply(const Moduli& moduli, Pair& r, const Pair& a, const Pair& b) {
  v128_t bVectors[kVectors];
  v128_t mVectors[kVectors];
  for (int u = 0; u < kVectors; ++u) {
    bVectors[u] = wasm_v128_load(&b.limb[4 * u]);
    mVectors[u] = wasm_v128_load(&moduli.modulus.limb[4 * u]);
  }
  const v128_t negInverse = wasm_i32x4_make(moduli.negInverse[0], moduli.negInverse[1],
                                            moduli.negInverse[0], moduli.negInverse[1]);
  v128_t t[kLimbs];
  for (int x = 0; x < kLimbs; ++x) t[x] = wasm_i64x2_splat(0);
  int i = 0;
  for (; i + 2 <= kLimbs; i += 2) rows<2>(t, a, i, bVectors, mVectors, negInverse);
  if (i < kLimbs) rows<1>(t, a, i, bVectors, mVectors, negInverse);

  // Resolve the carries, both lanes at once. a and b are fully read by now, so r
  // may alias them.
  const v128_t mask = wasm_i32x4_splat(radix28::kLimbMask);
  v128_t carry = wasm_i64x2_splat(0);
  for (int x = 0; x < kLimbs; ++x) {
    carry = add(carry, t[x]);
    const v128_t low = wasm_v128_and(wasm_i32x4_shuffle(carry, carry, 0, 2, 0, 2), mask);
    wasm_v128_store64_lane(&r.limb[kLanes * x], low, 0);
    carry = wasm_u64x2_shr(carry, radix28::kLimbBits);
  }
}

void tableSelect(Pair& r, const Pair* table, uint32_t indexP, uint32_t indexQ) {
  const v128_t index = wasm_i32x4_make(indexP, indexQ, indexP, indexQ);
  v128_t selected[kVectors];
  for (int u = 0; u < kVectors; ++u) selected[u] = wasm_i64x2_splat(0);
  for (int k = 0; k < kTableSize; ++k) {
    const v128_t mask = wasm_i32x4_eq(index, wasm_i32x4_splat(k));
    for (int u = 0; u < kVectors; ++u) {
      selected[u] = wasm_v128_or(selected[u], wasm_v128_and(wasm_v128_load(&table[k].limb[4 * u]), mask));
    }
  }
  for (int u = 0; u < kVectors; ++u) wasm_v128_store(&r.limb[4 * u], selected[u]);
}

void power(const Moduli& moduli, Pair& r, const Pair& base, const uint32_t* expP,
           const uint32_t* expQ, int bits) {
  fixedWindowPower<montgomeryMultiply, tableSelect>(moduli, r, base, expP, expQ, bits);
}

}  // namespace cfsigner::crt_pair::simd
