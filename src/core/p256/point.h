// P-256 points over the fiat-crypto field (coordinates in the Montgomery domain), in
// Jacobian coordinates (a = -3). Doubling is from the Explicit-Formulas Database
// (hyperelliptic.org/EFD, "g1p"); the mixed addition from Hankerson, Menezes and
// Vanstone's "Guide to Elliptic Curve Cryptography", algorithm 3.22.
#pragma once

#include <cstdint>

#include "field.h"

namespace cfsigner::p256 {

// (x, y) as 16 consecutive limbs: the layout of a precomputed table entry.
struct alignas(16) AffinePoint {
  FieldElement x;
  FieldElement y;
};

// (X, Y, Z) for the affine point (X / Z^2, Y / Z^3).
struct JacobianPoint {
  FieldElement x;
  FieldElement y;
  FieldElement z;
};

// a + b in constant time (8M + 3S). aIsInfinity / bIsInfinity are
// all-ones masks marking the point at infinity. The caller guarantees a != ±b
// (the formula has no doubling case; see base_multiply.cpp for why it is never needed).
void addMixed(JacobianPoint& out, const JacobianPoint& a, uint32_t aIsInfinity,
              const AffinePoint& b, uint32_t bIsInfinity);

// 2a ("dbl-2001-b"), for a not at infinity.
void doublePoint(JacobianPoint& out, const JacobianPoint& a);

}  // namespace cfsigner::p256
