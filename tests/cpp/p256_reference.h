// Mbed TLS's own bignum and ECP code as the independent reference for the P-256
// arithmetic in src/core/p256 (which is fiat-crypto, not Mbed TLS).
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <string>
#include <random>
#include <stdexcept>

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>

#include "limbs.h"
#include "random.h"

namespace cfsigner::p256::testing {

class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&value_); }
  explicit Mpi(const Uint256& limbs) : Mpi() { set(limbs); }
  ~Mpi() { mbedtls_mpi_free(&value_); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;

  void set(const Uint256& limbs) {
    uint8_t bytes[32];
    toBigEndian(bytes, limbs);
    check(mbedtls_mpi_read_binary(&value_, bytes, sizeof bytes));
  }
  Uint256 limbs() const {
    uint8_t bytes[32];
    check(mbedtls_mpi_write_binary(&value_, bytes, sizeof bytes));
    return fromBigEndian(bytes);
  }
  mbedtls_mpi* get() { return &value_; }
  const mbedtls_mpi* get() const { return &value_; }

  static void check(int rc) {
    if (rc != 0) throw std::runtime_error("Mbed TLS error " + std::to_string(rc));
  }

 private:
  mbedtls_mpi value_;
};

class Group {
 public:
  Group() {
    mbedtls_ecp_group_init(&group_);
    Mpi::check(mbedtls_ecp_group_load(&group_, MBEDTLS_ECP_DP_SECP256R1));
  }
  ~Group() { mbedtls_ecp_group_free(&group_); }
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;
  mbedtls_ecp_group* get() { return &group_; }

 private:
  mbedtls_ecp_group group_;
};

class Point {
 public:
  Point() { mbedtls_ecp_point_init(&point_); }
  ~Point() { mbedtls_ecp_point_free(&point_); }
  Point(const Point&) = delete;
  Point& operator=(const Point&) = delete;
  mbedtls_ecp_point* get() { return &point_; }
  Uint256 x() const { return limbsOf(&point_.MBEDTLS_PRIVATE(X)); }
  Uint256 y() const { return limbsOf(&point_.MBEDTLS_PRIVATE(Y)); }

 private:
  static Uint256 limbsOf(const mbedtls_mpi* value) {
    uint8_t bytes[32];
    Mpi::check(mbedtls_mpi_write_binary(value, bytes, sizeof bytes));
    return fromBigEndian(bytes);
  }
  mbedtls_ecp_point point_;
};

// Random test operands below a modulus, from a fixed seed (failures reproduce).
class Operands {
 public:
  explicit Operands(uint64_t seed) : engine_(seed) {}
  Uint256 below(const Uint256& modulus) {
    for (;;) {
      Uint256 value;
      for (uint32_t& word : value.limb) word = static_cast<uint32_t>(engine_());
      // Mostly uniform, sometimes with long runs of 0 or 1 bits (carry paths).
      const uint32_t shape = static_cast<uint32_t>(engine_()) % 8;
      if (shape == 0) value.limb[engine_() % 8] = 0;
      if (shape == 1) value.limb[engine_() % 8] = 0xffffffff;
      Uint256 unused;
      if (subtract(unused, value, modulus)) return value;
    }
  }

 private:
  std::mt19937_64 engine_;
};

// Mbed TLS's ecp_mul needs a generator (for its own blinding).
inline int testRandom(void*, unsigned char* out, size_t length) {
  return RandomGenerator::generate(&sharedRandom(), out, length);
}

// k * P by Mbed TLS.
inline void referenceMul(mbedtls_ecp_group* group, mbedtls_ecp_point* out, const mbedtls_mpi* k,
                         const mbedtls_ecp_point* p) {
  Mpi::check(mbedtls_ecp_mul(group, out, k, p, testRandom, nullptr));
}

inline Uint256 fromHex(const char* hex) {
  Mpi value;
  Mpi::check(mbedtls_mpi_read_string(value.get(), 16, hex));
  return value.limbs();
}

}  // namespace cfsigner::p256::testing

namespace cfsigner::p256 {

inline bool operator==(const Uint256& a, const Uint256& b) {
  return std::memcmp(a.limb, b.limb, sizeof a.limb) == 0;
}

// GoogleTest prints failing values in hex, most significant limb first.
inline void PrintTo(const Uint256& value, std::ostream* out) {
  char text[8 * 8 + 1];
  for (int i = 0; i < 8; ++i) std::snprintf(text + 8 * i, 9, "%08x", value.limb[7 - i]);
  *out << text;
}

}  // namespace cfsigner::p256
