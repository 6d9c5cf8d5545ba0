// Constant-time inverses mod P-256's p and n: libsecp256k1's safegcd
// (Bernstein-Yang divsteps, third_party/secp256k1, vendored unmodified), about ten
// times faster than a Fermat exponentiation. The inverse of 0 is 0.
#pragma once

#include <cstdint>

#include "field.h"
#include "limbs.h"

// modular_inverse.c: plain integers below the modulus in and out.
extern "C" {
void cfsigner_p256_invert_mod_p(uint32_t out[8], const uint32_t in[8]);
void cfsigner_p256_invert_mod_n(uint32_t out[8], const uint32_t in[8]);
}

namespace cfsigner::p256 {

// 1 / a in the field (Montgomery domain in and out).
inline FieldElement invert(const FieldElement& a) {
  // a's limbs hold x R, whose plain inverse is x^-1 R^-1; a Montgomery
  // multiplication by R^3 mod p makes that x^-1 R.
  constexpr FieldElement kRCubed = {{0x0000000a, 0xfffffffd, 0xfffffff7, 0xffffffed, 0xfffffffc,
                                     0x00000005, 0x00000001, 0x00000018}};
  FieldElement inverse;
  cfsigner_p256_invert_mod_p(inverse.limb, a.limb);
  FieldElement out;
  mul(out, inverse, kRCubed);
  return out;
}

// 1 / a mod n (plain in and out).
inline Uint256 invertScalar(const Uint256& a) {
  Uint256 out;
  cfsigner_p256_invert_mod_n(out.limb, a.limb);
  return out;
}

}  // namespace cfsigner::p256
