// RAII owner of an mbedtls_mpi. mbedtls_mpi_free zeroizes the limbs.
#pragma once

#include <mbedtls/bignum.h>

namespace cfsigner {

class Mpi {
 public:
  Mpi() { mbedtls_mpi_init(&value_); }
  ~Mpi() { mbedtls_mpi_free(&value_); }
  Mpi(const Mpi&) = delete;
  Mpi& operator=(const Mpi&) = delete;

  mbedtls_mpi* get() { return &value_; }
  const mbedtls_mpi* get() const { return &value_; }

 private:
  mbedtls_mpi value_;
};

}  // namespace cfsigner
