// RSA-2048 signatures from the CRT kernel fast path are byte-identical to Mbed
// TLS's own private operation, for SHA-1 and SHA-256, for keys from OpenSSL
// (fixtures) and from Mbed TLS (e = 3 and e = 65537); keys whose primes are not
// both 1024 bits, or whose e is wider than 32 bits, are signed by Mbed TLS.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "keys.h"
#include "mpi_reference.h"
#include "random.h"
#include "test_keys.h"

namespace cfsigner {
namespace {

using testing::Mpi;

// A PEM private key written by Mbed TLS from an RSA context it filled in.
std::string writePem(mbedtls_pk_context& pk) {
  std::vector<unsigned char> pem(16000);
  Mpi::check(mbedtls_pk_write_key_pem(&pk, pem.data(), pem.size()));
  return std::string(reinterpret_cast<const char*>(pem.data()));
}

std::string generatedKey(int exponent) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  Mpi::check(mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA)));
  Mpi::check(mbedtls_rsa_gen_key(mbedtls_pk_rsa(pk), RandomGenerator::generate, &sharedRandom(),
                                 2048, exponent));
  std::string pem = writePem(pk);
  mbedtls_pk_free(&pk);
  return pem;
}

// A 2048-bit key of primes with the given sizes (CloudFront takes any 2048-bit key).
std::string keyWithPrimes(int pBits, int qBits, int64_t exponent) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  Mpi::check(mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(MBEDTLS_PK_RSA)));
  Mpi p, q, e(exponent), n;
  // e must be invertible mod (p - 1)(q - 1).
  const auto primeFor = [&e](Mpi& prime, int bits) {
    Mpi gcd, primeMinusOne;
    do {
      Mpi::check(mbedtls_mpi_gen_prime(prime.get(), bits, 0, RandomGenerator::generate, &sharedRandom()));
      Mpi::check(mbedtls_mpi_sub_int(primeMinusOne.get(), prime.get(), 1));
      Mpi::check(mbedtls_mpi_gcd(gcd.get(), e.get(), primeMinusOne.get()));
    } while (mbedtls_mpi_cmp_int(gcd.get(), 1) != 0);
  };
  do {
    primeFor(p, pBits);
    primeFor(q, qBits);
    Mpi::check(mbedtls_mpi_mul_mpi(n.get(), p.get(), q.get()));
  } while (mbedtls_mpi_bitlen(n.get()) != 2048);
  mbedtls_rsa_context* rsa = mbedtls_pk_rsa(pk);
  Mpi::check(mbedtls_rsa_import(rsa, n.get(), p.get(), q.get(), nullptr, e.get()));
  Mpi::check(mbedtls_rsa_complete(rsa));
  std::string pem = writePem(pk);
  mbedtls_pk_free(&pk);
  return pem;
}

PrivateKey load(const std::string& pem) {
  Result<PrivateKey> key = PrivateKey::load(SecureBytes(pem), std::nullopt);
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(key).value();
}

// Mbed TLS's own PKCS#1 v1.5 signature of `message` with the key in `pem`.
std::string mbedTlsSignature(const std::string& pem, HashAlgorithm algorithm, const std::string& message) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  Mpi::check(mbedtls_pk_parse_key(&pk, reinterpret_cast<const unsigned char*>(pem.c_str()), pem.size() + 1,
                                  nullptr, 0, RandomGenerator::generate, &sharedRandom()));
  const mbedtls_md_type_t md = algorithm == HashAlgorithm::Sha256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA1;
  unsigned char hash[32];
  Mpi::check(mbedtls_md(mbedtls_md_info_from_type(md), reinterpret_cast<const unsigned char*>(message.data()),
                        message.size(), hash));
  unsigned char signature[256];
  Mpi::check(mbedtls_rsa_pkcs1_sign(mbedtls_pk_rsa(pk), RandomGenerator::generate, &sharedRandom(), md,
                                    mbedtls_md_get_size(mbedtls_md_info_from_type(md)), hash, signature));
  mbedtls_pk_free(&pk);
  return std::string(reinterpret_cast<const char*>(signature), sizeof(signature));
}

void expectSignaturesMatchMbedTls(const std::string& pem, int messages) {
  const PrivateKey key = load(pem);
  for (const HashAlgorithm algorithm : {HashAlgorithm::Sha1, HashAlgorithm::Sha256}) {
    for (int i = 0; i < messages; ++i) {
      const std::string message = "{\"Statement\":[{\"Resource\":\"https://d1.example/" +
                                  std::to_string(i) + "\"}]}";
      Result<std::string> signature = key.sign(algorithm, message);
      ASSERT_TRUE(signature.ok()) << signature.error().message;
      ASSERT_EQ(signature.value(), mbedTlsSignature(pem, algorithm, message))
          << hashAlgorithmName(algorithm) << " message " << i;
    }
  }
}

TEST(RsaFastPath, OpenSslFixtureKeysMatchMbedTls) {
  for (const char* file : {"rsa2048-pkcs1.pem", "rsa2048-pkcs8.pem", "rsa2048-pkcs1.der"}) {
    SCOPED_TRACE(file);
    const std::string pem = readFixture(file);
    EXPECT_TRUE(load(pem).hasFastRsa());
    if (std::string(file).find(".der") != std::string::npos) continue;  // same key as the PEM
    expectSignaturesMatchMbedTls(pem, 8);
  }
}

TEST(RsaFastPath, MbedTlsKeysWithExponent3And65537MatchMbedTls) {
  for (const int exponent : {3, 65537}) {
    SCOPED_TRACE(exponent);
    const std::string pem = generatedKey(exponent);
    EXPECT_TRUE(load(pem).hasFastRsa());
    expectSignaturesMatchMbedTls(pem, 10);
  }
}

TEST(RsaFastPath, KeysOutsideTheKernelsShapeFallBackToMbedTls) {
  struct Shape {
    int pBits, qBits;
    int64_t exponent;
  };
  // Unbalanced primes (either order), and a public exponent wider than 32 bits.
  for (const Shape shape : {Shape{1000, 1048, 65537}, Shape{1048, 1000, 3}, Shape{1024, 1024, 0x100000001LL}}) {
    SCOPED_TRACE(std::to_string(shape.pBits) + "/" + std::to_string(shape.qBits));
    const std::string pem = keyWithPrimes(shape.pBits, shape.qBits, shape.exponent);
    EXPECT_FALSE(load(pem).hasFastRsa());
    expectSignaturesMatchMbedTls(pem, 3);
  }
  // The same construction with two 1024-bit primes takes the fast path.
  const std::string balanced = keyWithPrimes(1024, 1024, 65537);
  EXPECT_TRUE(load(balanced).hasFastRsa());
  expectSignaturesMatchMbedTls(balanced, 3);
}

TEST(RsaFastPath, ConsecutiveSignaturesStayCorrectAsBlindingAdvances) {
  const std::string pem = readFixture("rsa2048-pkcs1.pem");
  const PrivateKey key = load(pem);
  const std::string expected = mbedTlsSignature(pem, HashAlgorithm::Sha1, "same message");
  for (int i = 0; i < 40; ++i) {
    Result<std::string> signature = key.sign(HashAlgorithm::Sha1, "same message");
    ASSERT_TRUE(signature.ok());
    ASSERT_EQ(signature.value(), expected) << "signature " << i;
  }
}

}  // namespace
}  // namespace cfsigner
