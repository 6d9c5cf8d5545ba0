// The widening multiplies the SIMD kernel is built on, pinned to the real
// i64x2.extmul_{low,high}_i32x4_u instructions. clang 14 writes the
// wasm_u64x2_extmul_* intrinsics as extend-then-multiply, hoists the extends out
// of loops and emits i64x2.mul, which V8 emulates at half the speed. Inline asm
// keeps the instruction; a build check (tests/wasm/check-kernel-instructions.mjs)
// reads the disassembly to make sure.
#pragma once

#include <wasm_simd128.h>

namespace cfsigner::crt_pair::simd {

// Lanes 0 and 1 of a and b, widened to 64 bits and multiplied.
inline v128_t multiplyLowHalves(v128_t a, v128_t b) {
  v128_t product;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_low_i32x4_u\n\tlocal.set %0"
          : "=r"(product)
          : "r"(a), "r"(b));
  return product;
}

// Lanes 2 and 3 of a and b, widened to 64 bits and multiplied.
inline v128_t multiplyHighHalves(v128_t a, v128_t b) {
  v128_t product;
  __asm__("local.get %1\n\tlocal.get %2\n\ti64x2.extmul_high_i32x4_u\n\tlocal.set %0"
          : "=r"(product)
          : "r"(a), "r"(b));
  return product;
}

}  // namespace cfsigner::crt_pair::simd
