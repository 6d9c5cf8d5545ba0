// Constant-time reads of the precomputed table: every entry of a row is loaded and
// masked, so neither a branch nor an address depends on the (secret) digit. The
// SIMD128 form and the portable form read the same layout and return the same
// entry; wasm builds use the SIMD form, native builds the portable one.
#pragma once

#include <cstdint>

#include "point.h"

namespace cfsigner::p256 {

// out = row[digit - 1] for digit in 1..kEntriesPerWindow; all zeros for digit 0.
void selectEntryPortable(AffinePoint& out, const AffinePoint* row, uint32_t digit);
#if defined(__wasm_simd128__)
void selectEntrySimd(AffinePoint& out, const AffinePoint* row, uint32_t digit);
#endif

inline void selectEntry(AffinePoint& out, const AffinePoint* row, uint32_t digit) {
#if defined(__wasm_simd128__)
  selectEntrySimd(out, row, digit);
#else
  selectEntryPortable(out, row, digit);
#endif
}

}  // namespace cfsigner::p256
