// CloudFront policy documents: building the exact JSON aws-sdk signs,
// validating a caller's custom policy, and resource wildcard matching.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "errors.h"

namespace cfsigner {

// CloudFront's epoch times are 32-bit: 2038-01-19T03:14:07Z is the latest it accepts,
// in a policy, in a canned Expires, and when signing.
constexpr int64_t kMaxEpochSeconds = 2147483647;

struct PolicyConditions {
  std::optional<std::string> resource;
  int64_t dateLessThan = 0;                // epoch seconds
  std::optional<int64_t> dateGreaterThan;  // epoch seconds
  std::optional<std::string> ipAddress;    // normalized CIDR, e.g. "1.2.3.4/32"
};

// Whose order to write a policy's conditions (and a URL's signing parameters) in.
// @aws-sdk/cloudfront-signer puts DateGreaterThan before IpAddress; the AWS CLI
// (botocore) puts IpAddress first. CloudFront reads both, but the signature covers
// the bytes, so reproducing one tool's output needs its order.
enum class OutputOrder { AwsSdk, AwsCli };

// The bytes of aws-sdk's JSON.stringify(buildPolicy(...)), or of botocore's
// build_policy with OutputOrder::AwsCli. Like aws-sdk (which tests
// truthiness), a dateGreaterThan of 0 and an empty ipAddress are left out.
std::string buildPolicyJson(const PolicyConditions& conditions,
                            OutputOrder order = OutputOrder::AwsSdk);

// Validates a custom policy and extracts its conditions.
// Errors: ErrorCode::InvalidPolicy with a message naming the problem.
Result<PolicyConditions> parsePolicy(std::string_view json);

// CloudFront resource matching: '*' matches zero or more characters, '?'
// exactly one (a character is one UTF-8 code point; a byte of invalid UTF-8
// counts as one), everything else literally; the whole URL must match.
bool resourceMatches(std::string_view pattern, std::string_view url);

}  // namespace cfsigner
