// The RSA kernels (src/kernel/) in their portable form, against Mbed TLS's bignum:
// the CRT pair Montgomery multiply on 100,000+ random operand pairs and on edge
// operands, the fixed-window exponentiation, the moves between mod N and the pair,
// and the mod-N arithmetic. The wasm suite checks the SIMD form against this one.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "crt_pair.h"
#include "mpi_reference.h"
#include "rsa2048_crt.h"
#include "test_keys.h"

namespace cfsigner {
namespace {

using crt_pair::Pair;
using testing::Mpi;

constexpr int kRBits = radix28::kLimbBits * crt_pair::kLimbs;  // 1036

// Deterministic randomness, so a failure reproduces.
class TestRandom {
 public:
  explicit TestRandom(uint64_t seed) : engine_(seed) {}
  static int fill(void* self, unsigned char* output, size_t size) {
    auto& engine = static_cast<TestRandom*>(self)->engine_;
    for (size_t i = 0; i < size; ++i) output[i] = static_cast<unsigned char>(engine());
    return 0;
  }
  // Uniform-ish in [0, bound): more bits than the bound, then reduced.
  Mpi below(const Mpi& bound) {
    Mpi wide, result;
    Mpi::check(mbedtls_mpi_fill_random(wide.get(), mbedtls_mpi_size(bound.get()) + 8, fill, this));
    Mpi::check(mbedtls_mpi_mod_mpi(result.get(), wide.get(), bound.get()));
    return result;
  }
  // Below 2^1024, which is at most 2m for the 1024-bit moduli: anywhere in the
  // kernel's lazy input range.
  Mpi below2to1024() {
    Mpi result;
    Mpi::check(mbedtls_mpi_fill_random(result.get(), 128, fill, this));
    return result;
  }
  // An odd number of exactly `bits` bits.
  Mpi oddOfBits(int bits) {
    Mpi result;
    Mpi::check(mbedtls_mpi_fill_random(result.get(), (bits + 7) / 8, fill, this));
    Mpi::check(mbedtls_mpi_shift_r(result.get(), 8 * ((bits + 7) / 8) - bits));
    Mpi::check(mbedtls_mpi_set_bit(result.get(), bits - 1, 1));
    Mpi::check(mbedtls_mpi_set_bit(result.get(), 0, 1));
    return result;
  }

