// Signed URLs and signed cookies, with the same inputs and output as
// @aws-sdk/cloudfront-signer (parameter order, encoding, policy bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "errors.h"
#include "hash_algorithm.h"
#include "keys.h"
#include "policy.h"

namespace cfsigner {

// CloudFront refuses request URLs longer than this.
constexpr size_t kMaxUrlBytes = 8192;
// Browsers keep cookies up to this size (name, value and attributes).
constexpr size_t kMaxCookieBytes = 4096;

struct SignOptions {
  std::optional<std::string> url;
  std::string keyPairId;
  std::optional<std::string> policy;         // a caller's own policy JSON, signed as given
  std::optional<int64_t> dateLessThan;       // epoch seconds
  std::optional<int64_t> dateGreaterThan;    // epoch seconds
  std::optional<std::string> ipAddress;      // IPv4, optionally with a /mask
  HashAlgorithm algorithm = HashAlgorithm::Sha1;
  // aws-sdk's order, or the AWS CLI's: of the conditions in a policy built from the
  // dates and IP, and of the signing parameters in a URL.
  OutputOrder order = OutputOrder::AwsSdk;
};

struct PolicyOptions {
  std::string resource;                  // used as given: wildcards * and ? allowed
  std::optional<std::string> url;        // instead of resource: encoded as signUrl encodes it
  std::optional<int64_t> dateLessThan;
  std::optional<int64_t> dateGreaterThan;
  std::optional<std::string> ipAddress;
  OutputOrder order = OutputOrder::AwsSdk;
};

struct SignedCookie {
  std::string name;
  std::string value;
  bool isNumber = false;  // CloudFront-Expires is a number in aws-sdk's output
};

Result<std::string> signUrl(const PrivateKey& key, const SignOptions& options);
Result<std::vector<SignedCookie>> signCookies(const PrivateKey& key, const SignOptions& options);
// The exact policy bytes CloudFront expects for these conditions. With `url`, the
// policy signUrl would sign for that URL and these conditions.
Result<std::string> buildPolicy(const PolicyOptions& options);

}  // namespace cfsigner
