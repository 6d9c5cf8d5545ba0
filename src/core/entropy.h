// The platform CSPRNG, in the shape Mbed TLS wants for a DRBG seed.
#pragma once

#include <cstddef>

namespace cfsigner {

// Fills `output` from getentropy(): the kernel's CSPRNG natively and
// crypto.getRandomValues in WebAssembly. Returns 0, or an Mbed TLS entropy error.
int readPlatformEntropy(void* unused, unsigned char* output, size_t length);

}  // namespace cfsigner
