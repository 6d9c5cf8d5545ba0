#include "rsa2048_crt.h"

namespace cfsigner::rsa2048 {

namespace {

using crt_pair::kLanes;
using crt_pair::Pair;
constexpr int kHalf = crt_pair::kLimbs;  // limbs of a residue mod p or q

void multiplyPair(const CrtKey& key, Pair& r, const Pair& a, const Pair& b) {
  crt_pair::selected::montgomeryMultiply(key.moduli, r, a, b);
}

}  // namespace

void setUpPublicKey(PublicKey& key, const uint32_t* n, uint32_t e) {
  radix28::fromWords<kLimbs>(key.modulus.limb, n, kWords);
  key.negInverse = radix28::negativeInverse(n[0]);
  radix28::montgomeryRSquared<kLimbs>(key.rSquared.limb, key.modulus.limb, key.negInverse);
  key.exponent = e;
}

void setUpCrtKey(CrtKey& key, const uint32_t* p, const uint32_t* q, const uint32_t* qInverse) {
  key = CrtKey{};
  const uint32_t* primes[kLanes] = {p, q};
  for (int lane = 0; lane < kLanes; ++lane) {
    uint32_t* modulus = key.moduli.modulus.limb + lane;
    crt_pair::setLane(key.moduli.modulus, lane, primes[lane], kPrimeWords);
    key.moduli.negInverse[lane] = radix28::negativeInverse(primes[lane][0]);
    radix28::powerOfTwo<kHalf, kLanes>(key.moduli.montgomeryOne.limb + lane, modulus,
                                       radix28::kLimbBits * kHalf);
    radix28::montgomeryRSquared<kHalf, kLanes>(key.rSquared.limb + lane, modulus,
                                               key.moduli.negInverse[lane]);
  }
  multiplyPair(key, key.rCubed, key.rSquared, key.rSquared);
  crt_pair::reduceOnce(key.moduli, key.rCubed);
  Pair qInversePair = {};
  crt_pair::setLane(qInversePair, 0, qInverse, kPrimeWords);
  multiplyPair(key, key.qInverseR, qInversePair, key.rSquared);
  crt_pair::reduceOnce(key.moduli, key.qInverseR);
}

void toWide(Wide& r, const uint32_t* words) { radix28::fromWords<kLimbs>(r.limb, words, kWords); }

void toWords(uint32_t* words, const Wide& a) { radix28::toWords<kLimbs>(words, kWords, a.limb); }

void multiplyMontgomery(const PublicKey& key, Wide& r, const Wide& a, const Wide& b) {
  radix28::montgomeryMultiply<kLimbs>(r.limb, a.limb, b.limb, key.modulus.limb, key.negInverse);
  radix28::subtractIfAtLeast<kLimbs>(r.limb, key.modulus.limb);
}

void toMontgomery(const PublicKey& key, Wide& r, const Wide& a) {
  multiplyMontgomery(key, r, a, key.rSquared);
}

void powerPublic(const PublicKey& key, Wide& r, const Wide& a) {
  Wide base;
  toMontgomery(key, base, a);
  Wide power = base;
  int top = 31;
  while (top > 0 && ((key.exponent >> top) & 1) == 0) --top;
  for (int bit = top - 1; bit >= 0; --bit) {
    multiplyMontgomery(key, power, power, power);
    if ((key.exponent >> bit) & 1) multiplyMontgomery(key, power, power, base);
  }
  const Wide one = {{1}};
  multiplyMontgomery(key, r, power, one);
}

uint32_t equalMask(const Wide& a, const Wide& b) { return radix28::equalMask<kLimbs>(a.limb, b.limb); }

void splitToMontgomery(const CrtKey& key, Pair& r, const Wide& x) {
  // x = high R + low with R = 2^1036, so x R = high R^2 + low R (mod p and mod q).
  Pair low = {};
  Pair high = {};
  for (int j = 0; j < kHalf; ++j) {
    for (int lane = 0; lane < kLanes; ++lane) {
      low.limb[kLanes * j + lane] = x.limb[j];
      high.limb[kLanes * j + lane] = x.limb[kHalf + j];
    }
  }
  multiplyPair(key, high, high, key.rCubed);
  crt_pair::reduceOnce(key.moduli, high);
  multiplyPair(key, low, low, key.rSquared);
  crt_pair::reduceOnce(key.moduli, low);
  for (int lane = 0; lane < kLanes; ++lane) {
    radix28::add<kHalf, kLanes>(r.limb + lane, high.limb + lane, low.limb + lane);
  }
}

void leaveMontgomery(const CrtKey& key, Pair& r, const Pair& a) {
  Pair one = {};
  one.limb[0] = 1;
  one.limb[1] = 1;
  multiplyPair(key, r, a, one);
  crt_pair::reduceOnce(key.moduli, r);
}

void recombine(const CrtKey& key, Wide& r, const Pair& residues) {
  const uint32_t* p = key.moduli.modulus.limb;   // lane 0
  const uint32_t* q = key.moduli.modulus.limb + 1;  // lane 1
  const uint32_t* sp = residues.limb;
  const uint32_t* sq = residues.limb + 1;
  // Work in lane 0 (mod p): sq < q < 2p, so one conditional subtraction reduces it.
  Pair h = {};
  for (int j = 0; j < kHalf; ++j) h.limb[kLanes * j] = sq[kLanes * j];
  radix28::subtractIfAtLeast<kHalf, kLanes>(h.limb, p);
  radix28::subtractMod<kHalf, kLanes>(h.limb, sp, h.limb, p);
  radix28::montgomeryMultiply<kHalf, kLanes>(h.limb, h.limb, key.qInverseR.limb, p,
                                              key.moduli.negInverse[0]);
  radix28::subtractIfAtLeast<kHalf, kLanes>(h.limb, p);
  // r = h q + sq, by product scanning (< N, so it fits 74 limbs).
  uint64_t column = 0;
  for (int k = 0; k < kLimbs; ++k) {
    const int first = k - (kHalf - 1) > 0 ? k - (kHalf - 1) : 0;
    const int last = k < kHalf - 1 ? k : kHalf - 1;
    for (int i = first; i <= last; ++i) {
      column += static_cast<uint64_t>(h.limb[kLanes * i]) * q[kLanes * (k - i)];
    }
    if (k < kHalf) column += sq[kLanes * k];
    r.limb[k] = static_cast<uint32_t>(column) & radix28::kLimbMask;
    column >>= radix28::kLimbBits;
  }
  volatile uint32_t* wipe = h.limb;
  for (int i = 0; i < kLanes * crt_pair::kPaddedLimbs; ++i) wipe[i] = 0;
}

}  // namespace cfsigner::rsa2048
