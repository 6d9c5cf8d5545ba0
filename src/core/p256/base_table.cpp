#include "base_table.h"

#include <array>
#include <vector>

#include "modular_inverse.h"

namespace cfsigner::p256 {

namespace {

// G in Montgomery form.
AffinePoint generator() {
  constexpr Uint256 kGx = {{0xd898c296, 0xf4a13945, 0x2deb33a0, 0x77037d81, 0x63a440f2,
                            0xf8bce6e5, 0xe12c4247, 0x6b17d1f2}};
  constexpr Uint256 kGy = {{0x37bf51f5, 0xcbb64068, 0x6b315ece, 0x2bce3357, 0x7c0f9e16,
                            0x8ee7eb4a, 0xfe1a7f9b, 0x4fe342e2}};
  return {toField(kGx), toField(kGy)};
}

// Replaces each values[i] by its inverse, with one inversion (Montgomery's trick).
template <size_t N>
void invertAll(std::array<FieldElement, N>& values) {
  std::array<FieldElement, N> prefix;
  prefix[0] = values[0];
  for (size_t i = 1; i < N; ++i) mul(prefix[i], prefix[i - 1], values[i]);
  FieldElement inverse = invert(prefix[N - 1]);
  for (size_t i = N - 1; i > 0; --i) {
    FieldElement inverseOfOne;
    mul(inverseOfOne, inverse, prefix[i - 1]);
    mul(inverse, inverse, values[i]);
    values[i] = inverseOfOne;
  }
  values[0] = inverse;
}

AffinePoint toAffine(const JacobianPoint& p, const FieldElement& zInverse) {
  FieldElement zi2, zi3;
  square(zi2, zInverse);
  mul(zi3, zi2, zInverse);
  AffinePoint out;
  mul(out.x, p.x, zi2);
  mul(out.y, p.y, zi3);
  return out;
}

// The window bases 2^(wi) G, affine: one chain of doublings, then one batched inversion.
std::array<AffinePoint, kWindows> windowBases() {
  std::array<JacobianPoint, kWindows> jacobian;
  const AffinePoint g = generator();
  jacobian[0] = {g.x, g.y, fieldOne()};
  for (size_t i = 1; i < kWindows; ++i) {
    jacobian[i] = jacobian[i - 1];
    for (int bit = 0; bit < kWindowBits; ++bit) doublePoint(jacobian[i], jacobian[i]);
  }
  std::array<FieldElement, kWindows> zInverse;
  for (size_t i = 0; i < kWindows; ++i) zInverse[i] = jacobian[i].z;
  invertAll(zInverse);
  std::array<AffinePoint, kWindows> bases;
  for (size_t i = 0; i < kWindows; ++i) bases[i] = toAffine(jacobian[i], zInverse[i]);
  return bases;
}

// Affine p + q given 1 / (q.x - p.x), or 2p given 1 / (2 p.y) with q = p.
AffinePoint affineAdd(const AffinePoint& p, const AffinePoint& q, const FieldElement& slopeNumerator,
                      const FieldElement& denominatorInverse) {
  FieldElement slope, t;
  mul(slope, slopeNumerator, denominatorInverse);
  AffinePoint out;
  square(out.x, slope);
  sub(out.x, out.x, p.x);
  sub(out.x, out.x, q.x);      // x3 = slope^2 - x1 - x2
  sub(t, p.x, out.x);
  mul(out.y, slope, t);
  sub(out.y, out.y, p.y);      // y3 = slope (x1 - x3) - y1
  return out;
}

std::vector<AffinePoint> buildTable() {
  std::vector<AffinePoint> table(kWindows * kEntriesPerWindow);
  const auto entry = [&table](size_t window, size_t j) -> AffinePoint& {
    return table[window * kEntriesPerWindow + j - 1];
  };
  const std::array<AffinePoint, kWindows> bases = windowBases();
  std::array<FieldElement, kWindows> denominators;

  // j = 1 and j = 2 (a doubling: slope = (3x^2 - 3) / 2y).
  for (size_t i = 0; i < kWindows; ++i) {
    entry(i, 1) = bases[i];
    add(denominators[i], bases[i].y, bases[i].y);
  }
  invertAll(denominators);
  const FieldElement one = fieldOne();
  for (size_t i = 0; i < kWindows; ++i) {
    FieldElement numerator, three;
    square(numerator, bases[i].x);
    sub(numerator, numerator, one);
    add(three, numerator, numerator);
    add(numerator, numerator, three);
    entry(i, 2) = affineAdd(bases[i], bases[i], numerator, denominators[i]);
  }
  // j >= 3: (j - 1) B + B, each column of kWindows additions sharing one inversion.
  for (size_t j = 3; j <= kEntriesPerWindow; ++j) {
    for (size_t i = 0; i < kWindows; ++i) sub(denominators[i], bases[i].x, entry(i, j - 1).x);
    invertAll(denominators);
    for (size_t i = 0; i < kWindows; ++i) {
      FieldElement numerator;
      sub(numerator, bases[i].y, entry(i, j - 1).y);
      entry(i, j) = affineAdd(entry(i, j - 1), bases[i], numerator, denominators[i]);
    }
  }
  return table;
}

}  // namespace

const AffinePoint* baseTable() {
  static const std::vector<AffinePoint> table = buildTable();
  return table.data();
}

}  // namespace cfsigner::p256
