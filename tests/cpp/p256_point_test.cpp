// P-256 points in src/core/p256: mixed addition, doubling, the precomputed table,
// its constant-time reads and k*G, against Mbed TLS (its ECP code for k*G, and
// affine formulas over its bignum code for single additions).
#include <gtest/gtest.h>

#include <vector>

#include "base_multiply.h"
#include "base_table.h"
#include "modular_inverse.h"
#include "p256_reference.h"
#include "point.h"
#include "table_select.h"

namespace cfsigner::p256 {
namespace {

using testing::Group;
using testing::Mpi;
using testing::Operands;
using testing::Point;
using testing::fromHex;

// Each reference addition needs a (slow) Mbed TLS inversion: 10,000 of them, plus
// the 2,331 additions that check the table.
constexpr int kRandomAdditions = 10000;
constexpr int kRandomMultiplications = 1000;

struct Affine {
  Uint256 x;
  Uint256 y;
};

// k * G by Mbed TLS.
Affine referenceMultiply(Group& group, const Uint256& k) {
  Mpi scalar(k);
  Point result;
  testing::referenceMul(group.get(), result.get(), scalar.get(), &group.get()->G);
  return {result.x(), result.y()};
}

// p + q (p != ±q) or 2p (q == p), affine, with Mbed TLS's bignum arithmetic mod p.
Affine referenceAdd(const Affine& p, const Affine& q, bool doubling) {
  Mpi x1(p.x), y1(p.y), x2(q.x), y2(q.y), prime(kPrime), num, den, inv, slope, t, x3, y3;
  if (doubling) {
    Mpi::check(mbedtls_mpi_mul_mpi(num.get(), x1.get(), x1.get()));
    Mpi::check(mbedtls_mpi_mul_int(num.get(), num.get(), 3));
    Mpi::check(mbedtls_mpi_sub_int(num.get(), num.get(), 3));
    Mpi::check(mbedtls_mpi_mul_int(den.get(), y1.get(), 2));
  } else {
    Mpi::check(mbedtls_mpi_sub_mpi(num.get(), y2.get(), y1.get()));
    Mpi::check(mbedtls_mpi_sub_mpi(den.get(), x2.get(), x1.get()));
  }
  Mpi::check(mbedtls_mpi_mod_mpi(den.get(), den.get(), prime.get()));
  Mpi::check(mbedtls_mpi_inv_mod(inv.get(), den.get(), prime.get()));
  Mpi::check(mbedtls_mpi_mul_mpi(slope.get(), num.get(), inv.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(slope.get(), slope.get(), prime.get()));
  Mpi::check(mbedtls_mpi_mul_mpi(x3.get(), slope.get(), slope.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(x3.get(), x3.get(), x1.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(x3.get(), x3.get(), x2.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(x3.get(), x3.get(), prime.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(t.get(), x1.get(), x3.get()));
  Mpi::check(mbedtls_mpi_mul_mpi(y3.get(), slope.get(), t.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(y3.get(), y3.get(), y1.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(y3.get(), y3.get(), prime.get()));
  return {x3.limbs(), y3.limbs()};
}

AffinePoint toAffinePoint(const Affine& p) { return {toField(p.x), toField(p.y)}; }

Affine fromJacobian(const JacobianPoint& p) {
  const FieldElement zInverse = invert(p.z);
  FieldElement z2, z3, x, y;
  square(z2, zInverse);
  mul(z3, z2, zInverse);
  mul(x, p.x, z2);
  mul(y, p.y, z3);
  return {fromField(x), fromField(y)};
}

// The same point with a random Z: (x z^2, y z^3, z).
JacobianPoint withRandomZ(const Affine& p, Operands& random) {
  const FieldElement z = toField(random.below(kPrime));
  FieldElement z2, z3;
  square(z2, z);
  mul(z3, z2, z);
  JacobianPoint out;
  mul(out.x, toField(p.x), z2);
  mul(out.y, toField(p.y), z3);
  out.z = z;
  return out;
}

class P256Points : public ::testing::Test {
 protected:
  Group group_;
};

TEST_F(P256Points, MixedAdditionAndDoublingMatchAffineFormulas) {
  Operands random(5);
  Affine p = referenceMultiply(group_, random.below(kOrder));
  Affine q = referenceMultiply(group_, random.below(kOrder));
  int failures = 0;
  for (int i = 0; i < kRandomAdditions; ++i) {
    const JacobianPoint a = withRandomZ(p, random);
    JacobianPoint sum;
    addMixed(sum, a, 0, toAffinePoint(q), 0);
    const Affine expected = referenceAdd(p, q, false);
    const Affine got = fromJacobian(sum);
    failures += !(got.x == expected.x && got.y == expected.y);
    if (i % 10 == 0) {
      JacobianPoint twice;
      doublePoint(twice, a);
      const Affine doubled = referenceAdd(p, p, true);
      const Affine gotDoubled = fromJacobian(twice);
      failures += !(gotDoubled.x == doubled.x && gotDoubled.y == doubled.y);
    }
    // Walk on: the next pair is (p + q, p).
    q = p;
    p = expected;
  }
  EXPECT_EQ(failures, 0);
}

TEST_F(P256Points, MixedAdditionWithInfinityReturnsTheOtherPoint) {
  Operands random(6);
  const Affine p = referenceMultiply(group_, random.below(kOrder));
  const Affine q = referenceMultiply(group_, random.below(kOrder));
  const JacobianPoint a = withRandomZ(p, random);
  JacobianPoint sum;
  addMixed(sum, a, ~0u, toAffinePoint(q), 0);  // infinity + q = q
  Affine got = fromJacobian(sum);
  EXPECT_EQ(got.x, q.x);
  EXPECT_EQ(got.y, q.y);
  addMixed(sum, a, 0, toAffinePoint(q), ~0u);  // p + infinity = p
  got = fromJacobian(sum);
  EXPECT_EQ(got.x, p.x);
  EXPECT_EQ(got.y, p.y);
  addMixed(sum, a, ~0u, toAffinePoint(q), ~0u);  // both: stays at infinity (a's coordinates)
  EXPECT_EQ(fromField(sum.z), fromField(a.z));
}

// Window i's first entry is 2^(wi) G by Mbed TLS's ecp_mul; each next entry is the
// one before plus the first, by the reference affine addition.
TEST_F(P256Points, EveryTableEntryIsJTimesTwoToTheWindowTimesG) {
  const AffinePoint* table = baseTable();
  int failures = 0;
  for (size_t i = 0; i < kWindows; ++i) {
    Uint256 base{};
    base.limb[(kWindowBits * i) / 32] = 1u << ((kWindowBits * i) % 32);  // 2^(wi)
    const Affine first = referenceMultiply(group_, base);
    Affine expected = first;
    for (size_t j = 1; j <= kEntriesPerWindow; ++j) {
      if (j > 1) expected = referenceAdd(expected, first, j == 2);
      const AffinePoint& entry = table[i * kEntriesPerWindow + j - 1];
      failures += !(fromField(entry.x) == expected.x && fromField(entry.y) == expected.y);
    }
  }
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(baseTable(), table);  // built once
}

TEST_F(P256Points, TableReadsReturnTheEntryOrZeros) {
  const AffinePoint* row = baseTable() + 5 * kEntriesPerWindow;
  AffinePoint out;
  selectEntryPortable(out, row, 0);
  EXPECT_EQ(fromField(out.x), fromField(FieldElement{}));
  EXPECT_EQ(isZeroMask(out.x) & isZeroMask(out.y), ~0u);
  for (uint32_t digit = 1; digit <= kEntriesPerWindow; ++digit) {
    selectEntryPortable(out, row, digit);
    EXPECT_EQ(fromField(out.x), fromField(row[digit - 1].x)) << digit;
    EXPECT_EQ(fromField(out.y), fromField(row[digit - 1].y)) << digit;
  }
}

// Scalars at the edges: tiny, around window boundaries and digit signs, around
// 2^255 (where k and n - k swap) and just below n.
std::vector<Uint256> edgeScalars() {
  std::vector<Uint256> scalars;
  for (uint32_t k : {1u, 2u, 3u, 63u, 64u, 65u, 127u, 128u, 129u, 255u, 256u, 257u, 8191u, 8192u,
                     32767u, 32768u, 32769u}) {
    scalars.push_back(Uint256{{k}});
  }
  for (const char* hex :
       {"8000000000000000000000000000000000000000000000000000000000000000",
        "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "8000000000000000000000000000000000000000000000000000000000000001",
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550",   // n - 1
        "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f",   // n - 2
        "7fffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",   // n - 2^255
        "4040404040404040404040404040404040404040404040404040404040404040",
        "0810204081020408102040810204081020408102040810204081020408102040",   // 7-bit windows' edges
        "0080808080808080808080808080808080808080808080808080808080808080",   // digits 128 / -128
        "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",   // digits 127
        "0101010101010101010101010101010101010101010101010101010101010101",   // digit 1 in each window
        "1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
    scalars.push_back(fromHex(hex));
  }
  return scalars;
}

TEST_F(P256Points, BaseMultiplyMatchesMbedTls) {
  int failures = 0;
  for (const Uint256& k : edgeScalars()) {
    const Uint256 x = baseMultiplyX(k);
    EXPECT_EQ(x, referenceMultiply(group_, k).x);
  }
  Operands random(7);
  for (int i = 0; i < kRandomMultiplications; ++i) {
    Uint256 k = random.below(kOrder);
    if (isZeroMask(k)) continue;
    failures += !(baseMultiplyX(k) == referenceMultiply(group_, k).x);
  }
  EXPECT_EQ(failures, 0);
}

}  // namespace
}  // namespace cfsigner::p256