 private:
  std::mt19937_64 engine_;
};

Mpi minus(const Mpi& a, int64_t b) {
  Mpi result;
  Mpi::check(mbedtls_mpi_sub_int(result.get(), a.get(), b));
  return result;
}

Mpi times(const Mpi& a, int64_t b) {
  Mpi result;
  Mpi::check(mbedtls_mpi_mul_int(result.get(), a.get(), b));
  return result;
}

struct ModulusPair {
  std::string name;
  Mpi p;
  Mpi q;
};

// The kernel's set-up for two odd 1024-bit moduli (q^-1 is not needed here).
rsa2048::CrtKey crtKeyFor(const ModulusPair& moduli) {
  const std::vector<uint32_t> p = testing::toWords(moduli.p, 32);
  const std::vector<uint32_t> q = testing::toWords(moduli.q, 32);
  const std::vector<uint32_t> zero(32, 0);
  rsa2048::CrtKey key;
  rsa2048::setUpCrtKey(key, p.data(), q.data(), zero.data());
  return key;
}

// The primes of a fixture key.
ModulusPair fixturePrimes(const char* file) {
  const std::string pem = readFixture(file);
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  TestRandom random(1);
  Mpi::check(mbedtls_pk_parse_key(&pk, reinterpret_cast<const unsigned char*>(pem.c_str()),
                                  pem.size() + 1, nullptr, 0, TestRandom::fill, &random));
  ModulusPair result{file, Mpi(), Mpi()};
  Mpi::check(mbedtls_rsa_export(mbedtls_pk_rsa(pk), nullptr, result.p.get(), result.q.get(),
                                nullptr, nullptr));
  mbedtls_pk_free(&pk);
  return result;
}

std::vector<ModulusPair> modulusPairs() {
  TestRandom random(2026);
  std::vector<ModulusPair> pairs;
  pairs.push_back({"2^1024-1 | 2^1023+1", minus(testing::powerOfTwo(1024), 1),
                   minus(testing::powerOfTwo(1023), -1)});
  pairs.push_back({"2^1023+1 | 2^1024-1", minus(testing::powerOfTwo(1023), -1),
                   minus(testing::powerOfTwo(1024), 1)});
  for (int i = 0; i < 6; ++i) {
    pairs.push_back({"random " + std::to_string(i), random.oddOfBits(1024), random.oddOfBits(1024)});
  }
  pairs.push_back(fixturePrimes("rsa2048-pkcs1.pem"));
  return pairs;
}

// r is a lazily reduced Montgomery product of a and b: r < 2m, and m divides r R - a b.
void expectMontgomeryProduct(const Mpi& r, const Mpi& a, const Mpi& b, const Mpi& m) {
  ASSERT_TRUE(r < times(m, 2));
  Mpi rTimesR = r, product, difference, remainder;
  Mpi::check(mbedtls_mpi_shift_l(rTimesR.get(), kRBits));
  Mpi::check(mbedtls_mpi_mul_mpi(product.get(), a.get(), b.get()));
  Mpi::check(mbedtls_mpi_sub_mpi(difference.get(), rTimesR.get(), product.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(remainder.get(), difference.get(), m.get()));
  EXPECT_EQ(mbedtls_mpi_cmp_int(remainder.get(), 0), 0);
}

void checkMultiply(const rsa2048::CrtKey& key, const ModulusPair& moduli, const Mpi& aP,
                   const Mpi& bP, const Mpi& aQ, const Mpi& bQ) {
  Pair a = {}, b = {}, r = {};
  testing::setLaneValue(a, 0, aP);
  testing::setLaneValue(a, 1, aQ);
  testing::setLaneValue(b, 0, bP);
  testing::setLaneValue(b, 1, bQ);
  crt_pair::scalar::montgomeryMultiply(key.moduli, r, a, b);
  expectMontgomeryProduct(testing::laneValue(r, 0), aP, bP, moduli.p);
  expectMontgomeryProduct(testing::laneValue(r, 1), aQ, bQ, moduli.q);
}

TEST(CrtPairKernel, MontgomeryMultiplyMatchesMbedTlsOn100kRandomOperands) {
  TestRandom random(7);
  const std::vector<ModulusPair> pairs = modulusPairs();
  constexpr int kPerPair = 100'000 / 9 + 1;  // 9 modulus pairs: 100,008 operand pairs
  int checked = 0;
  for (const ModulusPair& moduli : pairs) {
    SCOPED_TRACE(moduli.name);
    const rsa2048::CrtKey key = crtKeyFor(moduli);
    for (int i = 0; i < kPerPair; ++i) {
      checkMultiply(key, moduli, random.below2to1024(), random.below2to1024(), random.below2to1024(),
                    random.below2to1024());
      if (::testing::Test::HasFailure()) return;
      ++checked;
    }
  }
  EXPECT_GE(checked, 100'000);
}

TEST(CrtPairKernel, MontgomeryMultiplyEdgeOperands) {
  for (const ModulusPair& moduli : modulusPairs()) {
    SCOPED_TRACE(moduli.name);
    const rsa2048::CrtKey key = crtKeyFor(moduli);
    const auto edges = [](const Mpi& m) {
      return std::vector<Mpi>{Mpi(0), Mpi(1), Mpi(2), minus(m, 1), m, minus(m, -1),
                              minus(times(m, 2), 1)};
    };
    const std::vector<Mpi> edgesP = edges(moduli.p), edgesQ = edges(moduli.q);
    for (size_t i = 0; i < edgesP.size(); ++i) {
      for (size_t j = 0; j < edgesP.size(); ++j) {
        // Lane q takes the edges in the other order, so lanes never mirror each other.
        checkMultiply(key, moduli, edgesP[i], edgesP[j], edgesQ[j], edgesQ[i]);
      }
    }
  }
}

TEST(CrtPairKernel, SetUpValuesAreReducedPowersOfR) {
  for (const ModulusPair& moduli : modulusPairs()) {
    SCOPED_TRACE(moduli.name);
    const rsa2048::CrtKey key = crtKeyFor(moduli);
    const Mpi* primes[2] = {&moduli.p, &moduli.q};
    for (int lane = 0; lane < 2; ++lane) {
      const Mpi& m = *primes[lane];
      Mpi r1, r2, r3;
      Mpi::check(mbedtls_mpi_mod_mpi(r1.get(), testing::powerOfTwo(kRBits).get(), m.get()));
      Mpi::check(mbedtls_mpi_mod_mpi(r2.get(), testing::powerOfTwo(2 * kRBits).get(), m.get()));
      Mpi::check(mbedtls_mpi_mod_mpi(r3.get(), testing::powerOfTwo(3 * kRBits).get(), m.get()));
      EXPECT_TRUE(testing::laneValue(key.moduli.montgomeryOne, lane) == r1);
      EXPECT_TRUE(testing::laneValue(key.rSquared, lane) == r2);
      EXPECT_TRUE(testing::laneValue(key.rCubed, lane) == r3);
    }
  }
}

// x^e mod m per lane through power(), entering and leaving Montgomery form.
void checkPower(const rsa2048::CrtKey& key, const ModulusPair& moduli, const Mpi& xP, const Mpi& xQ,
                const Mpi& eP, const Mpi& eQ, int bits) {
  Pair x = {}, r = {};
  testing::setLaneValue(x, 0, xP);
  testing::setLaneValue(x, 1, xQ);
  crt_pair::scalar::montgomeryMultiply(key.moduli, x, x, key.rSquared);
  const std::vector<uint32_t> expP = testing::toWords(eP, crt_pair::kMaxExponentWords);
  const std::vector<uint32_t> expQ = testing::toWords(eQ, crt_pair::kMaxExponentWords);
  crt_pair::scalar::power(key.moduli, r, x, expP.data(), expQ.data(), bits);
  rsa2048::leaveMontgomery(key, r, r);
  EXPECT_TRUE(testing::laneValue(r, 0) == testing::powMod(xP, eP, moduli.p));
  EXPECT_TRUE(testing::laneValue(r, 1) == testing::powMod(xQ, eQ, moduli.q));
}

TEST(CrtPairKernel, PowerMatchesMbedTls) {
  TestRandom random(11);
  const Mpi exponentBound = testing::powerOfTwo(1057);
  for (const ModulusPair& moduli : modulusPairs()) {
    SCOPED_TRACE(moduli.name);
    const rsa2048::CrtKey key = crtKeyFor(moduli);
    for (int i = 0; i < 12; ++i) {
      checkPower(key, moduli, random.below(moduli.p), random.below(moduli.q),
                 random.below(exponentBound), random.below(exponentBound), 1057);
    }
    // Edge bases and exponents: 0, 1, m - 1; exponents 0, 1, 2, 31, 32 (one window).
    for (const int64_t e : {0, 1, 2, 31, 32}) {
      checkPower(key, moduli, Mpi(0), minus(moduli.q, 1), Mpi(e), Mpi(e), 1057);
      checkPower(key, moduli, minus(moduli.p, 1), Mpi(1), Mpi(e), Mpi(e + 1), 10);
    }
    checkPower(key, moduli, minus(moduli.p, 1), minus(moduli.q, 1), minus(moduli.p, 1),
               minus(moduli.q, 2), 1024);
  }
}

TEST(CrtPairKernel, TableSelectReadsTheEntryOfEachLane) {
  Pair table[crt_pair::kTableSize];
  for (int k = 0; k < crt_pair::kTableSize; ++k) {
    for (int i = 0; i < crt_pair::kLanes * crt_pair::kPaddedLimbs; ++i) {
      table[k].limb[i] = static_cast<uint32_t>(k * 1000 + i);
    }
  }
  for (uint32_t p = 0; p < crt_pair::kTableSize; ++p) {
    for (uint32_t q = 0; q < crt_pair::kTableSize; ++q) {
      Pair r;
      crt_pair::scalar::tableSelect(r, table, p, q);
      for (int i = 0; i < crt_pair::kLanes * crt_pair::kPaddedLimbs; ++i) {
        ASSERT_EQ(r.limb[i], table[i % 2 == 0 ? p : q].limb[i]) << p << " " << q << " " << i;
      }
    }
  }
}

// The whole CRT round trip for a real key: split x mod N into the pair, leave
// Montgomery form, recombine.
TEST(Rsa2048Arithmetic, SplitAndRecombineRoundTrip) {
  const ModulusPair primes = fixturePrimes("rsa2048-pkcs1.pem");
  Mpi n, qInverse;
  Mpi::check(mbedtls_mpi_mul_mpi(n.get(), primes.p.get(), primes.q.get()));
  Mpi::check(mbedtls_mpi_inv_mod(qInverse.get(), primes.q.get(), primes.p.get()));
  const std::vector<uint32_t> p = testing::toWords(primes.p, 32), q = testing::toWords(primes.q, 32),
                              qi = testing::toWords(qInverse, 32);
  rsa2048::CrtKey key;
  rsa2048::setUpCrtKey(key, p.data(), q.data(), qi.data());
  TestRandom random(13);
  std::vector<Mpi> values = {Mpi(0), Mpi(1), minus(n, 1), primes.p, primes.q};
  for (int i = 0; i < 2000; ++i) values.push_back(random.below(n));
  for (const Mpi& x : values) {
    const std::vector<uint32_t> words = testing::toWords(x, rsa2048::kWords);
    rsa2048::Wide wide;
    rsa2048::toWide(wide, words.data());
    Pair halves;
    rsa2048::splitToMontgomery(key, halves, wide);
    ASSERT_TRUE(testing::laneValue(halves, 0) < times(primes.p, 2));
    rsa2048::leaveMontgomery(key, halves, halves);
    Mpi xp, xq;
    Mpi::check(mbedtls_mpi_mod_mpi(xp.get(), x.get(), primes.p.get()));
    Mpi::check(mbedtls_mpi_mod_mpi(xq.get(), x.get(), primes.q.get()));
    ASSERT_TRUE(testing::laneValue(halves, 0) == xp);
    ASSERT_TRUE(testing::laneValue(halves, 1) == xq);
    rsa2048::Wide back;
    rsa2048::recombine(key, back, halves);
    ASSERT_TRUE(testing::wideValue(back) == x);
  }
}

TEST(Rsa2048Arithmetic, ModNMultiplyAndPublicPowerMatchMbedTls) {
  TestRandom random(17);
  std::vector<Mpi> moduli = {minus(testing::powerOfTwo(2048), 1), random.oddOfBits(2048)};
  const ModulusPair primes = fixturePrimes("rsa2048-pkcs1.pem");
  Mpi n;
  Mpi::check(mbedtls_mpi_mul_mpi(n.get(), primes.p.get(), primes.q.get()));
  moduli.push_back(n);
  const Mpi rN = testing::powerOfTwo(radix28::kLimbBits * rsa2048::kLimbs);
  for (const Mpi& modulus : moduli) {
    for (const uint32_t e : {3u, 65537u}) {
      rsa2048::PublicKey key;
      const std::vector<uint32_t> words = testing::toWords(modulus, rsa2048::kWords);
      rsa2048::setUpPublicKey(key, words.data(), e);
      std::vector<Mpi> values = {Mpi(0), Mpi(1), minus(modulus, 1)};
      for (int i = 0; i < 1000; ++i) values.push_back(random.below(modulus));
      for (size_t i = 0; i + 1 < values.size(); ++i) {
        rsa2048::Wide a, b, r;
        rsa2048::toWide(a, testing::toWords(values[i], rsa2048::kWords).data());
        rsa2048::toWide(b, testing::toWords(values[i + 1], rsa2048::kWords).data());
        rsa2048::multiplyMontgomery(key, r, a, b);
        const Mpi product = testing::wideValue(r);
        ASSERT_TRUE(product < modulus);
        ASSERT_TRUE(testing::mulMod(product, rN, modulus) == testing::mulMod(values[i], values[i + 1], modulus));
        if (i % 20 == 0) {
          rsa2048::powerPublic(key, r, a);
          ASSERT_TRUE(testing::wideValue(r) == testing::powMod(values[i], Mpi(e), modulus));
        }
      }
    }
  }
}

}  // namespace
}  // namespace cfsigner
