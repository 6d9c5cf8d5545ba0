// ECDSA P-256 signing (src/core/p256/ecdsa_sign.cpp): exact r and s for a known
// nonce, computed independently with Mbed TLS; every signature verified by Mbed
// TLS's own mbedtls_ecdsa_verify; edge keys; the nonce's rejection sampling and
// the generator's failures.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <mbedtls/ecdsa.h>

#include "ecdsa_sign.h"
#include "p256_reference.h"

namespace cfsigner::p256 {
namespace {

using testing::Group;
using testing::Mpi;
using testing::Operands;
using testing::Point;
using testing::fromHex;

// Hands out prepared 32-byte nonce candidates, then fails.
struct ScriptedRandom {
  std::vector<std::array<uint8_t, 32>> candidates;
  size_t next = 0;
  static int generate(void* self, unsigned char* out, size_t length) {
    auto* script = static_cast<ScriptedRandom*>(self);
    if (length != 32 || script->next == script->candidates.size()) return -0x0034;
    std::memcpy(out, script->candidates[script->next++].data(), 32);
    return 0;
  }
};

std::array<uint8_t, 32> bytesOf(const Uint256& value) {
  std::array<uint8_t, 32> bytes;
  toBigEndian(bytes.data(), value);
  return bytes;
}

// A deterministic stand-in for the DRBG (the tests need reproducible nonces).
int counterRandom(void* self, unsigned char* out, size_t length) {
  auto* random = static_cast<Operands*>(self);
  if (length != 32) return -1;
  const std::array<uint8_t, 32> bytes = bytesOf(random->below(kOrder));
  std::memcpy(out, bytes.data(), 32);
  return 0;
}

// Q = d G and Mbed TLS's verdict on (r, s).
bool mbedTlsVerifies(Group& group, const Uint256& d, const uint8_t* hash, size_t hashLength,
                     const EcdsaSignature& signature) {
  Mpi scalar(d), r, s;
  Point q;
  testing::referenceMul(group.get(), q.get(), scalar.get(), &group.get()->G);
  Mpi::check(mbedtls_mpi_read_binary(r.get(), signature.r, 32));
  Mpi::check(mbedtls_mpi_read_binary(s.get(), signature.s, 32));
  return mbedtls_ecdsa_verify(group.get(), hash, hashLength, q.get(), r.get(), s.get()) == 0;
}

// s = k^-1 (e + r d) mod n and r = x(kG) mod n, with Mbed TLS's bignum and ECP code.
EcdsaSignature referenceSignature(Group& group, const Uint256& d, const Uint256& k, const Uint256& e) {
  Mpi scalar(k), key(d), hash(e), r, s, kInverse, sum;
  Point kg;
  const mbedtls_mpi* n = &group.get()->N;
  testing::referenceMul(group.get(), kg.get(), scalar.get(), &group.get()->G);
  r.set(kg.x());
  Mpi::check(mbedtls_mpi_mod_mpi(r.get(), r.get(), n));
  Mpi::check(mbedtls_mpi_mul_mpi(sum.get(), r.get(), key.get()));
  Mpi::check(mbedtls_mpi_add_mpi(sum.get(), sum.get(), hash.get()));
  Mpi::check(mbedtls_mpi_inv_mod(kInverse.get(), scalar.get(), n));
  Mpi::check(mbedtls_mpi_mul_mpi(s.get(), kInverse.get(), sum.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(s.get(), s.get(), n));
  EcdsaSignature out;
  Mpi::check(mbedtls_mpi_write_binary(r.get(), out.r, 32));
  Mpi::check(mbedtls_mpi_write_binary(s.get(), out.s, 32));
  return out;
}

std::vector<Uint256> edgeKeys() {
  return {Uint256{{1}}, Uint256{{2}}, Uint256{{3}},
          fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550"),   // n - 1
          fromHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f"),   // n - 2
          fromHex("8000000000000000000000000000000000000000000000000000000000000000")};  // 2^255
}

class P256Sign : public ::testing::Test {
 protected:
  Group group_;
};

TEST_F(P256Sign, KnownNonceGivesExactlyTheReferenceSignature) {
  Operands random(8);
  for (int i = 0; i < 100; ++i) {
    const Uint256 d = random.below(kOrder), k = random.below(kOrder);
    const Uint256 e = random.below(kOrder);
    uint8_t hash[32];
    toBigEndian(hash, e);
    ScriptedRandom script{{bytesOf(k)}};
    EcdsaSignature got;
    const std::array<uint8_t, 32> key = bytesOf(d);
    ASSERT_EQ(signP256(got, key.data(), hash, sizeof hash, ScriptedRandom::generate, &script), 0);
    const EcdsaSignature expected = referenceSignature(group_, d, k, e);
    EXPECT_EQ(0, std::memcmp(got.r, expected.r, 32)) << i;
    EXPECT_EQ(0, std::memcmp(got.s, expected.s, 32)) << i;
  }
}

TEST_F(P256Sign, EdgeKeysAndRandomKeysVerifyWithMbedTls) {
  Operands random(9);
  std::vector<Uint256> keys = edgeKeys();
  for (int i = 0; i < 20; ++i) keys.push_back(random.below(kOrder));
  std::set<std::string> rs;
  int signatures = 0;
  for (const Uint256& d : keys) {
    const std::array<uint8_t, 32> key = bytesOf(d);
    for (int i = 0; i < 10; ++i) {
      // SHA-1 (20 bytes), SHA-256 (32) and a longer hash (only its first 32 bytes count).
      uint8_t hash[48];
      for (uint8_t& byte : hash) byte = static_cast<uint8_t>(random.below(kOrder).limb[0]);
      const size_t hashLength = i % 3 == 0 ? 20 : i % 3 == 1 ? 32 : 48;
      EcdsaSignature signature;
      ASSERT_EQ(signP256(signature, key.data(), hash, hashLength, counterRandom, &random), 0);
      EXPECT_TRUE(mbedTlsVerifies(group_, d, hash, hashLength, signature));
      rs.insert(std::string(reinterpret_cast<const char*>(signature.r), 32));
      ++signatures;
    }
  }
  EXPECT_EQ(rs.size(), static_cast<size_t>(signatures));  // no nonce reused
}

TEST_F(P256Sign, HashAtOrAboveTheOrderIsReducedModN) {
  const Uint256 d = fromHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  uint8_t hash[32];
  std::memset(hash, 0xff, sizeof hash);  // e = 2^256 - 1 > n
  Operands random(10);
  EcdsaSignature signature;
  const std::array<uint8_t, 32> key = bytesOf(d);
  ASSERT_EQ(signP256(signature, key.data(), hash, sizeof hash, counterRandom, &random), 0);
  EXPECT_TRUE(mbedTlsVerifies(group_, d, hash, sizeof hash, signature));
}

TEST_F(P256Sign, NonceCandidatesOutsideOneToNMinusOneAreRejected) {
  const Uint256 d = fromHex("1234");
  const Uint256 k = fromHex("5678");
  uint8_t hash[32] = {1};
  std::array<uint8_t, 32> allOnes;
  allOnes.fill(0xff);
  // 0, n, 2^256 - 1, then a valid nonce: the signature uses the valid one.
  ScriptedRandom script{{bytesOf(Uint256{{0}}), bytesOf(kOrder), allOnes, bytesOf(k)}};
  EcdsaSignature got;
  const std::array<uint8_t, 32> key = bytesOf(d);
  ASSERT_EQ(signP256(got, key.data(), hash, sizeof hash, ScriptedRandom::generate, &script), 0);
  EXPECT_EQ(script.next, 4u);
  const EcdsaSignature expected = referenceSignature(group_, d, k, fromBigEndian(hash));
  EXPECT_EQ(0, std::memcmp(got.r, expected.r, 32));
  EXPECT_EQ(0, std::memcmp(got.s, expected.s, 32));
}

TEST_F(P256Sign, GeneratorThatNeverGivesAValidNonceFailsAfterThirtyTries) {
  ScriptedRandom script;
  script.candidates.assign(40, bytesOf(kOrder));
  EcdsaSignature got;
  const std::array<uint8_t, 32> key = bytesOf(fromHex("1234"));
  uint8_t hash[32] = {};
  EXPECT_EQ(signP256(got, key.data(), hash, sizeof hash, ScriptedRandom::generate, &script),
            MBEDTLS_ERR_ECP_RANDOM_FAILED);
  EXPECT_EQ(script.next, 30u);
}

TEST_F(P256Sign, GeneratorErrorsAndInvalidKeysAreReported) {
  ScriptedRandom empty;  // fails at once with its own code
  EcdsaSignature got;
  uint8_t hash[32] = {};
  std::array<uint8_t, 32> key = bytesOf(fromHex("1234"));
  EXPECT_EQ(signP256(got, key.data(), hash, sizeof hash, ScriptedRandom::generate, &empty), -0x0034);
  for (const Uint256& bad : {Uint256{{0}}, kOrder}) {
    key = bytesOf(bad);
    EXPECT_EQ(signP256(got, key.data(), hash, sizeof hash, ScriptedRandom::generate, &empty),
              MBEDTLS_ERR_ECP_INVALID_KEY);
  }
}

// Through Mbed TLS's own entry point, as mbedtls_pk_sign reaches it.
TEST_F(P256Sign, MbedTlsEcdsaSignIsTheFiatPath) {
  Operands random(11);
  const Uint256 d = fromHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
  const Uint256 k = fromHex("a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60");
  uint8_t hash[32] = {0xaf, 0x2b};
  Mpi key(d), r, s;
  ScriptedRandom script{{bytesOf(k)}};
  ASSERT_EQ(mbedtls_ecdsa_sign(group_.get(), r.get(), s.get(), key.get(), hash, sizeof hash,
                               ScriptedRandom::generate, &script),
            0);
  const EcdsaSignature expected = referenceSignature(group_, d, k, fromBigEndian(hash));
  EXPECT_EQ(r.limbs(), fromBigEndian(expected.r));
  EXPECT_EQ(s.limbs(), fromBigEndian(expected.s));
  EXPECT_EQ(mbedtls_ecdsa_sign(group_.get(), r.get(), s.get(), key.get(), hash, sizeof hash, nullptr, nullptr),
            MBEDTLS_ERR_ECP_BAD_INPUT_DATA);
}

}  // namespace
}  // namespace cfsigner::p256
