// Taking a CloudFront signed URL apart for verification.
#pragma once

#include <string>
#include <string_view>

#include "errors.h"
#include "signing_parameters.h"

namespace cfsigner {

// The signing parameters' values as they appear, percent-decoded; absent when missing.
struct SignedUrlParts : SigningValues {
  // The URL with Expires, Policy, Signature, Key-Pair-Id and Hash-Algorithm
  // removed, other parameters kept in order, and the '?' dropped when no
  // parameter remains. For a URL made by aws-sdk's getSignedUrl this is
  // exactly the encoded base URL that was signed.
  std::string resourceUrl;
};

// Errors: ErrorCode::Malformed (not http(s), fragment, control characters,
// invalid UTF-8, a signing parameter given twice, bad percent-encoding).
Result<SignedUrlParts> splitSignedUrl(std::string_view url);

}  // namespace cfsigner
