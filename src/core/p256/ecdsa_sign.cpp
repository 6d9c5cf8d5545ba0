#include "ecdsa_sign.h"

#include <algorithm>
#include <cstring>

#include <mbedtls/ecp.h>
#include <mbedtls/platform_util.h>

#include "base_multiply.h"
#include "constant_time.h"
#include "limbs.h"
#include "modular_inverse.h"
#include "scalar.h"

namespace cfsigner::p256 {

namespace {

// Nonce candidates before giving up: each is rejected with probability below 2^-32,
// so reaching this means the generator is broken.
constexpr int kMaxAttempts = 30;

// Wipes a secret local when it goes out of scope, on every return path.
template <typename T>
class Wiped {
 public:
  Wiped() = default;
  Wiped(const Wiped&) = delete;
  Wiped& operator=(const Wiped&) = delete;
  ~Wiped() { mbedtls_platform_zeroize(&value, sizeof value); }
  T value{};
};

// The hash's leftmost 256 bits as an integer mod n (SEC1 4.1.3 step 5).
Uint256 hashToScalar(const uint8_t* hash, size_t hashLength) {
  uint8_t bytes[32] = {};
  const size_t used = std::min<size_t>(hashLength, 32);
  std::memcpy(bytes + 32 - used, hash, used);
  return reduceOnce(fromBigEndian(bytes), kOrder);
}

bool isPublicZero(const Uint256& value) {
  uint32_t zero = isZeroMask(value);
  declassify(&zero, sizeof zero);
  return zero != 0;
}

}  // namespace

int signP256(EcdsaSignature& out, const uint8_t privateKey[32], const uint8_t* hash,
             size_t hashLength, RandomFunction random, void* randomContext) {
  Wiped<Uint256> d;
  d.value = fromBigEndian(privateKey);
  // Whether a key is valid is public (Mbed TLS checked it when parsing).
  uint32_t validKey = isValidScalarMask(d.value);
  declassify(&validKey, sizeof validKey);
  if (!validKey) return MBEDTLS_ERR_ECP_INVALID_KEY;
  Wiped<Uint256> dMontgomery;
  dMontgomery.value = scalarToMontgomery(d.value);
  const Uint256 e = hashToScalar(hash, hashLength);

  Wiped<uint8_t[32]> nonceBytes;
  Wiped<Uint256> k;
  Wiped<Uint256> kInverse;
  Wiped<Uint256> sum;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (const int rc = random(randomContext, nonceBytes.value, sizeof nonceBytes.value); rc != 0) {
      return rc;
    }
    k.value = fromBigEndian(nonceBytes.value);
    // Rejection sampling: only "this candidate was out of range" becomes public,
    // and that candidate is thrown away.
    uint32_t inRange = isValidScalarMask(k.value);
    declassify(&inRange, sizeof inRange);
    if (!inRange) continue;

    // r = x(kG) mod n; x < p < 2n.
    Uint256 r = reduceOnce(baseMultiplyX(k.value), kOrder);
    declassify(&r, sizeof r);  // r is part of the signature
    if (isPublicZero(r)) continue;

    // s = k^-1 (e + r d) mod n.
    kInverse.value = invertScalar(k.value);
    sum.value = scalarAdd(e, montgomeryMul(dMontgomery.value, r));
    Uint256 s = montgomeryMul(scalarToMontgomery(kInverse.value), sum.value);
    declassify(&s, sizeof s);  // so is s
    if (isPublicZero(s)) continue;

    toBigEndian(out.r, r);
    toBigEndian(out.s, s);
    return 0;
  }
  return MBEDTLS_ERR_ECP_RANDOM_FAILED;
}

}  // namespace cfsigner::p256
