// Arithmetic mod p = 2^256 - 2^224 + 2^192 + 2^96 - 1, the P-256 field, on
// fiat-crypto's formally verified, constant-time Montgomery code
// (third_party/fiat-crypto/p256_32.c, vendored unmodified; field.cpp includes it).
// Elements live in the Montgomery domain (x * 2^256 mod p), fully reduced, as fiat
// requires.
#pragma once

#include <cstdint>

#include "limbs.h"

namespace cfsigner::p256 {

struct FieldElement {
  uint32_t limb[8];
};

// One out-of-line copy of each fiat function for the whole build: inlined at -O3
// they added ~50 KB to the wasm for no measurable speed.
void mul(FieldElement& out, const FieldElement& a, const FieldElement& b);
void square(FieldElement& out, const FieldElement& a);
void add(FieldElement& out, const FieldElement& a, const FieldElement& b);
void sub(FieldElement& out, const FieldElement& a, const FieldElement& b);
void negate(FieldElement& out, const FieldElement& a);
FieldElement fieldOne();

// A plain integer below p into the Montgomery domain, and back.
FieldElement toField(const Uint256& plain);
Uint256 fromField(const FieldElement& a);

// All-ones when a == 0 (elements are fully reduced, so 0 has one form).
inline uint32_t isZeroMask(const FieldElement& a) {
  uint32_t any = 0;
  for (const uint32_t word : a.limb) any |= word;
  return isZeroMask(any);
}

// out = a where mask is all-ones, b where it is zero.
inline void select(FieldElement& out, uint32_t mask, const FieldElement& a, const FieldElement& b) {
  for (int i = 0; i < 8; ++i) out.limb[i] = (a.limb[i] & mask) | (b.limb[i] & ~mask);
}

}  // namespace cfsigner::p256
