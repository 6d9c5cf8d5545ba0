// The fast signing path for RSA-2048 keys made of two 1024-bit primes (every key
// CloudFront users generate with OpenSSL, node:crypto, Mbed TLS or AWS tools).
// Mbed TLS parses the key; its CRT values are exported once into a precomputed
// context, and each signature is computed by the CRT pair kernel (src/kernel/):
//   EMSA-PKCS1-v1_5 encoding of the digest,
//   base blinding (m * Vf^-e mod N, unblinded with Vf; the pair is squared after
//     every signature, as Mbed TLS does),
//   exponent blinding (d_p + k_p (p - 1), d_q + k_q (q - 1) with random 32-bit k),
//   both CRT halves in lockstep, Garner recombination,
//   and s^e mod N == m before the signature leaves.
// Other keys have no RsaCrtKey and are signed by Mbed TLS.
#pragma once

#include <memory>
#include <string>

#include <mbedtls/rsa.h>

#include "errors.h"
#include "hash_algorithm.h"
#include "random.h"

namespace cfsigner {

class RsaCrtKey {
 public:
  // The precomputed context, or nullptr when the key's shape is not covered.
  static Result<std::unique_ptr<RsaCrtKey>> create(const mbedtls_rsa_context& rsa,
                                                   RandomGenerator& random);
  ~RsaCrtKey();  // zeroizes every value derived from the key
  RsaCrtKey(const RsaCrtKey&) = delete;
  RsaCrtKey& operator=(const RsaCrtKey&) = delete;

  // The 256-byte PKCS#1 v1.5 signature of `digest` (20 bytes for SHA-1, 32 for
  // SHA-256). Advances the blinding values, so it is not const.
  Result<std::string> sign(HashAlgorithm algorithm, const unsigned char* digest,
                           RandomGenerator& random);

 private:
  struct State;
  explicit RsaCrtKey(std::unique_ptr<State> state);
  Status setUpBlinding(RandomGenerator& random);
  std::unique_ptr<State> state_;
};

}  // namespace cfsigner
