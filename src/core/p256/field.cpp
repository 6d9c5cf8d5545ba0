#include "field.h"

#include "fiat-crypto/p256_32.c"

namespace cfsigner::p256 {

namespace {
// R^2 mod p (R = 2^256): fiat_p256_mul(a, R^2) = a R, the conversion into the
// Montgomery domain that fiat_p256_to_montgomery does, without a second copy of the
// multiplication in the wasm.
constexpr FieldElement kRSquared = {{0x00000003, 0x00000000, 0xffffffff, 0xfffffffb, 0xfffffffe,
                                     0xffffffff, 0xfffffffd, 0x00000004}};
}  // namespace

void mul(FieldElement& out, const FieldElement& a, const FieldElement& b) {
  fiat_p256_mul(out.limb, a.limb, b.limb);
}
// fiat's 32-bit square is its multiplication with both factors the same (no
// squaring shortcut), so squaring through mul runs as fast without a second copy.
void square(FieldElement& out, const FieldElement& a) { fiat_p256_mul(out.limb, a.limb, a.limb); }
void add(FieldElement& out, const FieldElement& a, const FieldElement& b) {
  fiat_p256_add(out.limb, a.limb, b.limb);
}
void sub(FieldElement& out, const FieldElement& a, const FieldElement& b) {
  fiat_p256_sub(out.limb, a.limb, b.limb);
}
void negate(FieldElement& out, const FieldElement& a) { fiat_p256_opp(out.limb, a.limb); }

FieldElement fieldOne() {
  FieldElement one;
  fiat_p256_set_one(one.limb);
  return one;
}

FieldElement toField(const Uint256& plain) {
  FieldElement out;
  fiat_p256_mul(out.limb, plain.limb, kRSquared.limb);
  return out;
}

Uint256 fromField(const FieldElement& a) {
  // a R * 1 / R = a.
  constexpr uint32_t kOne[8] = {1};
  Uint256 out;
  fiat_p256_mul(out.limb, a.limb, kOne);
  return out;
}

}  // namespace cfsigner::p256
