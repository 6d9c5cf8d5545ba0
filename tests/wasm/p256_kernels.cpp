// The P-256 kernels of src/core/p256, exported from a test-only wasm module so
// tests/js/p256-kernels.test.cjs can check them in wasm, where they ship (SIMD128
// table reads included), against BigInt and node:crypto. Plain integers go in and
// out as eight little-endian 32-bit limbs; Montgomery conversions happen here.
#include <cstdint>
#include <cstring>

#include "base_multiply.h"
#include "base_table.h"
#include "field.h"
#include "modular_inverse.h"
#include "scalar.h"
#include "table_select.h"

using namespace cfsigner::p256;

namespace {

Uint256 load(const uint32_t* limbs) {
  Uint256 value;
  std::memcpy(value.limb, limbs, sizeof value.limb);
  return value;
}

void store(uint32_t* limbs, const Uint256& value) { std::memcpy(limbs, value.limb, sizeof value.limb); }

}  // namespace

extern "C" {

// op: 0 mul, 1 square (a), 2 add, 3 sub, 4 negate (a), 5 invert (a); all mod p.
void p256_field_op(int op, uint32_t* out, const uint32_t* a, const uint32_t* b) {
  const FieldElement x = toField(load(a)), y = toField(load(b));
  FieldElement result;
  switch (op) {
    case 0: mul(result, x, y); break;
    case 1: square(result, x); break;
    case 2: add(result, x, y); break;
    case 3: sub(result, x, y); break;
    case 4: negate(result, x); break;
    default: result = invert(x); break;
  }
  store(out, fromField(result));
}

// op: 0 mul, 1 add, 2 negate (a), 3 invert (a); all mod n.
void p256_scalar_op(int op, uint32_t* out, const uint32_t* a, const uint32_t* b) {
  const Uint256 x = load(a), y = load(b);
  switch (op) {
    case 0: store(out, montgomeryMul(scalarToMontgomery(x), y)); break;
    case 1: store(out, scalarAdd(x, y)); break;
    case 2: store(out, scalarNegate(x)); break;
    default: store(out, invertScalar(x)); break;
  }
}

// x(kG), plain.
void p256_base_multiply_x(uint32_t* out, const uint32_t* k) { store(out, baseMultiplyX(load(k))); }

// Table row `window`, entry `digit`, read by the SIMD form (simd != 0) or the
// portable form: x then y, 16 limbs, still in the Montgomery domain (the raw layout).
void p256_select_entry(int simd, uint32_t* out, uint32_t window, uint32_t digit) {
  const AffinePoint* row = baseTable() + window * kEntriesPerWindow;
  AffinePoint entry;
  if (simd) {
    selectEntrySimd(entry, row, digit);
  } else {
    selectEntryPortable(entry, row, digit);
  }
  std::memcpy(out, entry.x.limb, 32);
  std::memcpy(out + 8, entry.y.limb, 32);
}

}  // extern "C"
