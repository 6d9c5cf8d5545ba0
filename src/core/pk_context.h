// RAII owner of an mbedtls_pk_context. mbedtls_pk_free zeroizes the key material.
#pragma once

#include <memory>

#include <mbedtls/pk.h>

namespace cfsigner {

class PkContext {
 public:
  PkContext() { mbedtls_pk_init(&ctx_); }
  ~PkContext() { mbedtls_pk_free(&ctx_); }
  PkContext(const PkContext&) = delete;
  PkContext& operator=(const PkContext&) = delete;

  mbedtls_pk_context* get() { return &ctx_; }
  const mbedtls_pk_context* get() const { return &ctx_; }

 private:
  mbedtls_pk_context ctx_;
};

// Heap-held so keys can move without moving the Mbed TLS context itself.
using PkContextPtr = std::unique_ptr<PkContext>;

}  // namespace cfsigner
