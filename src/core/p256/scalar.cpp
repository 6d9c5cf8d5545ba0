#include "scalar.h"

#include "fiat-crypto/p256_scalar_32.c"

namespace cfsigner::p256 {

namespace {
// R^2 mod n (R = 2^256): a Montgomery multiplication by it is the conversion into
// the Montgomery domain, without fiat_p256_scalar_to_montgomery's own copy of the
// multiplication in the wasm.
constexpr Uint256 kRSquared = {{0xbe79eea2, 0x83244c95, 0x49bd6fa6, 0x4699799c, 0x2b6bec59,
                                0x2845b239, 0xf3d95620, 0x66e12d94}};
}  // namespace

Uint256 scalarToMontgomery(const Uint256& a) { return montgomeryMul(a, kRSquared); }

Uint256 montgomeryMul(const Uint256& a, const Uint256& b) {
  Uint256 out;
  fiat_p256_scalar_mul(out.limb, a.limb, b.limb);
  return out;
}

Uint256 scalarAdd(const Uint256& a, const Uint256& b) {
  Uint256 out;
  fiat_p256_scalar_add(out.limb, a.limb, b.limb);
  return out;
}

Uint256 scalarNegate(const Uint256& a) {
  Uint256 out;
  fiat_p256_scalar_opp(out.limb, a.limb);
  return out;
}

}  // namespace cfsigner::p256
