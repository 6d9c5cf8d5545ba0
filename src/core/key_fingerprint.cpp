#include "key_fingerprint.h"

#include <algorithm>
#include <array>

#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#include "cloudfront_base64.h"

namespace cfsigner {
namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(const unsigned char* data, size_t size) {
  Digest digest{};
  mbedtls_sha256(data, size, digest.data(), 0);
  return digest;
}

Digest sha256(std::string_view text) {
  return sha256(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

}  // namespace

std::string keyFingerprint(std::string_view keyFile, std::optional<std::string_view> passphrase) {
  // H(H(key file) || has passphrase || H(passphrase)): fixed-size parts, so no two
  // different inputs are laid out the same way.
  std::array<unsigned char, 65> parts{};
  const Digest keyDigest = sha256(keyFile);
  const Digest passphraseDigest = sha256(passphrase.value_or(std::string_view()));
  std::copy(keyDigest.begin(), keyDigest.end(), parts.begin());
  parts[32] = passphrase ? 1 : 0;
  std::copy(passphraseDigest.begin(), passphraseDigest.end(), parts.begin() + 33);
  const Digest fingerprint = sha256(parts.data(), parts.size());
  mbedtls_platform_zeroize(parts.data(), parts.size());

  return cloudFrontBase64Encode(
      std::string_view(reinterpret_cast<const char*>(fingerprint.data()), fingerprint.size()));
}

}  // namespace cfsigner
