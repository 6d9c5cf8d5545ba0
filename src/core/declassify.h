// Marks a value computed from secrets as public, for the constant-time check: the
// native CFSIGNER_CT build runs signing under Valgrind memcheck with the secrets
// marked undefined, so any branch or memory index on them is reported. A value the
// algorithm publishes anyway (a signature, a rejected nonce's "out of range" bit)
// is declassified where it is produced. Elsewhere this is a no-op.
#pragma once

#include <cstddef>

#if defined(CFSIGNER_CT_CHECK)
#include <valgrind/memcheck.h>
#endif

namespace cfsigner {

inline void declassify(const void* data, size_t size) {
#if defined(CFSIGNER_CT_CHECK)
  VALGRIND_MAKE_MEM_DEFINED(data, size);
#else
  (void)data;
  (void)size;
#endif
}

}  // namespace cfsigner
