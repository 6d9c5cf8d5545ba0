// Arithmetic mod n, the order of P-256's base point, on fiat-crypto's formally
// verified, constant-time Montgomery code (third_party/fiat-crypto/p256_scalar_32.c,
// vendored unmodified; scalar.cpp includes it). Scalars are plain Uint256 values
// below n; `montgomeryMul` takes one factor in the Montgomery domain
// (a * 2^256 mod n), so its product comes out plain.
#pragma once

#include "limbs.h"

namespace cfsigner::p256 {

// a * 2^256 mod n.
Uint256 scalarToMontgomery(const Uint256& a);
// a * b / 2^256 mod n.
Uint256 montgomeryMul(const Uint256& a, const Uint256& b);
Uint256 scalarAdd(const Uint256& a, const Uint256& b);
Uint256 scalarNegate(const Uint256& a);

}  // namespace cfsigner::p256
