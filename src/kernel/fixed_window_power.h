// Fixed-window exponentiation over a CRT pair, shared by the scalar and SIMD forms
// (each passes its own multiply and table select). Every window costs the same
// five squarings and one multiply, whatever the exponent bits; the table entry is
// picked by reading the whole table with masks.
#pragma once

#include <cstdint>

#include "crt_pair.h"

namespace cfsigner::crt_pair {

// Bits [position, position + kWindowBits) of a little-endian word array. The
// position is public; the value is used only as a mask input.
inline uint32_t windowAt(const uint32_t* exponent, int position) {
  const int word = position / 32;
  const uint64_t bits = exponent[word] | (static_cast<uint64_t>(exponent[word + 1]) << 32);
  return static_cast<uint32_t>(bits >> (position % 32)) & (kTableSize - 1);
}

// Zeroes a buffer in a way the compiler may not drop (the table holds powers of
// the secret base).
inline void wipePairs(Pair* pairs, int count) {
  volatile uint32_t* limbs = pairs[0].limb;
  for (int i = 0; i < count * kLanes * kPaddedLimbs; ++i) limbs[i] = 0;
}

using MultiplyFn = void (*)(const Moduli&, Pair&, const Pair&, const Pair&);
using SelectFn = void (*)(Pair&, const Pair*, uint32_t, uint32_t);

template <MultiplyFn multiply, SelectFn select>
void fixedWindowPower(const Moduli& moduli, Pair& r, const Pair& base, const uint32_t* expP,
                      const uint32_t* expQ, int bits) {
  Pair table[kTableSize];
  table[0] = moduli.montgomeryOne;
  table[1] = base;
  for (int i = 2; i < kTableSize; ++i) {
    if (i % 2 == 1) {
      multiply(moduli, table[i], table[i - 1], base);
    } else {
      multiply(moduli, table[i], table[i / 2], table[i / 2]);
    }
  }
  const int windows = (bits + kWindowBits - 1) / kWindowBits;
  int position = (windows - 1) * kWindowBits;
  select(r, table, windowAt(expP, position), windowAt(expQ, position));
  Pair entry;
  for (int w = windows - 2; w >= 0; --w) {
    for (int s = 0; s < kWindowBits; ++s) multiply(moduli, r, r, r);
    position = w * kWindowBits;
    select(entry, table, windowAt(expP, position), windowAt(expQ, position));
    multiply(moduli, r, r, entry);
  }
  wipePairs(table, kTableSize);
  wipePairs(&entry, 1);
}

}  // namespace cfsigner::crt_pair
