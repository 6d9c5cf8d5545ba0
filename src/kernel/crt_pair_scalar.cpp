// The portable form of the CRT pair kernel: each lane is an ordinary 28-bit-limb
// Montgomery multiply with stride 2.
#include "crt_pair.h"
#include "fixed_window_power.h"

namespace cfsigner::crt_pair::scalar {

void montgomeryMultiply(const Moduli& moduli, Pair& r, const Pair& a, const Pair& b) {
  for (int lane = 0; lane < kLanes; ++lane) {
    radix28::montgomeryMultiply<kLimbs, kLanes>(r.limb + lane, a.limb + lane, b.limb + lane,
                                                moduli.modulus.limb + lane,
                                                moduli.negInverse[lane]);
  }
}

void tableSelect(Pair& r, const Pair* table, uint32_t indexP, uint32_t indexQ) {
  Pair selected = {};
  for (int k = 0; k < kTableSize; ++k) {
    const uint32_t mask[kLanes] = {radix28::equalMask(static_cast<uint32_t>(k), indexP),
                                   radix28::equalMask(static_cast<uint32_t>(k), indexQ)};
    for (int i = 0; i < kLanes * kPaddedLimbs; ++i) {
      selected.limb[i] |= table[k].limb[i] & mask[i % kLanes];
    }
  }
  r = selected;
}

void power(const Moduli& moduli, Pair& r, const Pair& base, const uint32_t* expP,
           const uint32_t* expQ, int bits) {
  fixedWindowPower<montgomeryMultiply, tableSelect>(moduli, r, base, expP, expQ, bits);
}

}  // namespace cfsigner::crt_pair::scalar
