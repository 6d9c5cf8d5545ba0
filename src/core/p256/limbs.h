// 256-bit unsigned integers as eight little-endian 32-bit limbs, with the few
// constant-time helpers the P-256 code needs around fiat-crypto's arithmetic:
// byte conversion, comparison and masked selection. No branch and no memory
// index here depends on a value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cfsigner::p256 {

struct Uint256 {
  uint32_t limb[8];
};

// All-ones when `bit` is 1, zero when it is 0.
inline uint32_t maskFromBit(uint32_t bit) { return 0u - bit; }

// All-ones when `word` is 0.
inline uint32_t isZeroMask(uint32_t word) {
  return maskFromBit((~word & (word - 1)) >> 31);
}

inline Uint256 fromBigEndian(const uint8_t bytes[32]) {
  Uint256 value;
  for (size_t i = 0; i < 8; ++i) {
    const uint8_t* word = bytes + 28 - 4 * i;
    value.limb[i] = static_cast<uint32_t>(word[0]) << 24 | static_cast<uint32_t>(word[1]) << 16 |
                    static_cast<uint32_t>(word[2]) << 8 | word[3];
  }
  return value;
}

inline void toBigEndian(uint8_t bytes[32], const Uint256& value) {
  for (size_t i = 0; i < 8; ++i) {
    uint8_t* word = bytes + 28 - 4 * i;
    word[0] = static_cast<uint8_t>(value.limb[i] >> 24);
    word[1] = static_cast<uint8_t>(value.limb[i] >> 16);
    word[2] = static_cast<uint8_t>(value.limb[i] >> 8);
    word[3] = static_cast<uint8_t>(value.limb[i]);
  }
}

// out = a - b mod 2^256; returns 1 when a < b (the borrow out of the top limb).
inline uint32_t subtract(Uint256& out, const Uint256& a, const Uint256& b) {
  uint32_t borrow = 0;
  for (size_t i = 0; i < 8; ++i) {
    const uint64_t difference = static_cast<uint64_t>(a.limb[i]) - b.limb[i] - borrow;
    out.limb[i] = static_cast<uint32_t>(difference);
    borrow = static_cast<uint32_t>(difference >> 32) & 1;
  }
  return borrow;
}

// All-ones when a == 0.
inline uint32_t isZeroMask(const Uint256& a) {
  uint32_t any = 0;
  for (const uint32_t word : a.limb) any |= word;
  return isZeroMask(any);
}

// out = a where mask is all-ones, b where it is zero.
inline void select(Uint256& out, uint32_t mask, const Uint256& a, const Uint256& b) {
  for (size_t i = 0; i < 8; ++i) out.limb[i] = (a.limb[i] & mask) | (b.limb[i] & ~mask);
}

// a mod m for a < 2m: one conditional subtraction, by mask.
inline Uint256 reduceOnce(const Uint256& a, const Uint256& m) {
  Uint256 difference;
  const uint32_t below = subtract(difference, a, m);
  Uint256 out;
  select(out, maskFromBit(below), a, difference);
  return out;
}

// The group order n of P-256 and the field prime p.
constexpr Uint256 kOrder = {{0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff,
                             0xffffffff, 0x00000000, 0xffffffff}};
constexpr Uint256 kPrime = {{0xffffffff, 0xffffffff, 0xffffffff, 0x00000000, 0x00000000,
                             0x00000000, 0x00000001, 0xffffffff}};

// All-ones when 0 < a < n: a valid private key or nonce.
inline uint32_t isValidScalarMask(const Uint256& a) {
  Uint256 unused;
  return maskFromBit(subtract(unused, a, kOrder)) & ~isZeroMask(a);
}

}  // namespace cfsigner::p256
