// The wasm multiply-accumulate kernel (src/mbedtls/bignum_kernel.h) against two
// independent references, natively: wasm uses 32-bit limbs, so the test does too.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

// The names bn_mul.h's kernels expect, for 32-bit limbs.
using mbedtls_mpi_uint = uint32_t;
using mbedtls_t_udbl = uint64_t;
#include "../../src/mbedtls/bignum_kernel.h"

namespace {

using Limbs = std::vector<uint32_t>;

// d[0..n) += s[0..n) * b through the kernel, eight limbs at a time and then one
// at a time, as Mbed TLS's mbedtls_mpi_core_mla drives it. Returns the carry out.
uint32_t kernelMultiplyAdd(Limbs& dLimbs, const Limbs& sLimbs, uint32_t b) {
  mbedtls_mpi_uint* d = dLimbs.data();
  const mbedtls_mpi_uint* s = sLimbs.data();
  mbedtls_mpi_uint c = 0;
  for (size_t steps = sLimbs.size() / 8; steps > 0; --steps) {
    MULADDC_X8_INIT
    MULADDC_X8_CORE
    MULADDC_X8_STOP
  }
  for (size_t steps = sLimbs.size() % 8; steps > 0; --steps) {
    MULADDC_X1_INIT
    MULADDC_X1_CORE
    MULADDC_X1_STOP
  }
  return c;
}

// Reference 1: the generic shape, adding the low word and carrying by comparison.
uint32_t comparingMultiplyAdd(Limbs& d, const Limbs& s, uint32_t b) {
  uint32_t carry = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const uint64_t product = static_cast<uint64_t>(s[i]) * b;
    uint32_t low = static_cast<uint32_t>(product);
    uint32_t high = static_cast<uint32_t>(product >> 32);
    low += carry;
    high += low < carry;
    low += d[i];
    high += low < d[i];
    d[i] = low;
    carry = high;
  }
  return carry;
}

// Reference 2: schoolbook arithmetic in base 2^16, sharing nothing with the above.
uint32_t halfWordMultiplyAdd(Limbs& d, const Limbs& s, uint32_t b) {
  std::vector<uint32_t> digits(2 * s.size() + 4, 0);  // base 2^16 accumulator
  for (size_t i = 0; i < d.size(); ++i) {
    digits[2 * i] = d[i] & 0xFFFF;
    digits[2 * i + 1] = d[i] >> 16;
  }
  const uint32_t bDigits[2] = {b & 0xFFFF, b >> 16};
  for (size_t i = 0; i < s.size(); ++i) {
    const uint32_t sDigits[2] = {s[i] & 0xFFFF, s[i] >> 16};
    for (int x = 0; x < 2; ++x) {
      for (int y = 0; y < 2; ++y) {
        uint32_t carry = sDigits[x] * bDigits[y];  // < 2^32
        for (size_t k = 2 * i + x + y; carry != 0; ++k) {
          const uint64_t sum = static_cast<uint64_t>(digits[k]) + (carry & 0xFFFF);
          digits[k] = static_cast<uint32_t>(sum & 0xFFFF);
          carry = (carry >> 16) + static_cast<uint32_t>(sum >> 16);
        }
      }
    }
  }
  for (size_t i = 0; i < d.size(); ++i) d[i] = digits[2 * i] | (digits[2 * i + 1] << 16);
  return digits[2 * s.size()] | (digits[2 * s.size() + 1] << 16);
}

void expectAllAgree(const Limbs& d, const Limbs& s, uint32_t b) {
  Limbs viaKernel = d, viaComparison = d, viaHalfWords = d;
  const uint32_t carryKernel = kernelMultiplyAdd(viaKernel, s, b);
  ASSERT_EQ(carryKernel, comparingMultiplyAdd(viaComparison, s, b));
  ASSERT_EQ(viaKernel, viaComparison);
  ASSERT_EQ(carryKernel, halfWordMultiplyAdd(viaHalfWords, s, b));
  ASSERT_EQ(viaKernel, viaHalfWords);
}

TEST(BignumKernel, EdgeOperandsAtEveryLength) {
  const uint32_t edges[] = {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF};
  // Lengths around the 8-limb unrolling, and the 64 limbs of a 2048-bit modulus.
  for (size_t n : {0, 1, 2, 7, 8, 9, 15, 16, 17, 33, 64, 65}) {
    for (uint32_t dValue : edges) {
      for (uint32_t sValue : edges) {
        for (uint32_t b : edges) {
          expectAllAgree(Limbs(n, dValue), Limbs(n, sValue), b);
        }
      }
    }
  }
}

TEST(BignumKernel, AllOnesCarriesThroughEveryLimb) {
  // With B = 2^32: (B^n - 1) + (B^n - 1)(B - 1) = B^(n+1) - B, so the lowest limb
  // is 0 and every other limb, and the carry, is B - 1. From the second limb on,
  // each step is (B-1)^2 + 2(B-1) = B^2 - 1, the largest a step can be.
  Limbs d(64, 0xFFFFFFFF);
  const Limbs s(64, 0xFFFFFFFF);
  const uint32_t carry = kernelMultiplyAdd(d, s, 0xFFFFFFFF);
  Limbs expected(64, 0xFFFFFFFF);
  expected[0] = 0;
  EXPECT_EQ(carry, 0xFFFFFFFFu);
  EXPECT_EQ(d, expected);
}

TEST(BignumKernel, RandomOperands) {
  std::mt19937_64 random(20261129);
  std::uniform_int_distribution<uint32_t> limb;
  std::uniform_int_distribution<size_t> length(0, 80);
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t n = length(random);
    Limbs d(n), s(n);
    for (size_t i = 0; i < n; ++i) {
      d[i] = limb(random);
      s[i] = limb(random);
    }
    expectAllAgree(d, s, limb(random));
  }
}

}  // namespace
