#include "table_select.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

#include "base_table.h"

namespace cfsigner::p256 {

void selectEntryPortable(AffinePoint& out, const AffinePoint* row, uint32_t digit) {
  AffinePoint acc{};
  for (uint32_t j = 0; j < kEntriesPerWindow; ++j) {
    const uint32_t mask = isZeroMask((j + 1) ^ digit);
    for (int w = 0; w < 8; ++w) {
      acc.x.limb[w] |= row[j].x.limb[w] & mask;
      acc.y.limb[w] |= row[j].y.limb[w] & mask;
    }
  }
  out = acc;
}

#if defined(__wasm_simd128__)
void selectEntrySimd(AffinePoint& out, const AffinePoint* row, uint32_t digit) {
  const v128_t target = wasm_i32x4_splat(static_cast<int32_t>(digit));
  const v128_t step = wasm_i32x4_splat(1);
  v128_t index = step;
  v128_t x0 = wasm_i32x4_splat(0), x1 = x0, y0 = x0, y1 = x0;
  for (uint32_t j = 0; j < kEntriesPerWindow; ++j) {
    const v128_t mask = wasm_i32x4_eq(index, target);
    index = wasm_i32x4_add(index, step);
    x0 = wasm_v128_bitselect(wasm_v128_load(&row[j].x.limb[0]), x0, mask);
    x1 = wasm_v128_bitselect(wasm_v128_load(&row[j].x.limb[4]), x1, mask);
    y0 = wasm_v128_bitselect(wasm_v128_load(&row[j].y.limb[0]), y0, mask);
    y1 = wasm_v128_bitselect(wasm_v128_load(&row[j].y.limb[4]), y1, mask);
  }
  wasm_v128_store(&out.x.limb[0], x0);
  wasm_v128_store(&out.x.limb[4], x1);
  wasm_v128_store(&out.y.limb[0], y0);
  wasm_v128_store(&out.y.limb[4], y1);
}
#endif

}  // namespace cfsigner::p256
