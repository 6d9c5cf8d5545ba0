// k * G for P-256's base point G, the costly half of an ECDSA signature.
#pragma once

#include "limbs.h"

namespace cfsigner::p256 {

// The affine x coordinate of k * G, as a plain integer below p, for 0 < k < n.
// Constant time in k: no branch and no memory index depends on it.
Uint256 baseMultiplyX(const Uint256& k);

}  // namespace cfsigner::p256
