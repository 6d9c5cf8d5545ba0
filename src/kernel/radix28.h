// Big numbers as 28-bit limbs, least significant first, and the scalar Montgomery
// arithmetic on them that the RSA fast path uses. 28-bit limbs leave 8 spare bits
// in a 64-bit accumulator, so a Montgomery multiply adds whole rows of products
// without carries and resolves them once at the end.
//
// An array may hold limbs of one number side by side with another's: limb j of a
// number lives at [j * Stride]. The CRT kernel keeps p's and q's residues
// interleaved (Stride 2), which is also the SIMD form's layout.
//
// Constant time: loops run over public sizes; no branch and no index depends on a
// limb value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cfsigner::radix28 {

constexpr int kLimbBits = 28;
constexpr uint32_t kLimbMask = (1u << kLimbBits) - 1;

// All ones when `a` == `b`, else zero, without a branch.
inline uint32_t equalMask(uint32_t a, uint32_t b) {
  return static_cast<uint32_t>((static_cast<uint64_t>(a ^ b) - 1) >> 32);
}

// -m^-1 mod 2^28 for an odd m, by Newton's iteration (each step doubles the
// correct low bits: 3, 6, 12, 24, 48).
inline uint32_t negativeInverse(uint32_t m0) {
  uint32_t inverse = m0;
  for (int i = 0; i < 4; ++i) inverse *= 2 - m0 * inverse;
  return (0u - inverse) & kLimbMask;
}

// Little-endian 32-bit words -> N limbs (bits past the words read as zero).
template <int N, int Stride = 1>
void fromWords(uint32_t* limbs, const uint32_t* words, int wordCount) {
  for (int i = 0; i < N; ++i) {
    const int bit = kLimbBits * i;
    const int word = bit / 32;
    uint64_t window = 0;
    if (word < wordCount) window = words[word];
    if (word + 1 < wordCount) window |= static_cast<uint64_t>(words[word + 1]) << 32;
    limbs[i * Stride] = static_cast<uint32_t>(window >> (bit % 32)) & kLimbMask;
  }
}

// N limbs -> little-endian 32-bit words (bits past wordCount words are dropped).
template <int N, int Stride = 1>
void toWords(uint32_t* words, int wordCount, const uint32_t* limbs) {
  for (int w = 0; w < wordCount; ++w) words[w] = 0;
  for (int i = 0; i < N; ++i) {
    const int bit = kLimbBits * i;
    const int word = bit / 32;
    const uint64_t shifted = static_cast<uint64_t>(limbs[i * Stride]) << (bit % 32);
    if (word < wordCount) words[word] |= static_cast<uint32_t>(shifted);
    if (word + 1 < wordCount) words[word + 1] |= static_cast<uint32_t>(shifted >> 32);
  }
}

// r = a - b (normalized limbs); returns the borrow out (0 or 1).
template <int N, int Stride = 1>
uint32_t subtract(uint32_t* r, const uint32_t* a, const uint32_t* b) {
  uint32_t borrow = 0;
  for (int i = 0; i < N; ++i) {
    const uint32_t difference = a[i * Stride] - b[i * Stride] - borrow;
    r[i * Stride] = difference & kLimbMask;
    borrow = difference >> 31;
  }
  return borrow;
}

// r = a + b; returns the carry out of the top limb.
template <int N, int Stride = 1>
uint32_t add(uint32_t* r, const uint32_t* a, const uint32_t* b) {
  uint32_t carry = 0;
  for (int i = 0; i < N; ++i) {
    const uint32_t sum = a[i * Stride] + b[i * Stride] + carry;
    r[i * Stride] = sum & kLimbMask;
    carry = sum >> kLimbBits;
  }
  return carry;
}

// r = mask ? a : b, for a mask of all ones or zero.
template <int N, int Stride = 1>
void select(uint32_t* r, const uint32_t* a, const uint32_t* b, uint32_t mask) {
  for (int i = 0; i < N; ++i) r[i * Stride] = (a[i * Stride] & mask) | (b[i * Stride] & ~mask);
}

