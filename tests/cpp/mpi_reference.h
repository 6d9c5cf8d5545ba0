// Mbed TLS's bignum as the independent reference for the kernels (src/kernel/):
// conversions between mbedtls_mpi and the kernels' word and limb layouts.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <mbedtls/bignum.h>

#include "crt_pair.h"
#include "rsa2048_crt.h"

namespace cfsigner::testing {

class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&value_); }
  explicit Mpi(int64_t small) : Mpi() { check(mbedtls_mpi_lset(&value_, small)); }
  ~Mpi() { mbedtls_mpi_free(&value_); }
  Mpi(const Mpi& other) : Mpi() { check(mbedtls_mpi_copy(&value_, &other.value_)); }
  Mpi& operator=(const Mpi& other) {
    check(mbedtls_mpi_copy(&value_, &other.value_));
    return *this;
  }
  mbedtls_mpi* get() { return &value_; }
  const mbedtls_mpi* get() const { return &value_; }

  static void check(int rc) {
    if (rc != 0) throw std::runtime_error("Mbed TLS bignum error " + std::to_string(rc));
  }

 private:
  mbedtls_mpi value_;
};

inline bool operator==(const Mpi& a, const Mpi& b) { return mbedtls_mpi_cmp_mpi(a.get(), b.get()) == 0; }
inline bool operator<(const Mpi& a, const Mpi& b) { return mbedtls_mpi_cmp_mpi(a.get(), b.get()) < 0; }

// Little-endian 32-bit words <-> Mpi.
inline Mpi fromWords(const uint32_t* words, int count) {
  std::vector<unsigned char> bytes(4 * count);
  for (int i = 0; i < count; ++i) {
    for (int b = 0; b < 4; ++b) bytes[4 * i + b] = static_cast<unsigned char>(words[i] >> (8 * b));
  }
  Mpi result;
  Mpi::check(mbedtls_mpi_read_binary_le(result.get(), bytes.data(), bytes.size()));
  return result;
}

inline std::vector<uint32_t> toWords(const Mpi& value, int count) {
  std::vector<unsigned char> bytes(4 * count);
  Mpi::check(mbedtls_mpi_write_binary_le(value.get(), bytes.data(), bytes.size()));
  std::vector<uint32_t> words(count);
  for (int i = 0; i < count; ++i) {
    for (int b = 0; b < 4; ++b) words[i] |= static_cast<uint32_t>(bytes[4 * i + b]) << (8 * b);
  }
  return words;
}

// One lane of a CRT pair (at most 1036 bits), as an Mpi.
inline Mpi laneValue(const crt_pair::Pair& pair, int lane) {
  uint32_t words[33];
  crt_pair::getLane(words, 33, pair, lane);
  return fromWords(words, 33);
}

inline void setLaneValue(crt_pair::Pair& pair, int lane, const Mpi& value) {
  const std::vector<uint32_t> words = toWords(value, 33);
  crt_pair::setLane(pair, lane, words.data(), 33);
}

inline Mpi wideValue(const rsa2048::Wide& wide) {
  uint32_t words[rsa2048::kWords];
  rsa2048::toWords(words, wide);
  return fromWords(words, rsa2048::kWords);
}

inline Mpi mulMod(const Mpi& a, const Mpi& b, const Mpi& m) {
  Mpi product, result;
  Mpi::check(mbedtls_mpi_mul_mpi(product.get(), a.get(), b.get()));
  Mpi::check(mbedtls_mpi_mod_mpi(result.get(), product.get(), m.get()));
  return result;
}

inline Mpi powMod(const Mpi& a, const Mpi& e, const Mpi& m) {
  Mpi result;
  Mpi::check(mbedtls_mpi_exp_mod(result.get(), a.get(), e.get(), m.get(), nullptr));
  return result;
}

// 2^bits.
inline Mpi powerOfTwo(int bits) {
  Mpi result(1);
  Mpi::check(mbedtls_mpi_shift_l(result.get(), bits));
  return result;
}

}  // namespace cfsigner::testing
