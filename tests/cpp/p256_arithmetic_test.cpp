// The P-256 field (mod p) and scalar (mod n) arithmetic of src/core/p256 — fiat-crypto
// and libsecp256k1's safegcd — against Mbed TLS's bignum code, on 100,000 random
// operands each plus edge operands.
#include <gtest/gtest.h>

#include <vector>

#include "field.h"
#include "modular_inverse.h"
#include "p256_reference.h"
#include "scalar.h"

namespace cfsigner::p256 {
namespace {

using testing::Mpi;
using testing::Operands;
using testing::fromHex;

constexpr int kRandomOperands = 100000;

// (a op b) mod m by Mbed TLS.
template <typename Op>
Uint256 reference(const Uint256& a, const Uint256& b, const Uint256& modulus, Op op) {
  Mpi x(a), y(b), m(modulus), result, reduced;
  Mpi::check(op(result.get(), x.get(), y.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(reduced.get(), result.get(), m.get()));
  return reduced.limbs();
}

Uint256 referenceMul(const Uint256& a, const Uint256& b, const Uint256& m) {
  return reference(a, b, m, mbedtls_mpi_mul_mpi);
}
Uint256 referenceAdd(const Uint256& a, const Uint256& b, const Uint256& m) {
  return reference(a, b, m, mbedtls_mpi_add_mpi);
}
Uint256 referenceSub(const Uint256& a, const Uint256& b, const Uint256& m) {
  return reference(a, b, m, mbedtls_mpi_sub_mpi);
}
Uint256 referenceInverse(const Uint256& a, const Uint256& modulus) {
  Mpi x(a), m(modulus), inverse;
  Mpi::check(mbedtls_mpi_inv_mod(inverse.get(), x.get(), m.get()));
  return inverse.limbs();
}

Uint256 minus(const Uint256& m, uint32_t k) {
  Uint256 small{{k}}, out;
  subtract(out, m, small);
  return out;
}

// 0, 1, 2, m - 1, m - 2, 2^255, 2^255 - 1, 2^32 - 1, 2^224, R mod m, ...
std::vector<Uint256> edgeOperands(const Uint256& m) {
  return {Uint256{{0}},
          Uint256{{1}},
          Uint256{{2}},
          minus(m, 1),
          minus(m, 2),
          fromHex("8000000000000000000000000000000000000000000000000000000000000000"),
          fromHex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
          fromHex("ffffffff"),
          fromHex("100000000000000000000000000000000000000000000000000000000"),
          fromHex("ffffffff00000000000000000000000000000000000000000000000000000000"),
          fromHex("00000000fffffffeffffffffffffffffffffffff000000000000000000000001"),
          fromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")};
}

// Every pair of edge operands, then random pairs.
template <typename Check>
void forOperandPairs(const Uint256& modulus, uint64_t seed, Check check) {
  const std::vector<Uint256> edges = edgeOperands(modulus);
  for (const Uint256& a : edges) {
    for (const Uint256& b : edges) check(a, b);
  }
  Operands random(seed);
  for (int i = 0; i < kRandomOperands; ++i) {
    const Uint256 a = random.below(modulus);
    check(a, random.below(modulus));
  }
}

TEST(P256Field, MontgomeryRoundTripMulSquareAddSubNegate) {
  int failures = 0;
  forOperandPairs(kPrime, 1, [&](const Uint256& a, const Uint256& b) {
    const FieldElement fa = toField(a), fb = toField(b);
    EXPECT_EQ(fromField(fa), a);
    FieldElement out;
    mul(out, fa, fb);
    failures += !(fromField(out) == referenceMul(a, b, kPrime));
    square(out, fa);
    failures += !(fromField(out) == referenceMul(a, a, kPrime));
    add(out, fa, fb);
    failures += !(fromField(out) == referenceAdd(a, b, kPrime));
    sub(out, fa, fb);
    failures += !(fromField(out) == referenceSub(a, b, kPrime));
    negate(out, fa);
    failures += !(fromField(out) == referenceSub(Uint256{{0}}, a, kPrime));
  });
  EXPECT_EQ(failures, 0);
}

// a * inverse == 1 by Mbed TLS for every operand; the inverse also equals
// mbedtls_mpi_inv_mod's for the edge operands and every 100th random one (that
// reference is slow).
template <typename Invert>
int inverseFailures(const Uint256& modulus, uint64_t seed, Invert invertFn) {
  int failures = 0;
  int index = 0;
  forOperandPairs(modulus, seed, [&](const Uint256& a, const Uint256&) {
    const bool compareWithInvMod = index < 144 || index % 100 == 0;
    ++index;
    const Uint256 inverse = invertFn(a);
    if (isZeroMask(a)) {
      failures += !(inverse == Uint256{{0}});  // safegcd maps 0 to 0
      return;
    }
    failures += !(referenceMul(a, inverse, modulus) == Uint256{{1}});
    if (compareWithInvMod) failures += !(inverse == referenceInverse(a, modulus));
  });
  return failures;
}

TEST(P256Field, InverseMatchesMbedTls) {
  EXPECT_EQ(inverseFailures(kPrime, 2, [](const Uint256& a) { return fromField(invert(toField(a))); }), 0);
}

TEST(P256Field, SelectAndZeroMask) {
  const FieldElement a = toField(fromHex("1234")), b = toField(fromHex("5678"));
  FieldElement out;
  select(out, ~0u, a, b);
  EXPECT_EQ(fromField(out), fromHex("1234"));
  select(out, 0, a, b);
  EXPECT_EQ(fromField(out), fromHex("5678"));
  EXPECT_EQ(isZeroMask(toField(Uint256{{0}})), ~0u);
  EXPECT_EQ(isZeroMask(a), 0u);
}

TEST(P256Scalar, MontgomeryMulAddNegateMatchMbedTls) {
  int failures = 0;
  forOperandPairs(kOrder, 3, [&](const Uint256& a, const Uint256& b) {
    // montgomeryMul(a R, b) = a b.
    failures += !(montgomeryMul(scalarToMontgomery(a), b) == referenceMul(a, b, kOrder));
    failures += !(scalarAdd(a, b) == referenceAdd(a, b, kOrder));
    failures += !(scalarNegate(a) == referenceSub(Uint256{{0}}, a, kOrder));
  });
  EXPECT_EQ(failures, 0);
}

TEST(P256Scalar, InverseMatchesMbedTls) {
  EXPECT_EQ(inverseFailures(kOrder, 4, [](const Uint256& a) { return invertScalar(a); }), 0);
}

TEST(P256Limbs, RangeChecksAndReduction) {
  EXPECT_EQ(isValidScalarMask(Uint256{{0}}), 0u);
  EXPECT_EQ(isValidScalarMask(Uint256{{1}}), ~0u);
  EXPECT_EQ(isValidScalarMask(minus(kOrder, 1)), ~0u);
  EXPECT_EQ(isValidScalarMask(kOrder), 0u);
  EXPECT_EQ(isValidScalarMask(fromHex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")), 0u);
  EXPECT_EQ(reduceOnce(kOrder, kOrder), Uint256{{0}});
  EXPECT_EQ(reduceOnce(minus(kPrime, 1), kOrder), referenceSub(minus(kPrime, 1), kOrder, kOrder));
  uint8_t bytes[32];
  const Uint256 value = fromHex("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdff");
  toBigEndian(bytes, value);
  EXPECT_EQ(bytes[0], 0x01);
  EXPECT_EQ(bytes[31], 0xff);
  EXPECT_EQ(fromBigEndian(bytes), value);
}

}  // namespace
}  // namespace cfsigner::p256