// r -= m if r >= m: takes r < 2m to r < m.
template <int N, int Stride = 1>
void subtractIfAtLeast(uint32_t* r, const uint32_t* m) {
  uint32_t difference[N * Stride];
  const uint32_t borrow = subtract<N, Stride>(difference, r, m);
  select<N, Stride>(r, r, difference, 0u - borrow);
}

// r = (a - b) mod m for a, b < m.
template <int N, int Stride = 1>
void subtractMod(uint32_t* r, const uint32_t* a, const uint32_t* b, const uint32_t* m) {
  uint32_t difference[N * Stride];
  const uint32_t borrow = subtract<N, Stride>(difference, a, b);
  uint32_t wrapped[N * Stride];
  add<N, Stride>(wrapped, difference, m);
  select<N, Stride>(r, wrapped, difference, 0u - borrow);
}

// Montgomery multiplication, r = a * b / 2^(28N) mod m, by operand scanning with
// lazy accumulation. For a, b < 2m and 4m < 2^(28N) the result is < 2m, so results
// feed straight back in. Each of the N rows adds two 56-bit products per column,
// so a column stays below 2N * 2^56 < 2^64 for N <= 128. r may alias a or b.
template <int N, int Stride = 1>
void montgomeryMultiply(uint32_t* r, const uint32_t* a, const uint32_t* b, const uint32_t* m,
                        uint32_t negInverse) {
  static_assert(N <= 128, "the 64-bit column accumulators would overflow");
  uint64_t t[N] = {};
  for (int i = 0; i < N; ++i) {
    const uint64_t ai = a[i * Stride];
    uint64_t low = t[0] + ai * b[0];
    const uint64_t q = (static_cast<uint32_t>(low) * negInverse) & kLimbMask;
    low += q * m[0];
    const uint64_t carry = low >> kLimbBits;
    for (int j = 1; j < N; ++j) t[j - 1] = t[j] + ai * b[j * Stride] + q * m[j * Stride];
    t[N - 1] = 0;
    t[0] += carry;
  }
  uint64_t carry = 0;
  for (int j = 0; j < N; ++j) {
    carry += t[j];
    r[j * Stride] = static_cast<uint32_t>(carry) & kLimbMask;
    carry >>= kLimbBits;
  }
}

// r = 2^k mod m (fully reduced) by k constant-time doublings; k is public.
template <int N, int Stride = 1>
void powerOfTwo(uint32_t* r, const uint32_t* m, int k) {
  for (int i = 0; i < N; ++i) r[i * Stride] = 0;
  r[0] = 1;
  for (int s = 0; s < k; ++s) {
    uint32_t carry = 0;
    for (int i = 0; i < N; ++i) {
      const uint32_t doubled = (r[i * Stride] << 1) | carry;
      carry = doubled >> kLimbBits;
      r[i * Stride] = doubled & kLimbMask;
    }
    subtractIfAtLeast<N, Stride>(r, m);
  }
}

// r = R^2 mod m for R = 2^(28N), m odd and m < R/4: R * 2^s by doublings, then
// Montgomery squarings double the exponent of 2 (R 2^s -> R 2^2s), which is far
// fewer steps than 28N more doublings.
template <int N, int Stride = 1>
void montgomeryRSquared(uint32_t* r, const uint32_t* m, uint32_t negInverse) {
  constexpr int kRBits = kLimbBits * N;
  int squarings = 0;
  int shift = kRBits;
  while (shift % 2 == 0) {
    shift /= 2;
    ++squarings;
  }
  powerOfTwo<N, Stride>(r, m, kRBits + shift);
  for (int i = 0; i < squarings; ++i) montgomeryMultiply<N, Stride>(r, r, r, m, negInverse);
  subtractIfAtLeast<N, Stride>(r, m);
}

// All ones when a == b (N limbs), else zero.
template <int N, int Stride = 1>
uint32_t equalMask(const uint32_t* a, const uint32_t* b) {
  uint32_t difference = 0;
  for (int i = 0; i < N; ++i) difference |= a[i * Stride] ^ b[i * Stride];
  return equalMask(difference, 0);
}

}  // namespace cfsigner::radix28
