// The precomputed multiples of P-256's base point G behind signing: for window
// i = 0..36 and j = 1..64, the affine point j * 2^(7i) * G. A scalar's signed
// 7-bit digits then pick one entry per window, and k*G is 37 additions with no
// doubling.
//
// 37 * 64 entries of 64 bytes is 151 KB: too big to ship in the wasm (it would not
// compress), so the table is computed at the first signature, in about 2 ms
// (batched affine additions, one inversion per column of 37 entries).
#pragma once

#include <cstddef>

#include "point.h"

namespace cfsigner::p256 {

constexpr int kWindowBits = 7;
constexpr size_t kWindows = (256 + kWindowBits - 1) / kWindowBits;  // 37
constexpr size_t kEntriesPerWindow = size_t{1} << (kWindowBits - 1);  // 64

// Row i (kEntriesPerWindow entries) starts at baseTable() + i * kEntriesPerWindow.
// Built on first call; public data.
const AffinePoint* baseTable();

}  // namespace cfsigner::p256
