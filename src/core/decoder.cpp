#include "decoder.h"

#include "cloudfront_base64.h"
#include "signed_url.h"

namespace cfsigner {

namespace {

Result<int64_t> parseExpires(const std::string& text) {
  if (text.empty()) return makeError(ErrorCode::Malformed, "Expires is not an epoch time");
  for (const char c : text) {
    if (c < '0' || c > '9') return makeError(ErrorCode::Malformed, "Expires is not an epoch time");
  }
  // Ten digits reach past 2038, so more are refused before they could overflow.
  int64_t value = 0;
  for (size_t i = 0; i < text.size() && i < 11; ++i) value = value * 10 + (text[i] - '0');
  if (text.size() > 10 || value > kMaxEpochSeconds) {
    return makeError(ErrorCode::Malformed, "Expires is after " + std::to_string(kMaxEpochSeconds) +
                                               " (2038-01-19T03:14:07Z), the latest time CloudFront accepts");
  }
  return value;
}

}  // namespace

Result<DecodedRequest> readSigningValues(std::string resourceUrl, const SigningValues& values) {
  if (!values.keyPairId || values.keyPairId->empty()) {
    return makeError(ErrorCode::MissingKeyPairId,
                     "Missing Key-Pair-Id query parameter or cookie value");
  }
  if (!values.signature) return makeError(ErrorCode::Malformed, "the Signature is missing");
  if (values.expires && values.policy) {
    return makeError(ErrorCode::Malformed, "both Expires and Policy are present");
  }
  if (!values.expires && !values.policy) {
    return makeError(ErrorCode::Malformed, "neither Expires nor Policy is present");
  }
  DecodedRequest request;
  request.keyPairId = *values.keyPairId;
  request.resourceUrl = std::move(resourceUrl);
  request.values = values;
  if (values.hashAlgorithm) {
    std::optional<HashAlgorithm> algorithm = parseHashAlgorithm(*values.hashAlgorithm);
    if (!algorithm) return makeError(ErrorCode::Malformed, "Hash-Algorithm must be SHA1 or SHA256");
    request.algorithm = *algorithm;
  }
  request.customPolicy = values.policy.has_value();
  return request;
}

Status decodePolicyAndSignature(DecodedRequest& request) {
  const SigningValues& values = request.values;
  if (request.customPolicy) {
    Result<std::string> policy = cloudFrontBase64Decode(*values.policy);
    if (!policy) return makeError(ErrorCode::Malformed, "the Policy is not CloudFront base64");
    Result<PolicyConditions> conditions = parsePolicy(policy.value());
    if (!conditions) {
      return makeError(ErrorCode::Malformed, "malformed policy: " + conditions.error().message);
    }
    request.policy = std::move(policy).value();
    request.conditions = std::move(conditions).value();
  } else {
    Result<int64_t> expires = parseExpires(*values.expires);
    if (!expires) return expires.error();
    request.conditions.resource = request.resourceUrl;
    request.conditions.dateLessThan = expires.value();
    request.policy = buildPolicyJson(request.conditions);
  }
  Result<std::string> signature = cloudFrontBase64Decode(*values.signature);
  if (!signature) return makeError(ErrorCode::BadSignature, "the Signature is not CloudFront base64");
  request.signature = std::move(signature).value();
  return Ok{};
}

bool resourceCoversUrl(const DecodedRequest& request) {
  const std::optional<std::string>& resource = request.conditions.resource;
  return !request.customPolicy || !resource || resourceMatches(*resource, request.resourceUrl);
}

namespace {

Result<DecodedRequest> decode(std::string resourceUrl, const SigningValues& values) {
  Result<DecodedRequest> request = readSigningValues(std::move(resourceUrl), values);
  if (!request) return request.error();
  if (Status status = decodePolicyAndSignature(request.value()); !status) return status.error();
  return request;
}

}  // namespace

Result<DecodedRequest> decodeSignedUrl(std::string_view url) {
  Result<SignedUrlParts> parts = splitSignedUrl(url);
  if (!parts) return parts.error();
  return decode(std::move(parts.value().resourceUrl), parts.value());
}

Result<DecodedRequest> decodeSignedCookies(std::string_view url, const SigningValues& cookies) {
  return decode(std::string(url), cookies);
}

}  // namespace cfsigner
