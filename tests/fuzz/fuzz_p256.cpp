// libFuzzer: the P-256 kernels of src/core/p256 (fiat-crypto field and scalar
// arithmetic, safegcd inverses, k*G, signing) differentially against Mbed TLS's
// bignum and ECP code. Input: one byte choosing the operation, then two 32-byte
// big-endian operands (missing bytes are zero). Any disagreement aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>

#include "base_multiply.h"
#include "ecdsa_sign.h"
#include "field.h"
#include "modular_inverse.h"
#include "mpi.h"
#include "random.h"
#include "scalar.h"

namespace {

using namespace cfsigner::p256;

using cfsigner::Mpi;

void require(bool condition) {
  if (!condition) std::abort();
}
void ok(int rc) { require(rc == 0); }

Mpi* toMpi(Mpi& out, const Uint256& value) {
  uint8_t bytes[32];
  toBigEndian(bytes, value);
  ok(mbedtls_mpi_read_binary(out.get(), bytes, 32));
  return &out;
}

Uint256 fromMpi(Mpi& value) {
  uint8_t bytes[32];
  ok(mbedtls_mpi_write_binary(value.get(), bytes, 32));
  return fromBigEndian(bytes);
}

bool equal(const Uint256& a, const Uint256& b) { return std::memcmp(a.limb, b.limb, 32) == 0; }

// (a op b) mod m with Mbed TLS; op: 0 mul, 1 add, 2 sub, 3 inverse of a.
Uint256 reference(int op, const Uint256& a, const Uint256& b, const Uint256& m) {
  Mpi x, y, modulus, result;
  toMpi(x, a);
  toMpi(y, b);
  toMpi(modulus, m);
  switch (op) {
    case 0: ok(mbedtls_mpi_mul_mpi(result.get(), x.get(), y.get())); break;
    case 1: ok(mbedtls_mpi_add_mpi(result.get(), x.get(), y.get())); break;
    case 2: ok(mbedtls_mpi_sub_mpi(result.get(), x.get(), y.get())); break;
    default: ok(mbedtls_mpi_inv_mod(result.get(), x.get(), modulus.get())); break;
  }
  ok(mbedtls_mpi_mod_mpi(result.get(), result.get(), modulus.get()));
  return fromMpi(result);
}

mbedtls_ecp_group& group() {
  static mbedtls_ecp_group* loaded = [] {
    auto* g = new mbedtls_ecp_group;
    mbedtls_ecp_group_init(g);
    ok(mbedtls_ecp_group_load(g, MBEDTLS_ECP_DP_SECP256R1));
    return g;
  }();
  return *loaded;
}

Uint256 referenceX(const Uint256& k) {
  Mpi scalar;
  mbedtls_ecp_point point;
  mbedtls_ecp_point_init(&point);
  // Mbed TLS's ecp_mul insists on a generator for its own blinding.
  ok(mbedtls_ecp_mul(&group(), &point, toMpi(scalar, k)->get(), &group().G,
                     cfsigner::RandomGenerator::generate, &cfsigner::sharedRandom()));
  uint8_t bytes[32];
  ok(mbedtls_mpi_write_binary(&point.MBEDTLS_PRIVATE(X), bytes, 32));
  mbedtls_ecp_point_free(&point);
  return fromBigEndian(bytes);
}

void fieldCase(int op, const Uint256& a, const Uint256& b) {
  const FieldElement x = toField(a), y = toField(b);
  FieldElement out;
  switch (op) {
    case 0: mul(out, x, y); break;
    case 1: add(out, x, y); break;
    case 2: sub(out, x, y); break;
    default:
      if (isZeroMask(a)) return;
      out = invert(x);
      break;
  }
  require(equal(fromField(out), reference(op, a, b, kPrime)));
}

void scalarCase(int op, const Uint256& a, const Uint256& b) {
  Uint256 out;
  switch (op) {
    case 0: out = montgomeryMul(scalarToMontgomery(a), b); break;
    case 1: out = scalarAdd(a, b); break;
    case 2: out = scalarAdd(a, scalarNegate(b)); break;
    default:
      if (isZeroMask(a)) return;
      out = invertScalar(a);
      break;
  }
  require(equal(out, reference(op, a, b, kOrder)));
}

// Signs with d = a and nonce k = b; (r, s) must be exactly Mbed TLS's arithmetic.
void signCase(const Uint256& d, const Uint256& k, const uint8_t* hash, size_t hashLength) {
  if (!isValidScalarMask(d) || !isValidScalarMask(k)) return;
  struct OneNonce {
    uint8_t bytes[32];
    static int generate(void* self, unsigned char* out, size_t length) {
      if (length != 32) return -1;
      std::memcpy(out, static_cast<OneNonce*>(self)->bytes, 32);
      return 0;
    }
  } nonce;
  toBigEndian(nonce.bytes, k);
  uint8_t key[32];
  toBigEndian(key, d);
  EcdsaSignature signature;
  const int rc = signP256(signature, key, hash, hashLength, OneNonce::generate, &nonce);
  const Uint256 r = reduceOnce(referenceX(k), kOrder);
  uint8_t eBytes[32] = {};
  std::memcpy(eBytes + 32 - (hashLength < 32 ? hashLength : 32), hash, hashLength < 32 ? hashLength : 32);
  const Uint256 e = reduceOnce(fromBigEndian(eBytes), kOrder);
  const Uint256 s = reference(0, reference(3, k, k, kOrder), reference(1, e, reference(0, r, d, kOrder), kOrder), kOrder);
  if (isZeroMask(r) || isZeroMask(s)) {
    require(rc != 0);  // the one nonce was unusable; the signer asked for another
    return;
  }
  require(rc == 0);
  require(equal(fromBigEndian(signature.r), r));
  require(equal(fromBigEndian(signature.s), s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  uint8_t operands[64] = {};
  std::memcpy(operands, data + 1, size - 1 < 64 ? size - 1 : 64);
  const Uint256 a = fromBigEndian(operands), b = fromBigEndian(operands + 32);
  Uint256 unused;
  const bool belowP = subtract(unused, a, kPrime) && subtract(unused, b, kPrime);
  const bool belowN = subtract(unused, a, kOrder) && subtract(unused, b, kOrder);
  const int op = data[0] % 4;
  switch ((data[0] >> 2) % 4) {
    case 0:
      if (belowP) fieldCase(op, a, b);
      break;
    case 1:
      if (belowN) scalarCase(op, a, b);
      break;
    case 2:
      if (isValidScalarMask(a)) require(equal(baseMultiplyX(a), referenceX(a)));
      break;
    default:
      signCase(a, b, data + 1, size - 1);
      break;
  }
  return 0;
}
