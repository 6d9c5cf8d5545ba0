// The precomputed multiples of P-256's base point G behind signing: for window
// i = 0..31 and j = 1..128, the affine point j * 2^(8i) * G. A scalar's signed
// 8-bit digits then pick one entry per window, and k*G is 31 additions with no
// doubling.
//
// 32 * 128 entries of 64 bytes is 262 KB: too big to ship in the wasm (it would not
// compress), so the table is computed at the first signature, in a few milliseconds
// (batched affine additions, one inversion per column of 32 entries). 7-bit windows
// (37 additions over a 151 KB table) signed 5% slower; every row is scanned whole,
// so a wider window costs scan time as well as memory, and 9 bits (29 additions,
// 475 KB) would scan twice as much per window again.
#pragma once

#include <cstddef>

#include "point.h"

namespace cfsigner::p256 {

constexpr int kWindowBits = 8;
constexpr size_t kWindows = (256 + kWindowBits - 1) / kWindowBits;  // 32
constexpr size_t kEntriesPerWindow = size_t{1} << (kWindowBits - 1);  // 128

// Row i (kEntriesPerWindow entries) starts at baseTable() + i * kEntriesPerWindow.
// Built on first call; public data.
const AffinePoint* baseTable();

}  // namespace cfsigner::p256
