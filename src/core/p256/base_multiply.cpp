// Signed fixed windows over the precomputed table (base_table.h): k is written as
// sum d_i 2^(wi) with w = kWindowBits (8) and digits d_i in [-2^(w-1), 2^(w-1)]
// (Booth recoding), and k * G is the sum of the 32 table entries |d_i| 2^(wi) G,
// negated where d_i < 0: 31 mixed additions (the first entry starts the sum), no
// doublings.
//
// Why addMixed's missing doubling case is never reached: k is first replaced by
// min(k, n - k) (same x coordinate), so k < 2^255. Before window i the accumulator
// is an integer a with |a| < 2^(wi-1), and the entry added is d 2^(wi) with
// 1 <= |d| and |d 2^(wi)| <= 2^255 (the top digit is at most 2^(w-1) because bit
// 255 of k is 0). So a != ±d 2^(wi), and their difference is below n in size, so
// the points differ too. The accumulator is the point at infinity exactly while
// every digit so far is 0, which a mask tracks.
#include "base_multiply.h"

#include "base_table.h"
#include "modular_inverse.h"
#include "point.h"
#include "table_select.h"

namespace cfsigner::p256 {

namespace {

// kWindowBits + 1 bits of k from bit `start` (which may be -1; bits outside k are 0).
// `start` is public.
uint32_t windowBits(const Uint256& k, int start) {
  const auto bit = [&k](int position) -> uint32_t {
    if (position < 0 || position >= 256) return 0;
    return (k.limb[position / 32] >> (position % 32)) & 1;
  };
  uint32_t bits = 0;
  for (int b = 0; b <= kWindowBits; ++b) bits |= bit(start + b) << b;
  return bits;
}

struct SignedDigit {
  uint32_t magnitude;     // 0..64
  uint32_t negativeMask;  // all-ones when the digit is negative
};

// Booth recoding of one window (as in BoringSSL's ec_GFp_nistp_recode_scalar_bits,
// for any width): the window's bits plus the carry from the bit below it.
SignedDigit recode(uint32_t bits) {
  const uint32_t negative = maskFromBit(bits >> kWindowBits);
  uint32_t value = ((1u << (kWindowBits + 1)) - bits - 1) & negative;
  value |= bits & ~negative;
  return {(value >> 1) + (value & 1), negative};
}

}  // namespace

Uint256 baseMultiplyX(const Uint256& k) {
  Uint256 scalar, negated;
  subtract(negated, kOrder, k);
  select(scalar, maskFromBit(k.limb[7] >> 31), negated, k);

  const AffinePoint* table = baseTable();
  // Window i's signed entry: the digit's table entry, negated for a negative digit.
  const auto signedEntry = [&](size_t i, AffinePoint& entry) {
    const SignedDigit digit = recode(windowBits(scalar, static_cast<int>(i) * kWindowBits - 1));
    selectEntry(entry, table + i * kEntriesPerWindow, digit.magnitude);
    FieldElement negatedY;
    negate(negatedY, entry.y);
    select(entry.y, digit.negativeMask, negatedY, entry.y);
    return isZeroMask(digit.magnitude);  // the entry is the point at infinity
  };
  // The first window's entry is the accumulator itself (Z = 1): one addition fewer.
  AffinePoint entry;
  uint32_t accIsInfinity = signedEntry(0, entry);
  JacobianPoint acc{entry.x, entry.y, fieldOne()};
  for (size_t i = 1; i < kWindows; ++i) {
    const uint32_t entryIsInfinity = signedEntry(i, entry);
    addMixed(acc, acc, accIsInfinity, entry, entryIsInfinity);
    accIsInfinity &= entryIsInfinity;
  }

  // x = X / Z^2.
  FieldElement zInverse, x;
  zInverse = invert(acc.z);
  square(zInverse, zInverse);
  mul(x, acc.x, zInverse);
  return fromField(x);
}

}  // namespace cfsigner::p256
