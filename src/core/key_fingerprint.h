// A name for a key file and its passphrase, so the one-shot calls can reuse a key
// they parsed before without keeping the key file itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cfsigner {

// SHA-256 over the key file and the passphrase, in CloudFront's base64. An absent
// passphrase and an empty one give different fingerprints, since they can give
// different results (an encrypted key fails differently without one).
std::string keyFingerprint(std::string_view keyFile, std::optional<std::string_view> passphrase);

}  // namespace cfsigner
