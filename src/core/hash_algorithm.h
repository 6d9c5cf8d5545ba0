// The two digests CloudFront signs with. SHA-1 is the default; SHA-256 is chosen
// with the Hash-Algorithm=SHA256 query parameter or CloudFront-Hash-Algorithm cookie.
#pragma once

#include <optional>
#include <string_view>

namespace cfsigner {

enum class HashAlgorithm { Sha1, Sha256 };

inline std::optional<HashAlgorithm> parseHashAlgorithm(std::string_view name) {
  if (name == "SHA1") return HashAlgorithm::Sha1;
  if (name == "SHA256") return HashAlgorithm::Sha256;
  return std::nullopt;
}

inline const char* hashAlgorithmName(HashAlgorithm algorithm) {
  return algorithm == HashAlgorithm::Sha256 ? "SHA256" : "SHA1";
}

}  // namespace cfsigner
