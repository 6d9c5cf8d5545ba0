// The only place the library draws entropy. Mbed TLS's own platform source would
// read /dev/urandom, which in wasm is Emscripten's emulated filesystem; getentropy()
// goes straight to the platform's CSPRNG instead.
#include "entropy.h"

#include <algorithm>

#include <mbedtls/entropy.h>
#include <unistd.h>
#if defined(__EMSCRIPTEN__)
#include <sys/random.h>
#endif

namespace cfsigner {

int readPlatformEntropy(void* /*unused*/, unsigned char* output, size_t length) {
  constexpr size_t kMaxPerCall = 256;  // getentropy() refuses more
  while (length > 0) {
    const size_t chunk = std::min(length, kMaxPerCall);
    if (getentropy(output, chunk) != 0) {
      return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
    }
    output += chunk;
    length -= chunk;
  }
  return 0;
}

}  // namespace cfsigner
