#include "key_fingerprint.h"

#include <array>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include "cloudfront_base64.h"

namespace cfsigner {
namespace {

void sha256Into(std::string_view text, unsigned char* digest) {
  mbedtls_sha256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest, 0);
}

}  // namespace

std::string keyFingerprint(std::string_view keyFile, std::optional<std::string_view> passphrase) {
  // H(H(key file) || has passphrase || H(passphrase)): fixed-size parts, so no two
  // different inputs are laid out the same way.
  std::array<unsigned char, 65> parts{};
  sha256Into(keyFile, parts.data());
  parts[32] = passphrase ? 1 : 0;
  sha256Into(passphrase.value_or(std::string_view()), parts.data() + 33);
  std::array<unsigned char, 32> fingerprint{};
  mbedtls_sha256(parts.data(), parts.size(), fingerprint.data(), 0);
  mbedtls_platform_zeroize(parts.data(), parts.size());

  return cloudFrontBase64Encode(
      std::string_view(reinterpret_cast<const char*>(fingerprint.data()), fingerprint.size()));
}

}  // namespace cfsigner
