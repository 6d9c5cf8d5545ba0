// Hooks for the constant-time check (tests/ct): in a CFSIGNER_CT build, Valgrind
// memcheck treats secrets as uninitialized memory, so any branch or memory index
// that depends on one is reported. Secrets are marked where they enter (the key
// values as exported from Mbed TLS, each random draw); values that are public by
// design (the signature, the check's verdict) are declassified where they leave.
// In every other build both calls are empty.
#pragma once

#include <cstddef>

#if defined(CFSIGNER_CT)
#include <valgrind/memcheck.h>
#endif

namespace cfsigner {

inline void markSecret(const void* data, size_t size) {
#if defined(CFSIGNER_CT)
  VALGRIND_MAKE_MEM_UNDEFINED(data, size);
#else
  (void)data;
  (void)size;
#endif
}

inline void declassify(const void* data, size_t size) {
#if defined(CFSIGNER_CT)
  VALGRIND_MAKE_MEM_DEFINED(data, size);
#else
  (void)data;
  (void)size;
#endif
}

}  // namespace cfsigner
