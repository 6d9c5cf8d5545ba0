#include "random.h"

#include "entropy.h"

namespace cfsigner {

namespace {
constexpr unsigned char kPersonalization[] = "cloudfront-signer-wasm";
}

RandomGenerator::RandomGenerator() { mbedtls_ctr_drbg_init(&drbg_); }

RandomGenerator::~RandomGenerator() { mbedtls_ctr_drbg_free(&drbg_); }

int RandomGenerator::ensureSeeded() {
  if (seeded_) return 0;
  const int rc = mbedtls_ctr_drbg_seed(&drbg_, readPlatformEntropy, nullptr, kPersonalization,
                                       sizeof(kPersonalization) - 1);
  if (rc == 0) {
    // Pull fresh entropy every 10,000 requests, Mbed TLS's default interval.
    mbedtls_ctr_drbg_set_prediction_resistance(&drbg_, MBEDTLS_CTR_DRBG_PR_OFF);
    seeded_ = true;
  }
  return rc;
}

int RandomGenerator::generate(void* self, unsigned char* output, size_t length) {
  auto* generator = static_cast<RandomGenerator*>(self);
  if (const int rc = generator->ensureSeeded(); rc != 0) return rc;
  return mbedtls_ctr_drbg_random(&generator->drbg_, output, length);
}

RandomGenerator& sharedRandom() {
  static RandomGenerator generator;
  return generator;
}

}  // namespace cfsigner
