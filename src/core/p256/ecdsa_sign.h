// ECDSA signing on P-256 with the fiat-crypto arithmetic (SEC1 4.1.3).
#pragma once

#include <cstddef>
#include <cstdint>

namespace cfsigner::p256 {

// Mbed TLS's f_rng shape: fills `output`, returns 0 or an error code.
using RandomFunction = int (*)(void* context, unsigned char* output, size_t length);

struct EcdsaSignature {
  uint8_t r[32];
  uint8_t s[32];
};

// Signs `hash` (its leftmost 256 bits) with the private scalar `privateKey`
// (32 bytes, big-endian, 0 < d < n). Each signature draws a fresh nonce k from
// `random`, rejection-sampled into [1, n - 1]. Returns 0, the generator's error, or
// MBEDTLS_ERR_ECP_INVALID_KEY / MBEDTLS_ERR_ECP_RANDOM_FAILED.
// Constant time in the key and the nonce.
int signP256(EcdsaSignature& out, const uint8_t privateKey[32], const uint8_t* hash,
             size_t hashLength, RandomFunction random, void* randomContext);

}  // namespace cfsigner::p256
