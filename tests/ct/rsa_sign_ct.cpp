// The whole RSA-2048 fast signing path under Valgrind memcheck: the key values the
// precomputation exports from Mbed TLS and every random draw (blinding values,
// exponent blinding) are marked secret where they enter (src/core/constant_time.h),
// so the precomputation, blinding, both CRT exponentiations, the recombination and
// the s^e check must neither branch on nor index memory with them. Only the
// signature and the check's verdict are declassified.
//
// The signatures must also be right: each one equals Mbed TLS's own (whose key
// copy is not marked).
#include <cstdio>
#include <string>

#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>

#include "keys.h"
#include "random.h"
#include "test_keys.h"

namespace {

using cfsigner::HashAlgorithm;

std::string mbedTlsSignature(const std::string& pem, HashAlgorithm algorithm, const std::string& message) {
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  std::string signature;
  const mbedtls_md_type_t md = algorithm == HashAlgorithm::Sha256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_SHA1;
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md);
  unsigned char hash[32];
  unsigned char bytes[256];
  if (mbedtls_pk_parse_key(&pk, reinterpret_cast<const unsigned char*>(pem.c_str()), pem.size() + 1,
                           nullptr, 0, cfsigner::RandomGenerator::generate, &cfsigner::sharedRandom()) == 0 &&
      mbedtls_md(info, reinterpret_cast<const unsigned char*>(message.data()), message.size(), hash) == 0 &&
      mbedtls_rsa_pkcs1_sign(mbedtls_pk_rsa(pk), cfsigner::RandomGenerator::generate,
                             &cfsigner::sharedRandom(), md, mbedtls_md_get_size(info), hash, bytes) == 0) {
    signature.assign(reinterpret_cast<const char*>(bytes), sizeof(bytes));
  }
  mbedtls_pk_free(&pk);
  return signature;
}

}  // namespace

int main() {
  const std::string pem = readFixture("rsa2048-pkcs1.pem");
  cfsigner::Result<cfsigner::PrivateKey> key =
      cfsigner::PrivateKey::load(cfsigner::SecureBytes(pem), std::nullopt);
  if (!key || !key.value().hasFastRsa()) {
    std::fprintf(stderr, "the fixture key did not take the fast path\n");
    return 2;
  }
  int wrong = 0;
  int signatures = 0;
  for (const HashAlgorithm algorithm : {HashAlgorithm::Sha1, HashAlgorithm::Sha256}) {
    for (int i = 0; i < 3; ++i) {
      const std::string message = "{\"Statement\":[{\"Resource\":\"https://d1.example/" + std::to_string(i) + "\"}]}";
      cfsigner::Result<std::string> signature = key.value().sign(algorithm, message);
      ++signatures;
      if (!signature || signature.value() != mbedTlsSignature(pem, algorithm, message)) ++wrong;
    }
  }
  std::printf("%d RSA-2048 signatures through the fast path, %d wrong\n", signatures, wrong);
  return wrong == 0 ? 0 : 1;
}
