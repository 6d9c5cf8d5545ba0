#include "verifier.h"

#include "cloudfront_base64.h"
#include "ip_range.h"
#include "signed_url.h"

namespace cfsigner {

namespace {

Result<int64_t> parseExpires(const std::string& text) {
  // Ten digits reach past 2038; more cannot be an epoch CloudFront accepts.
  if (text.empty() || text.size() > 10) {
    return makeError(ErrorCode::Malformed, "Expires is not an epoch time");
  }
  int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return makeError(ErrorCode::Malformed, "Expires is not an epoch time");
    value = value * 10 + (c - '0');
  }
  if (value > kMaxEpochSeconds) {
    return makeError(ErrorCode::Malformed, "Expires is after " + std::to_string(kMaxEpochSeconds) +
                                               " (2038-01-19T03:14:07Z), the latest time CloudFront accepts");
  }
  return value;
}

Status checkConditions(const VerifiedRequest& request, const VerifyOptions& options) {
  const PolicyConditions& conditions = request.conditions;
  if (request.customPolicy && conditions.resource &&
      !resourceMatches(*conditions.resource, request.resourceUrl)) {
    return makeError(ErrorCode::ResourceMismatch, "the policy's Resource does not cover this URL");
  }
  if (options.now >= conditions.dateLessThan) {
    return makeError(ErrorCode::Expired, "the signature expired at epoch " +
                                             std::to_string(conditions.dateLessThan));
  }
  if (conditions.dateGreaterThan && options.now < *conditions.dateGreaterThan) {
    return makeError(ErrorCode::NotYetValid, "the signature is valid only from epoch " +
                                                 std::to_string(*conditions.dateGreaterThan));
  }
  if (conditions.ipAddress) {
    if (!options.sourceIp) {
      return makeError(ErrorCode::IpMismatch, "the policy allows only " + *conditions.ipAddress +
                                                  "; pass the viewer's sourceIp to check it");
    }
    Result<bool> inRange = ipInRange(*conditions.ipAddress, *options.sourceIp);
    if (!inRange) return inRange.error();
    if (!inRange.value()) {
      return makeError(ErrorCode::IpMismatch, "the source IP is outside " + *conditions.ipAddress);
    }
  }
  return Ok{};
}

Result<VerifiedRequest> verify(std::string resourceUrl, const SigningValues& values,
                               const PublicKeyLookup& lookup, const VerifyOptions& options) {
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
  VerifiedRequest request;
  request.keyPairId = *values.keyPairId;
  request.resourceUrl = std::move(resourceUrl);
  if (values.hashAlgorithm) {
    std::optional<HashAlgorithm> algorithm = parseHashAlgorithm(*values.hashAlgorithm);
    if (!algorithm) return makeError(ErrorCode::Malformed, "Hash-Algorithm must be SHA1 or SHA256");
    request.algorithm = *algorithm;
  }

  Result<PublicKey> key = lookup(request.keyPairId);
  if (!key) return key.error();

  if (values.policy) {
    Result<std::string> policy = cloudFrontBase64Decode(*values.policy);
    if (!policy) return makeError(ErrorCode::Malformed, "the Policy is not CloudFront base64");
    Result<PolicyConditions> conditions = parsePolicy(policy.value());
    if (!conditions) {
      return makeError(ErrorCode::Malformed, "malformed policy: " + conditions.error().message);
    }
    request.policy = std::move(policy).value();
    request.conditions = std::move(conditions).value();
    request.customPolicy = true;
  } else {
    Result<int64_t> expires = parseExpires(*values.expires);
    if (!expires) return expires.error();
    request.conditions.resource = request.resourceUrl;
    request.conditions.dateLessThan = expires.value();
    request.policy = buildPolicyJson(request.conditions);
  }

  Result<std::string> signature = cloudFrontBase64Decode(*values.signature);
  if (!signature || !key.value().verify(request.algorithm, request.policy, signature.value())) {
    return makeError(ErrorCode::BadSignature, "the signature does not match");
  }
  if (Status status = checkConditions(request, options); !status) return status.error();
  return request;
}

}  // namespace

Result<VerifiedRequest> verifySignedUrl(std::string_view url, const PublicKeyLookup& lookup,
                                        const VerifyOptions& options) {
  Result<SignedUrlParts> parts = splitSignedUrl(url);
  if (!parts) return parts.error();
  SignedUrlParts& p = parts.value();
  const SigningValues values{p.expires, p.policy, p.signature, p.keyPairId, p.hashAlgorithm};
  return verify(std::move(p.resourceUrl), values, lookup, options);
}

Result<VerifiedRequest> verifySignedCookies(std::string_view url, const SigningValues& cookies,
                                            const PublicKeyLookup& lookup,
                                            const VerifyOptions& options) {
  return verify(std::string(url), cookies, lookup, options);
}

}  // namespace cfsigner
