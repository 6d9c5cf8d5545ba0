// The RSA-2048 CRT kernel: the two 1024-bit halves of a signature, mod p and mod q,
// computed in lockstep. Limb j of the mod-p residue sits next to limb j of the
// mod-q residue, so the SIMD form puts p in one 64-bit lane and q in the other and
// one instruction does both halves' work.
//
// Two forms share this layout and this interface:
// - `scalar`: portable C++, built everywhere (natively it runs the tests, the
//   fuzzer and the Valgrind constant-time check);
// - `simd`: wasm SIMD128, built only for wasm (-msimd128), selected there.
// `selected` names the form the build signs with.
//
// Constant time: no branch and no memory index depends on a residue or an exponent.
#pragma once

#include <cstdint>

#include "radix28.h"

namespace cfsigner::crt_pair {

// 37 limbs of 28 bits: R = 2^1036 > 4p for any 1024-bit p, as lazy reduction needs.
constexpr int kLimbs = 37;
// Rounded up to even, so the SIMD form reads whole 16-byte vectors.
constexpr int kPaddedLimbs = 38;
constexpr int kLanes = 2;  // lane 0: mod p, lane 1: mod q
// Fixed-window exponentiation, 2^5 table entries: the fewest multiplications for
// ~1056-bit exponents.
constexpr int kWindowBits = 5;
constexpr int kTableSize = 1 << kWindowBits;

// A residue mod p and a residue mod q, limb j of lane L at limb[2j + L].
struct alignas(16) Pair {
  uint32_t limb[kLanes * kPaddedLimbs];
};

struct Moduli {
  Pair modulus;         // p | q
  Pair montgomeryOne;   // R mod p | R mod q
  uint32_t negInverse[kLanes];  // -p^-1, -q^-1 mod 2^28
};

// Exponents as little-endian 32-bit words, a zero word past the last window.
constexpr int kMaxExponentWords = 36;

// Each form provides:
// - montgomeryMultiply: r = a * b / R mod (p | q); a, b < 2(p | q) -> r < 2(p | q);
//   r may alias a or b.
// - tableSelect: r = table[indexP] in lane 0 and table[indexQ] in lane 1, reading
//   every entry.
// - power: r = base^expP | base^expQ, in Montgomery form. `bits` is public; the
//   exponents have at least ceil(bits / 32) + 1 words.
namespace scalar {
void montgomeryMultiply(const Moduli& moduli, Pair& r, const Pair& a, const Pair& b);
void tableSelect(Pair& r, const Pair* table, uint32_t indexP, uint32_t indexQ);
void power(const Moduli& moduli, Pair& r, const Pair& base, const uint32_t* expP,
           const uint32_t* expQ, int bits);
}  // namespace scalar

#if defined(__wasm_simd128__)
namespace simd {
void montgomeryMultiply(const Moduli& moduli, Pair& r, const Pair& a, const Pair& b);
void tableSelect(Pair& r, const Pair* table, uint32_t indexP, uint32_t indexQ);
void power(const Moduli& moduli, Pair& r, const Pair& base, const uint32_t* expP,
           const uint32_t* expQ, int bits);
}  // namespace simd
namespace selected = simd;
#else
namespace selected = scalar;
#endif

// Layout helpers, the same for both forms (not hot).

// Lane `lane` of r = words (little-endian 32-bit, at most 1036 bits).
inline void setLane(Pair& r, int lane, const uint32_t* words, int wordCount) {
  radix28::fromWords<kLimbs, kLanes>(r.limb + lane, words, wordCount);
}
inline void getLane(uint32_t* words, int wordCount, const Pair& a, int lane) {
  radix28::toWords<kLimbs, kLanes>(words, wordCount, a.limb + lane);
}
// Both lanes: r -= (p | q) where r >= it, taking r < 2(p | q) to r < (p | q).
inline void reduceOnce(const Moduli& moduli, Pair& r) {
  for (int lane = 0; lane < kLanes; ++lane) {
    radix28::subtractIfAtLeast<kLimbs, kLanes>(r.limb + lane, moduli.modulus.limb + lane);
  }
}

}  // namespace cfsigner::crt_pair
