// The whole ECDSA P-256 sign path (mbedtls_pk_sign -> mbedtls_ecdsa_write_signature
// -> the fiat-crypto signer, DER writing) with the private scalar and every nonce
// candidate marked undefined. Run under Valgrind memcheck (tests/ct/CMakeLists.txt):
// a branch or a memory index that depends on either is reported as a use of
// uninitialised memory, and the test fails.
#include <valgrind/memcheck.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>

#include "pk_context.h"
#include "random.h"

namespace {

// The DRBG the core signs with, its output (the nonce candidates) marked secret.
int secretRandom(void* generator, unsigned char* output, size_t length) {
  const int rc = cfsigner::RandomGenerator::generate(generator, output, length);
  VALGRIND_MAKE_MEM_UNDEFINED(output, length);
  return rc;
}

mbedtls_mpi& privateScalar(cfsigner::PkContext& key) {
  return mbedtls_pk_ec(*key.get())->MBEDTLS_PRIVATE(d);
}

void markScalar(cfsigner::PkContext& key, bool secret) {
  mbedtls_mpi& d = privateScalar(key);
  const size_t bytes = d.MBEDTLS_PRIVATE(n) * sizeof(mbedtls_mpi_uint);
  if (secret) {
    VALGRIND_MAKE_MEM_UNDEFINED(d.MBEDTLS_PRIVATE(p), bytes);
  } else {
    VALGRIND_MAKE_MEM_DEFINED(d.MBEDTLS_PRIVATE(p), bytes);
  }
}

std::string readFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

int main() {
  const std::string pem = readFile(std::string(FIXTURES_DIR) + "/keys/ec-p256-pkcs8.pem");
  cfsigner::PkContext key;
  if (mbedtls_pk_parse_key(key.get(), reinterpret_cast<const unsigned char*>(pem.c_str()), pem.size() + 1,
                           nullptr, 0, cfsigner::RandomGenerator::generate, &cfsigner::sharedRandom()) != 0) {
    std::fprintf(stderr, "cannot parse the test key\n");
    return 2;
  }
  int failures = 0;
  for (int i = 0; i < 16; ++i) {
    const mbedtls_md_type_t md = i % 2 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA1;
    const size_t hashLength = i % 2 ? 32 : 20;
    std::array<unsigned char, 32> hash{};
    hash[0] = static_cast<unsigned char>(i);
    std::array<unsigned char, MBEDTLS_PK_SIGNATURE_MAX_SIZE> signature{};
    size_t length = 0;

    markScalar(key, true);
    const int rc = mbedtls_pk_sign(key.get(), md, hash.data(), hashLength, signature.data(), signature.size(),
                                   &length, secretRandom, &cfsigner::sharedRandom());
    markScalar(key, false);
    // The check must sign for real: every signature verifies.
    if (rc != 0 || mbedtls_pk_verify(key.get(), md, hash.data(), hashLength, signature.data(), length) != 0) {
      std::fprintf(stderr, "signature %d: sign returned %d, or it does not verify\n", i, rc);
      ++failures;
    }
  }
  std::printf("16 ECDSA P-256 signatures with a secret key and secret nonces: %d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
