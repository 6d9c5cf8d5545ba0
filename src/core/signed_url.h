// Taking a CloudFront signed URL apart for verification.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "errors.h"

namespace cfsigner {

struct SignedUrlParts {
  // The URL with Expires, Policy, Signature, Key-Pair-Id and Hash-Algorithm
  // removed, other parameters kept in order, and the '?' dropped when no
  // parameter remains. For a URL made by aws-sdk's getSignedUrl this is
  // exactly the encoded base URL that was signed.
  std::string resourceUrl;
  // Parameter values as they appear, percent-decoded; absent when missing.
  std::optional<std::string> expires;
  std::optional<std::string> policy;
  std::optional<std::string> signature;
  std::optional<std::string> keyPairId;
  std::optional<std::string> hashAlgorithm;
};

// Errors: ErrorCode::Malformed (not http(s), fragment, control characters,
// invalid UTF-8, a signing parameter given twice, bad percent-encoding).
Result<SignedUrlParts> splitSignedUrl(std::string_view url);

}  // namespace cfsigner
