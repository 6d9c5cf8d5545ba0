// libFuzzer: private and public key files, PEM or DER, with or without a
// passphrase (the bytes after the first NUL, when there is one).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "keys.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::optional<cfsigner::SecureBytes> passphrase;
  if (const size_t nul = input.find('\0'); nul != std::string_view::npos) {
    passphrase.emplace(input.substr(nul + 1));
    input = input.substr(0, nul);
  }
  cfsigner::Result<cfsigner::PrivateKey> key = cfsigner::PrivateKey::load(cfsigner::SecureBytes(input), passphrase);
  if (key.ok()) (void)key.value().sign(cfsigner::HashAlgorithm::Sha256, input);
  (void)cfsigner::PublicKey::load(input);
  return 0;
}
