// EMSA-PKCS1-v1_5 encoding (RFC 8017, section 9.2) of a SHA-1 or SHA-256 digest
// for a 2048-bit modulus: 00 01 FF..FF 00 DigestInfo.
#pragma once

#include <array>
#include <cstddef>

#include "hash_algorithm.h"

namespace cfsigner {

constexpr size_t kRsa2048Bytes = 256;

// `digest` holds the digest of `algorithm` (20 or 32 bytes).
std::array<unsigned char, kRsa2048Bytes> encodeEmsaPkcs1(HashAlgorithm algorithm,
                                                         const unsigned char* digest);

}  // namespace cfsigner
