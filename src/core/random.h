// The DRBG behind RSA blinding, ECDSA nonces and key generation.
#pragma once

#include <cstddef>

#include <mbedtls/ctr_drbg.h>

namespace cfsigner {

// A CTR_DRBG seeded from the platform CSPRNG on first use, not at construction:
// Cloudflare Workers refuse to generate random values at global scope, and
// loading the module happens there.
class RandomGenerator {
 public:
  RandomGenerator();
  ~RandomGenerator();
  RandomGenerator(const RandomGenerator&) = delete;
  RandomGenerator& operator=(const RandomGenerator&) = delete;

  // Mbed TLS's f_rng signature; `self` is a RandomGenerator*.
  static int generate(void* self, unsigned char* output, size_t length);

 private:
  int ensureSeeded();
  mbedtls_ctr_drbg_context drbg_;
  bool seeded_ = false;
};

// The process-wide generator the core signs with.
RandomGenerator& sharedRandom();

}  // namespace cfsigner
